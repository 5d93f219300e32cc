internal import CXapianShim

/// A set of documents marked relevant, for `Enquire.expandTerms` ("more like these").
///
/// Not thread-safe.
public final class RSet {
    let handle: OpaquePointer

    /// An empty relevance set.
    public init() {
        handle = mustMake { err in cx_rset_new(err) }
    }

    /// A relevance set holding ids.
    public convenience init(_ ids: some Sequence<DocID>) {
        self.init()
        for id in ids { add(id) }
    }

    deinit { cx_rset_free(handle) }

    /// Marks a document relevant.
    public func add(_ id: DocID) {
        mustCheck { err in cx_rset_add_document(handle, id, err) }
    }

    /// Number of documents in the set.
    public var count: Int { cx_rset_size(handle) }
}
