import XapianKit

/// The sections of a one-word query where the word weighs most, which outrank all the others.
///
/// Xapian 1.4 weighs every posting of a query's words, so ranking the sections of one common
/// word reads its whole list. Under BM25 without length normalisation a section's weight for one
/// word grows with the word's wdf alone, so the sections whose wdf reaches a threshold outrank
/// every other. The indexer marks them (`Schema.Prefix.wordTier`), and Xapian ranks them alone,
/// a short list: the first places of the whole ranking, item for item.
struct WordTiers {
    /// The query's sections whose wdf for the word reaches the tier.
    let top: Query
    /// How many sections `top` matches, when no filter makes it fewer than the tiers hold.
    let length: Int?

    /// nil unless the query (`tree`, as Xapian's `query`) takes its weight from one word's `Z`
    /// term (boolean filters aside), the weighting orders its sections by wdf alone, and the
    /// word's tiers hold at least `needed` sections (of the whole list, before any filter).
    init?(weighing tree: QueryTree, query: Query, weighting: Enquire.Weighting, needed: Int,
          database: Database) throws {
        // k1 well above 0 (and finite), or wdf/(k1 + wdf) could round two wdfs to one weight.
        guard case let .bm25(k1, k2, _, b, _) = weighting, k1 >= 0.001, k1.isFinite, k2 == 0, b == 0,
              let stem = Self.stem(weighing: tree) else { return nil }
        var marks: [Query] = []
        var sections = 0
        for tier in Schema.wordTiers.reversed() where sections < needed {
            let term = Schema.wordTierTerm(stem: stem, tier: tier)
            let frequency = try database.termFrequency(term)
            if frequency > 0 { marks.append(Query(term: term)) }
            sections += frequency
        }
        guard sections >= needed else { return nil }
        top = try Query(.filter, [query, try Query(.or, marks)])
        // A section has one tier term of a word, so the tiers' frequencies add up.
        if case .term = tree { length = sections } else { length = nil }
    }

    /// The stem of the one word whose `Z` term carries the query's weight.
    private static func stem(weighing tree: QueryTree) -> String? {
        switch tree {
        case .term(let term): Schema.stem(ofWordTerm: term.name).map(String.init)
        case .filter(let weighed, _): stem(weighing: weighed)
        default: nil
        }
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
