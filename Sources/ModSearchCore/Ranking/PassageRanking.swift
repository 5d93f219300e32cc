import QueryLanguage
import XapianKit

/// A passage picked for a hit: the section document it lives in, and how it scored.
struct RankedPassage {
    let document: DocID
    let ordinal: Int
    var score: Double
    var percent: Int
    var collapsed: Int?
    /// Found by a plain query's partial query: it holds only some of the words.
    var partial = false
}

/// One page of ranked passages, with the totals and facets of the whole result.
struct Ranking {
    /// Rank of the first passage (1-based): the page's offset, as clamped.
    var firstRank = 1
    var passages: [RankedPassage]
    var total: MatchCount
    var facets: FacetCounts?
    /// What passages with only some of the words were scaled by, when `filled` added any.
    var partialScale: Double?
    /// Section data read while ranking, kept for the hits.
    var sections: [DocID: StoredSection] = [:]
}

extension Searcher {
    /// Ranks passages for `query`: Xapian ranks section documents (`SectionScan`),
    /// `PassageMatcher` finds the passages of each that satisfy the query, `PassageScorer` scores
    /// them against each other, `PageCollector` groups them and cuts the page, `StopRule` ends the
    /// scan once no later section can enter the page, and `TotalEstimate` (or `MatchCounter`,
    /// which reads every match) says how many there are.
    ///
    /// `exactWords` are the words as typed: a passage without them in that form (but in another,
    /// through the stem) scores less by `Tuning.exactFormWeight`.
    func rank(_ query: QueryTree, filter: QueryTree?, page: PageRequest, exactWords: [String] = [],
              weighting: Enquire.Weighting? = nil) throws -> Ranking {
        var query = query
        if let filter { query = query.isEmpty ? filter : .filter(query, filter) }
        let matcher = try PassageMatcher(query: query, database: xapianDatabase)
        let sectionTree = query.sectionQuery
        let sectionQuery = try sectionTree.xapianQuery()
        let counted = page.countsEveryMatch
            ? try MatchCounter(database: xapianDatabase, matcher: matcher, deadline: deadline).count(sectionQuery) : nil
        guard page.limit > 0 else {
            return Ranking(passages: [], total: counted?.total ?? .exactly(0), facets: counted?.facets)
        }
        var ranking = try scan(sectionQuery, of: sectionTree, matcher: matcher, page: page,
                               weighting: weighting ?? tuning.weighting,
                               scorer: PassageScorer(passageShare: tuning.passageShare,
                                                     exact: ExactForms(words: exactWords, weight: tuning.exactFormWeight)))
        if let counted {
            if page.grouping == nil { ranking.total = counted.total }
            ranking.facets = counted.facets
        }
        return ranking
    }

    /// Sections read past the one that fills the page, for ones that score higher once exact
    /// forms have lowered the scores found.
    static let lookahead = 5
    /// The first sections in rank order, always checked (counted if not ranked): the estimate of
    /// an incomplete total extrapolates from them, so it is the same whatever the page size.
    static let sample = 20
    /// Matching sections Xapian examines at least, so its estimate does not move with the batch.
    static let estimateDepth = 250
    /// Match lists of at most this many sections are counted to the end: the total is exact.
    static let countedExactly = 250
    /// Word tiers are read when they hold this many first batches: then the rest of the word's
    /// list is almost never read.
    static let tierBatches = 5

    /// Reads Xapian's section ranking until `StopRule` says the page is settled, collecting the
    /// scored passages of each section; counts the rest of a complete match list.
    private func scan(_ sectionQuery: Query, of sectionTree: QueryTree, matcher: PassageMatcher, page: PageRequest,
                      weighting: Enquire.Weighting, scorer: PassageScorer) throws -> Ranking {
        let enquire = try Enquire(database: xapianDatabase, query: sectionQuery, weighting: weighting)
        let groupsHere = page.grouping == .modality && matcher.sectionsMayLackPassages
        if page.grouping == .modality, !groupsHere { enquire.setCollapseKey(Schema.Slot.modality) }
        var collector = PageCollector(page: page, groupsModalitiesHere: groupsHere, sampleSize: Self.sample)
        var stop = StopRule(wanted: page.wanted, lookahead: Self.lookahead)
        let firstBatch = SectionScan.firstBatch(wanted: page.wanted, lookahead: Self.lookahead,
                                                sectionsMayLackPassages: matcher.sectionsMayLackPassages)
        let known = try page.grouping == nil && !sectionTree.checksPositions ? Self.statisticsEstimate(enquire) : nil
        let batch = Swift.max(firstBatch, Self.sample)
        let remote = stub?.hasRemoteShards ?? false
        let tiers = try known == nil || remote ? nil
            : WordTiers(weighing: sectionTree, weighting: weighting, needed: Self.tierBatches * batch,
                        database: xapianDatabase)
        var scan = try SectionScan(enquire: enquire,
                                   top: try tiers.map {
                                       (try Enquire(database: xapianDatabase, query: $0.top, weighting: $0.weighting),
                                        length: $0.length)
                                   },
                                   firstBatch: batch, estimateDepth: Self.estimateDepth, known: known,
                                   listsMatches: !remote)
        var sections: [DocID: StoredSection] = [:]
        var stopped = false
        while let item = try scan.next(pageIsFull: stop.pageIsFull) {
            try checkDeadline()
            if stop.stops(before: item.weight) {
                stopped = true
                break
            }
            let found = try matcher.passages(in: item.docID)
            collector.read(passages: found.count)
            guard !found.isEmpty else { continue }
            if try collector.foldsIntoSeenModality({ try modality(of: item.docID) }) { continue }
            let section = scorer.readsText ? try loadSection(item.docID, into: &sections) : nil
            let scored = scorer.factors(found) { section?.passage($0)?.text ?? "" }
            stop.record(top: item.weight * scored[0].factor)
            collector.add(section: item, scored: scored, found: found.count)
        }
        let exhausted = try countUnranked(&scan, stopped: stopped, matcher: matcher, into: &collector)
        var sectionEstimate = scan.sectionEstimate.estimate
        if !exhausted, page.grouping == nil, sectionTree.checksPositions {
            // Never below the filtered estimate, which Xapian raised to the sections it found.
            let unfiltered = try Self.statisticsWithoutPairFilters(sectionTree, weighting: weighting, database: xapianDatabase)
            sectionEstimate = Swift.min(Swift.max(unfiltered, sectionEstimate), scan.sectionEstimate.upper)
        }
        let total = try TotalEstimate.total(
            found: collector.found, sample: (collector.sample.sections, collector.found(in: collector.sample)),
            exhausted: exhausted, sectionEstimate: sectionEstimate,
            ceiling: { page.grouping == nil ? try passageCount() : scan.sectionEstimate.upper })
        return Ranking(firstRank: page.offset + 1, passages: collector.cut(), total: total, sections: sections)
    }

    /// Xapian's estimate of the sections matching from its statistics alone, when they show more
    /// than are ever counted: then no examination short of the whole list makes the total exact,
    /// and this estimate is the same whatever the page, so Xapian need not examine the estimate
    /// depth. Without positions to check, the statistics are close (exact for one word).
    private static func statisticsEstimate(_ enquire: Enquire) throws -> (estimate: Int, upper: Int)? {
        let statistics = try enquire.mset(first: 0, maxItems: 0)
        guard statistics.matchesLowerBound > countedExactly else { return nil }
        return (statistics.matchesEstimated, statistics.matchesUpperBound)
    }

    /// Xapian's estimate of the sections a query with phrases matches, from the statistics of
    /// the query as parsed, without its phrases' pair filters (`QueryTree.xapianQuery`): Xapian takes the
    /// pair terms for independent of the words, which they are not, so the filtered query's
    /// estimate is several times too low. The same whatever the page.
    private static func statisticsWithoutPairFilters(_ tree: QueryTree, weighting: Enquire.Weighting,
                                                     database: Database) throws -> Int {
        let enquire = try Enquire(database: database, query: try tree.xapianQuery(asParsed: true), weighting: weighting)
        return try enquire.mset(first: 0, maxItems: 0).matchesEstimated
    }

    /// Counts, without ranking, the sections the scan stopped before: all of them when the rest
    /// of the match list is in hand or the list is short enough to count exactly (so the total is
    /// exact, whatever the page size), from the list the first match made when it made one;
    /// otherwise as many as the estimate's sample still lacks.
    /// Returns whether the whole match list has been read.
    private func countUnranked(_ scan: inout SectionScan, stopped: Bool, matcher: PassageMatcher,
                               into collector: inout PageCollector) throws -> Bool {
        if scan.isExhausted, !stopped { return true }
        let rest = stopped ? scan.takeRestOfBatch() : []
        let countsAll = scan.holdsTheEnd || scan.sectionEstimate.upper <= Self.countedExactly
        try count(countsAll ? rest[...] : rest.prefix(Swift.max(0, Self.sample - collector.tally.sections)),
                  matcher: matcher, into: &collector)
        guard countsAll else { return false }
        if let unreturned = scan.unreturned {
            try count(unreturned[...], matcher: matcher, into: &collector)
            return true
        }
        while let item = try scan.next(pageIsFull: false) {
            try count([item.docID], matcher: matcher, into: &collector)
        }
        return true
    }

    /// Several sections are read in document order, along the value streams of their positions
    /// and lengths: the sections of an unfinished sample are all counted, and counting does not
    /// depend on the order, while a complete match list makes the total exact.
    private func count(_ documents: ArraySlice<DocID>, matcher: PassageMatcher,
                       into collector: inout PageCollector) throws {
        let streams = documents.count > 1 ? try PassageMatcher.streams(of: xapianDatabase) : nil
        for document in documents.sorted() {
            try checkDeadline()
            try collector.count(unread: try matcher.satisfying(in: document, streams: streams).count) {
                try modality(of: document)
            }
        }
    }

    private func modality(of document: DocID) throws -> [UInt8] {
        try xapianDatabase.valueBytes(slot: Schema.Slot.modality, of: document)
    }

    func loadSection(_ document: DocID, into sections: inout [DocID: StoredSection]) throws -> StoredSection {
        if let section = sections[document] { return section }
        let section = try stored(document)
        sections[document] = section
        return section
    }
}

/// The typed words a passage holds in the typed form: all of them keep its score, none of them
/// lowers it by `weight`.
struct ExactForms {
    private let words: [[UInt8]]
    private let weight: Double

    init(words: [String], weight: Double) {
        self.words = weight > 0 ? words.map { Array($0.lowercased().utf8) } : []
        self.weight = weight
    }

    var isEmpty: Bool { words.isEmpty }

    func factor(_ text: String) -> Double {
        guard !words.isEmpty else { return 1 }
        var text = text
        let present = text.withUTF8 { bytes in words.filter { Self.contains(bytes, word: $0) }.count }
        return 1 - weight * Double(words.count - present) / Double(words.count)
    }

    /// Whether `word` (lower case) occurs in text as a whole word, ignoring ASCII case.
    static func contains(_ text: UnsafeBufferPointer<UInt8>, word: [UInt8]) -> Bool {
        guard let first = word.first, text.count >= word.count else { return false }
        func lower(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte }
        var start = 0
        while start + word.count <= text.count {
            if lower(text[start]) == first, start == 0 || !WordCharacters.isWordByte(text, at: start - 1),
               start + word.count == text.count || !WordCharacters.isWordByte(text, at: start + word.count),
               (1..<word.count).allSatisfy({ lower(text[start + $0]) == word[$0] }) {
                return true
            }
            start += 1
        }
        return false
    }
}
