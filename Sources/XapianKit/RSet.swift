internal import CXapianShim

/// A set of documents marked relevant, for `Enquire.expandTerms` ("more like these").
///
/// Not thread-safe.
public final class RSet {
    let handle: OpaquePointer

    /// A relevance set holding ids.
    public init(_ ids: some Sequence<DocID>) {
        let handle = mustMake { err in cx_rset_new(err) }
        for id in ids { mustCheck { err in cx_rset_add_document(handle, id, err) } }
        self.handle = handle
    }

    deinit { cx_rset_free(handle) }
}
