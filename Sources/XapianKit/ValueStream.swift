internal import CXapianShim

/// The values of one slot, read in ascending document order: a step along Xapian's value
/// chunks instead of a lookup per document, for reading many documents' values (a count's
/// facets). Not thread-safe, like the `Database` it reads.
public final class ValueStream {
    private let handle: OpaquePointer

    public init(database: Database, slot: ValueSlot) throws(XapianError) {
        handle = try make { err in cx_database_valuestream(database.handle, slot, err) }
    }

    deinit { cx_valuestream_free(handle) }

    /// The value of a document, as bytes; empty if unset. Documents must come in ascending
    /// order (an earlier one is an error).
    public func value(of id: DocID) throws(XapianError) -> [UInt8] {
        try fetchBytes { out, len, err in cx_valuestream_value(handle, id, out, len, err) }
    }
}
