internal import CXapianShim

/// A page of match results with estimates of the total; a random-access collection of
/// `MSetItem`s.
///
/// Not thread-safe. Independent of the `Enquire` that made it.
public final class MSet: RandomAccessCollection {
    let handle: OpaquePointer

    init(handle: OpaquePointer) {
        self.handle = handle
    }

    deinit { cx_mset_free(handle) }

    public var startIndex: Int { 0 }
    public var endIndex: Int { cx_mset_size(handle) }

    /// The item at position (0-based within this page).
    public subscript(position: Int) -> MSetItem {
        precondition(position >= 0 && position < endIndex, "MSet index out of range")
        var item = cx_mset_item()
        mustCheck { err in cx_mset_get_item(handle, position, &item, err) }
        return MSetItem(docID: item.docid, weight: item.weight, percent: Int(item.percent),
                        collapseCount: Int(item.collapse_count))
    }

    /// Estimated number of matching documents.
    public var matchesEstimated: Int { Int(cx_mset_get_matches_estimated(handle)) }
    /// A lower bound on the number of matching documents.
    public var matchesLowerBound: Int { Int(cx_mset_get_matches_lower_bound(handle)) }
    /// An upper bound on the number of matching documents.
    public var matchesUpperBound: Int { Int(cx_mset_get_matches_upper_bound(handle)) }
}

/// One result in an `MSet`.
public struct MSetItem {
    /// The document id.
    public let docID: DocID
    /// The document's weight for the query.
    public let weight: Double
    /// Weight as a percentage of the best possible (0–100).
    public let percent: Int
    /// How many other documents with the same collapse key were dropped (a lower bound).
    public let collapseCount: Int
}
