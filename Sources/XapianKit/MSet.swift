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

    /// Flags for `snippet`.
    public struct SnippetFlags: OptionSet, Sendable {
        public let rawValue: UInt32
        public init(rawValue: UInt32) { self.rawValue = rawValue }
        /// Prefer passages with informative non-query words (costs database lookups).
        public static let backgroundModel = SnippetFlags(rawValue: UInt32(CX_SNIPPET_BACKGROUND_MODEL))
        /// Consider every candidate passage instead of stopping at a good one.
        public static let exhaustive = SnippetFlags(rawValue: UInt32(CX_SNIPPET_EXHAUSTIVE))
        /// Return `""` if nothing in the text matches.
        public static let emptyWithoutMatch = SnippetFlags(rawValue: UInt32(CX_SNIPPET_EMPTY_WITHOUT_MATCH))
        /// CJK text as n-grams.
        public static let cjkNgram = SnippetFlags(rawValue: UInt32(CX_SNIPPET_CJK_NGRAM))
        /// Xapian's default: `[.backgroundModel, .exhaustive]`.
        public static let `default`: SnippetFlags = [.backgroundModel, .exhaustive]
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { cx_mset_size(handle) }

    /// The item at position (0-based within this page).
    public subscript(position: Int) -> MSetItem {
        precondition(position >= 0 && position < endIndex, "MSet index out of range")
        var item = cx_mset_item()
        mustCheck { err in cx_mset_get_item(handle, position, &item, err) }
        return MSetItem(mset: self, index: position, docID: item.docid, rank: Int(item.rank), weight: item.weight,
                        percent: Int(item.percent), collapseCount: Int(item.collapse_count))
    }

    /// All items of this page.
    public var items: [MSetItem] { Array(self) }

    /// Rank of the first item (the `first` passed to `Enquire.mset`).
    public var firstItem: Int { Int(cx_mset_get_firstitem(handle)) }
    /// Estimated number of matching documents.
    public var matchesEstimated: Int { Int(cx_mset_get_matches_estimated(handle)) }
    /// A lower bound on the number of matching documents.
    public var matchesLowerBound: Int { Int(cx_mset_get_matches_lower_bound(handle)) }
    /// An upper bound on the number of matching documents.
    public var matchesUpperBound: Int { Int(cx_mset_get_matches_upper_bound(handle)) }
    /// The highest weight any document could have had.
    public var maxPossible: Double { cx_mset_get_max_possible(handle) }
    /// The highest weight of any matching document.
    public var maxAttained: Double { cx_mset_get_max_attained(handle) }

    /// Number of documents indexed by term (a term of the query).
    public func termFrequency(_ term: String) throws(XapianError) -> Int {
        var n: UInt32 = 0
        try check { err in withBytes(term) { t, tn in cx_mset_get_termfreq(handle, t, tn, &n, err) } }
        return Int(n)
    }

    /// The maximum weight term contributed; throws `InvalidArgumentError` if term is not in the query.
    public func termWeight(_ term: String) throws(XapianError) -> Double {
        var w = 0.0
        try check { err in withBytes(term) { t, tn in cx_mset_get_termweight(handle, t, tn, &w, err) } }
        return w
    }

    /// The best passage of about length bytes from text for this result set's query, with
    /// matches wrapped in highlight.0/highlight.1 and omit where text was cut. stemmer must
    /// match the query parser's (`""` for none). Xapian HTML-escapes the text (`&amp;`,
    /// `&lt;`, `&gt;`, `&quot;`); the markers are inserted as given.
    public func snippet(text: String, length: Int = 500, stemmer: String = "", flags: SnippetFlags = .default,
                        highlight: (String, String) = ("<b>", "</b>"), omit: String = "...") throws(XapianError) -> String {
        try fetchString { out, len, err in
            withBytes(text) { t, tn in
                withBytes(highlight.0) { hs, hsn in
                    withBytes(highlight.1) { he, hen in
                        withBytes(omit) { o, on in
                            cx_mset_snippet(handle, t, tn, length, stemmer, flags.rawValue, hs, hsn, he, hen, o, on,
                                            out, len, err)
                        }
                    }
                }
            }
        }
    }
}

/// One result in an `MSet`.
public struct MSetItem {
    /// The MSet this item belongs to (kept alive by the item).
    public let mset: MSet
    /// Position within the MSet page (0-based).
    public let index: Int
    /// The document id.
    public let docID: DocID
    /// Rank in the whole result list (0-based; `index + mset.firstItem`).
    public let rank: Int
    /// The document's weight for the query.
    public let weight: Double
    /// Weight as a percentage of the best possible (0–100).
    public let percent: Int
    /// How many other documents with the same collapse key were dropped (a lower bound).
    public let collapseCount: Int

    /// The matching document (data, values, terms).
    public func document() throws(XapianError) -> Document {
        Document(handle: try make { err in cx_mset_get_document(mset.handle, index, err) })
    }

    /// The collapse key value of this item (`""` without collapsing).
    public func collapseKey() throws(XapianError) -> String {
        try fetchString { out, len, err in cx_mset_get_collapse_key(mset.handle, index, out, len, err) }
    }
}
