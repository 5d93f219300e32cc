import XapianKit

/// The sections of a one-word query where the word weighs most, which outrank all the others.
///
/// Xapian 1.4 weighs every posting of a query's words, so ranking the sections of one common
/// word reads its whole list. Under BM25 without length normalisation a section's weight for one
/// word grows with the word's wdf alone, so the sections of the highest wdfs outrank every other.
/// The indexer marks each section's wdf of a word of at least `Schema.firstWordTier` with a tier
/// term (`Schema.wordTierTerm`), and Xapian ranks the highest tiers' sections alone, weighed as
/// the word from the wdf each tier stands for (`Enquire.Weighting.bm25Tiers`): the first places
/// of the whole ranking, item for item, without reading the word's own list.
struct WordTiers {
    /// The query with the word's highest tiers in the word's place.
    let top: Query
    /// What weighs `top` as the word weighs the whole list.
    let weighting: Enquire.Weighting
    /// How many sections `top` matches, when no filter makes it fewer than the tiers hold.
    let length: Int?

    /// nil unless the query (`tree`) takes its weight from one word's `Z` term (boolean filters
    /// aside), the weighting orders its sections by wdf alone, and the word's tiers hold at least
    /// `needed` sections (of the whole list, before any filter).
    init?(weighing tree: QueryTree, weighting: Enquire.Weighting, needed: Int, database: Database) throws {
        // k1 well above 0 (and finite), or wdf/(k1 + wdf) could round two wdfs to one weight;
        // k3 not below 0, which BM25Weight would clamp and `.bm25Tiers` does not.
        guard case let .bm25(k1, k2, k3, b, minNormLength) = weighting, k1 >= 0.001, k1.isFinite, k2 == 0, b == 0, k3 >= 0,
              let word = Self.word(weighing: tree), let stem = Schema.stem(ofWordTerm: word.name) else { return nil }
        let tiers = try Self.highestTiers(of: String(stem), holding: needed, database: database)
        let sections = tiers.reduce(0) { $0 + $1.frequency }
        guard sections >= needed else { return nil }
        top = try Self.query(tree, withWordIn: try Query(.or, tiers.map { Query(term: $0.term, wqf: $0.wdf) }))
        self.weighting = .bm25Tiers(k1: k1, k3: k3, minNormLength: minNormLength,
                                    wordFrequency: try database.termFrequency(word.name), wqf: word.wqf)
        // A section has one tier term of a word, so the tiers' frequencies add up.
        if case .term = tree { length = sections } else { length = nil }
    }

    typealias Tier = (term: String, wdf: Int, frequency: Int)

    /// The stem's highest tiers, highest first, until they hold `needed` sections (or all of
    /// them), from one walk of the stem's tier terms: Xapian's bound on a word's wdf is often the
    /// index's highest wdf of any word, far above the word's own, so looking tiers up one by one
    /// from it down would mostly miss.
    static func highestTiers(of stem: String, holding needed: Int, database: Database) throws -> [Tier] {
        let present = try database.termFrequencies(prefix: Schema.wordTierPrefix(stem: stem)).compactMap {
            term, frequency -> Tier? in Schema.wdf(ofWordTier: term, stem: stem).map { (term, $0, frequency) }
        }
        var tiers: [Tier] = []
        var sections = 0
        for tier in present.sorted(by: { $0.wdf > $1.wdf }) where sections < needed {
            tiers.append(tier)
            sections += tier.frequency
        }
        return tiers
    }

    /// The one word whose `Z` term carries the query's weight.
    private static func word(weighing tree: QueryTree) -> QueryTree.Term? {
        switch tree {
        case .term(let term): Schema.stem(ofWordTerm: term.name) == nil ? nil : term
        case .filter(let weighed, _): word(weighing: weighed)
        default: nil
        }
    }

    /// `tree` (a word, filtered or not) for Xapian, with `tiers` in the word's place.
    private static func query(_ tree: QueryTree, withWordIn tiers: Query) throws -> Query {
        guard case .filter(let weighed, let filter) = tree else { return tiers }
        return try Query(.filter, [try query(weighed, withWordIn: tiers), try filter.xapianQuery()])
    }
}

/// Xapian's ranking of the sections matching a query, read a range at a time: from the word
/// tiers' short list while the range lies in it, from the whole list otherwise.
struct RankedSections {
    private let whole: Enquire
    private let top: Enquire?
    /// The length of the top list, when known or once a range has come back short.
    private var topLength: Int

    init(_ whole: Enquire, top: Enquire? = nil, topLength: Int? = nil) {
        self.whole = whole
        self.top = top
        self.topLength = topLength ?? .max
    }

    /// The sections ranked `start` to `start + count - 1` (fewer at the end of the list).
    mutating func sections(from start: Int, count: Int) throws -> [MSetItem] {
        if let top, start + count <= topLength {
            let page = try top.mset(first: start, maxItems: count)
            if page.count == count { return Array(page) }
            topLength = start + page.count
        }
        return Array(try whole.mset(first: start, maxItems: count))
    }
}
