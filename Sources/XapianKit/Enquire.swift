internal import CXapianShim

/// Runs a query against a database: weighting, collapsing, expansion.
///
/// Not thread-safe: use one per thread.
public final class Enquire {
    let handle: OpaquePointer
    /// The database searched, kept open while the Enquire lives.
    let database: Database

    /// Weighting schemes (Xapian's defaults shown).
    public enum Weighting: Sendable {
        /// BM25 (Xapian's default scheme).
        case bm25(k1: Double = 1, k2: Double = 0, k3: Double = 1, b: Double = 0.5, minNormLength: Double = 0.5)
        /// BM25+ (a lower bound for long documents).
        case bm25Plus(k1: Double = 1, k2: Double = 0, k3: Double = 1, b: Double = 0.5,
                      minNormLength: Double = 0.5, delta: Double = 1)
        /// `bm25` with k2 = 0 and b = 0 of one word, held by `wordFrequency` documents and `wqf`
        /// times in the query, for a query of boolean terms (the word's tiers) that each carry as
        /// their wqf the word's wdf in their documents: every document weighs, to the last bit, what
        /// `bm25` gives the word at that wdf, and its percentage is the word's own query's, while
        /// the word's postings are never read.
        case bm25Tiers(k1: Double, k3: Double, minNormLength: Double, wordFrequency: Int, wqf: Int)
        /// All matches weigh 0 (pure boolean). Xapian 1.4.22 misreads a term in every document under
        /// it once deletions have left gaps in the ids: read matches in docid order with
        /// `setDocumentOrder` instead.
        case boolean
    }

    /// Order of documents with equal weights.
    public enum DocIDOrder: Sendable {
        /// Ascending document ids (Xapian's default).
        case ascending
    }

    /// An enquire session over database (kept open while the Enquire or its MSets live).
    public init(database: Database) throws(XapianError) {
        self.database = database
        handle = try make { err in cx_enquire_new(database.handle, err) }
    }

    /// An enquire session over database, ranking query by weighting.
    public convenience init(database: Database, query: Query, weighting: Weighting) throws(XapianError) {
        try self.init(database: database)
        try setQuery(query)
        try setWeighting(weighting)
    }

    deinit { cx_enquire_free(handle) }

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
            case let .bm25Tiers(k1, k3, minNormLength, wordFrequency, wqf):
                cx_enquire_set_weighting_bm25_tiers(handle, k1, k3, minNormLength, UInt32(clamping: wordFrequency),
                                                    UInt32(clamping: wqf), err)
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

    /// Sets how ties are broken by docid.
    public func setDocIDOrder(_ order: DocIDOrder) {
        let value: Int32 = switch order {
        case .ascending: Int32(CX_DOCID_ORDER_ASCENDING)
        }
        mustCheck { err in cx_enquire_set_docid_order(handle, value, err) }
    }

    /// Returns matches in ascending document-id order, whatever they weigh: sorted by a value slot
    /// no document sets, so every tie breaks by docid. (BoolWeight orders them so too, but Xapian
    /// 1.4.22 misreads a term in every document under it once deletions have left gaps in the ids.)
    public func setDocumentOrder() {
        mustCheck { err in cx_enquire_set_sort_by_value(handle, Self.unsetSlot, 0, err) }
        setDocIDOrder(.ascending)
    }

    /// The highest value slot Xapian allows, which no index of ours sets.
    static let unsetSlot: ValueSlot = 0xFFFF_FFFE

    /// Stops matching early after seconds (estimates become less exact); 0 = no limit.
    public func setTimeLimit(_ seconds: Double) {
        mustCheck { err in cx_enquire_set_time_limit(handle, seconds, err) }
    }

    /// Runs the match: results first..<first+maxItems; checkAtLeast makes counts exact up to
    /// that many documents; rset feeds relevance feedback into weights.
    public func mset(first: Int = 0, maxItems: Int, checkAtLeast: Int = 0, rset: RSet? = nil) throws(XapianError) -> MSet {
        let handle = try make { err in
            cx_enquire_get_mset(self.handle, UInt32(clamping: first), UInt32(clamping: maxItems),
                                UInt32(clamping: checkAtLeast), rset?.handle, err)
        }
        return MSet(handle: handle)
    }

    /// Runs the match as `mset(first:maxItems:checkAtLeast:)` does, and lists the documents Xapian
    /// found matching meanwhile (in document-id order per shard): all of them, or nil when there
    /// were more than `limit`. Where Xapian's bounds meet at the listing's length, it is the whole
    /// match list, and no second match is needed to read past the page. Not for remote shards.
    public func msetListingMatches(first: Int = 0, maxItems: Int, checkAtLeast: Int,
                                   limit: Int) throws(XapianError) -> (MSet, matching: [DocID]?) {
        var listed = [DocID](repeating: 0, count: limit)
        var matched: UInt32 = 0
        let handle = try listed.withUnsafeMutableBufferPointer { buffer throws(XapianError) in
            try make { err in
                cx_enquire_get_mset_listing(self.handle, UInt32(clamping: first), UInt32(clamping: maxItems),
                                            UInt32(clamping: checkAtLeast), buffer.baseAddress,
                                            UInt32(clamping: limit), &matched, err)
            }
        }
        guard Int(matched) <= limit else { return (MSet(handle: handle), nil) }
        listed.removeLast(limit - Int(matched))
        return (MSet(handle: handle), listed)
    }

    /// Terms that best characterise the documents in rset ("more like this"), best first.
    /// `wordsPrefixed` keeps only the prefix's words: the prefix, then a byte that is not `A`–`Z`
    /// (`""`: unprefixed terms; `"Z"`: stems, not `ZS` + stem); nil keeps every term.
    public func expandTerms(maxItems: Int, rset: RSet, minWeight: Double = 0,
                            wordsPrefixed prefix: String? = nil) throws(XapianError) -> [(term: String, weight: Double)] {
        try fetchList { out, err in
            guard let prefix else {
                return cx_enquire_get_eset(handle, UInt32(clamping: maxItems), rset.handle, minWeight, nil, 0, out, err)
            }
            return withBytes(prefix) { p, pn in
                cx_enquire_get_eset(handle, UInt32(clamping: maxItems), rset.handle, minWeight, p, pn, out, err)
            }
        }.map { (term: $0.string, weight: $0.number) }
    }
}
