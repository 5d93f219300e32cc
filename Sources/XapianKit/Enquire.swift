internal import CXapianShim

/// Runs a query against a database: weighting, sorting, collapsing, facets, expansion.
///
/// Not thread-safe: use one per thread.
public final class Enquire {
    let handle: OpaquePointer
    /// The database searched.
    public let database: Database
    private var spies: [ValueCountSpy] = []

    /// Weighting schemes (Xapian's defaults shown).
    public enum Weighting: Sendable {
        /// BM25 (Xapian's default scheme).
        case bm25(k1: Double = 1, k2: Double = 0, k3: Double = 1, b: Double = 0.5, minNormLength: Double = 0.5)
        /// BM25+ (a lower bound for long documents).
        case bm25Plus(k1: Double = 1, k2: Double = 0, k3: Double = 1, b: Double = 0.5,
                      minNormLength: Double = 0.5, delta: Double = 1)
        /// TF-IDF with SMART normalisation letters, e.g. `"ntn"`.
        case tfIdf(normalizations: String = "ntn")
        /// All matches weigh 0 (pure boolean, e.g. for sorting by value or docid).
        case boolean
    }

    /// How results are ordered.
    public enum Sort: Sendable {
        /// By weight, best first (the default).
        case relevance
        /// By the value in slot (ascending bytes unless reverse).
        case value(slot: ValueSlot, reverse: Bool = false)
        /// By value, then by weight among equal values.
        case valueThenRelevance(slot: ValueSlot, reverse: Bool = false)
        /// By weight, then by value among equal weights.
        case relevanceThenValue(slot: ValueSlot, reverse: Bool = false)
    }

    /// Order of documents with equal sort keys.
    public enum DocIDOrder: Sendable {
        case ascending, descending, dontCare
    }

    /// Options for `expandTerms`.
    public struct ExpandFlags: OptionSet, Sendable {
        public let rawValue: Int32
        public init(rawValue: Int32) { self.rawValue = rawValue }
        /// Allow terms that are already in the query.
        public static let includeQueryTerms = ExpandFlags(rawValue: Int32(CX_ESET_INCLUDE_QUERY_TERMS))
        /// Exact term frequencies over several shards (slower).
        public static let useExactTermFrequency = ExpandFlags(rawValue: Int32(CX_ESET_USE_EXACT_TERMFREQ))
    }

    /// An enquire session over database (kept open while the Enquire or its MSets live).
    public init(database: Database) throws(XapianError) {
        self.database = database
        handle = try make { err in cx_enquire_new(database.handle, err) }
    }

    deinit {
        // Free the enquire before the spies it points to (stored properties go after deinit).
        cx_enquire_free(handle)
    }

    /// Sets the query; queryLength 0 means the query's own length.
    public func setQuery(_ query: Query, queryLength: Int = 0) throws(XapianError) {
        try check { err in cx_enquire_set_query(handle, query.handle, UInt32(clamping: queryLength), err) }
    }

    /// Sets the weighting scheme; invalid parameters throw `InvalidArgumentError`.
    public func setWeighting(_ weighting: Weighting) throws(XapianError) {
        try check { err in
            switch weighting {
            case let .bm25(k1, k2, k3, b, minNormLength):
                cx_enquire_set_weighting_bm25(handle, k1, k2, k3, b, minNormLength, err)
            case let .bm25Plus(k1, k2, k3, b, minNormLength, delta):
                cx_enquire_set_weighting_bm25plus(handle, k1, k2, k3, b, minNormLength, delta, err)
            case let .tfIdf(normalizations):
                cx_enquire_set_weighting_tfidf(handle, normalizations, err)
            case .boolean:
                cx_enquire_set_weighting_bool(handle, err)
            }
        }
    }

    /// Keeps at most max results per distinct value in slot (nil turns collapsing off).
    public func setCollapseKey(_ slot: ValueSlot?, max: Int = 1) {
        let s = slot ?? UInt32.max
        let m = UInt32(clamping: max)
        mustCheck { err in cx_enquire_set_collapse_key(handle, s, m, err) }
    }

    /// Sets the result order.
    public func setSort(_ sort: Sort) {
        mustCheck { err in
            switch sort {
            case .relevance:
                cx_enquire_set_sort_by_relevance(handle, err)
            case let .value(slot, reverse):
                cx_enquire_set_sort_by_value(handle, slot, reverse ? 1 : 0, err)
            case let .valueThenRelevance(slot, reverse):
                cx_enquire_set_sort_by_value_then_relevance(handle, slot, reverse ? 1 : 0, err)
            case let .relevanceThenValue(slot, reverse):
                cx_enquire_set_sort_by_relevance_then_value(handle, slot, reverse ? 1 : 0, err)
            }
        }
    }

    /// Sets how ties are broken by docid (default ascending; `.dontCare` is fastest).
    public func setDocIDOrder(_ order: DocIDOrder) {
        let value: Int32 = switch order {
        case .ascending: Int32(CX_DOCID_ORDER_ASCENDING)
        case .descending: Int32(CX_DOCID_ORDER_DESCENDING)
        case .dontCare: Int32(CX_DOCID_ORDER_DONT_CARE)
        }
        mustCheck { err in cx_enquire_set_docid_order(handle, value, err) }
    }

    /// Drops results below percent of the best (and below weight).
    public func setCutoff(percent: Int, weight: Double = 0) throws(XapianError) {
        try check { err in cx_enquire_set_cutoff(handle, Int32(clamping: percent), weight, err) }
    }

    /// Stops matching early after seconds (estimates become less exact); 0 = no limit.
    public func setTimeLimit(_ seconds: Double) {
        mustCheck { err in cx_enquire_set_time_limit(handle, seconds, err) }
    }

    /// Adds a spy counting values in slot over the next `mset` calls.
    @discardableResult
    public func addValueCountSpy(slot: ValueSlot) throws(XapianError) -> ValueCountSpy {
        let spy = ValueCountSpy(slot: slot)
        try check { err in cx_enquire_add_matchspy(handle, spy.handle, err) }
        spies.append(spy)
        return spy
    }

    /// Removes all spies.
    public func clearValueCountSpies() {
        mustCheck { err in cx_enquire_clear_matchspies(handle, err) }
        spies.removeAll()
    }

    /// Runs the match: results first..<first+maxItems; checkAtLeast makes counts (and
    /// spies) exact up to that many documents; rset feeds relevance feedback into weights.
    public func mset(first: Int = 0, maxItems: Int, checkAtLeast: Int = 0, rset: RSet? = nil) throws(XapianError) -> MSet {
        let handle = try make { err in
            cx_enquire_get_mset(self.handle, UInt32(clamping: first), UInt32(clamping: maxItems),
                                UInt32(clamping: checkAtLeast), rset?.handle, err)
        }
        return MSet(handle: handle)
    }

    /// Terms that best characterise the documents in rset ("more like this"), best first.
    /// excludePrefixed keeps only unprefixed terms (first byte not `A`–`Z`), which also
    /// drops `Z`-stemmed terms.
    public func expandTerms(maxItems: Int, rset: RSet, flags: ExpandFlags = [], minWeight: Double = 0,
                            excludePrefixed: Bool = false) throws(XapianError) -> [(term: String, weight: Double)] {
        try fetchList { out, err in
            cx_enquire_get_eset(handle, UInt32(clamping: maxItems), rset.handle, flags.rawValue, minWeight,
                                excludePrefixed ? 1 : 0, out, err)
        }.map { (term: $0.string, weight: $0.number) }
    }

    /// The query terms that match document id, in query order.
    public func matchingTerms(_ id: DocID) throws(XapianError) -> [String] {
        try fetchList { out, err in cx_enquire_matching_terms(handle, id, out, err) }.map(\.string)
    }
}
