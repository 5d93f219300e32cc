import XapianKit

/// What a scan of the section ranking saw.
struct ScanTally: Equatable {
    /// Sections whose passages were checked.
    var sections = 0
    /// Sections with a satisfying passage that were kept (one per modality when grouping so).
    var withPassages = 0
    /// Satisfying passages in the sections checked.
    var passages = 0
}

/// The total a ranking reports: exact where the whole match list was read; else extrapolated
/// from a fixed sample of the first sections in rank order (so it does not move with the page
/// size), never below what was found nor above what the index could hold.
enum TotalEstimate {
    /// - Parameters:
    ///   - found: passages (or groups) found in all the sections checked.
    ///   - sample: the first sections checked, and the passages (or groups) found in them.
    ///   - exhausted: whether every section of Xapian's match list was checked.
    ///   - sectionEstimate: Xapian's estimate of the sections matching.
    ///   - ceiling: the most there can be (passages in the index, or Xapian's upper bound of
    ///     sections), read only for an estimate.
    static func total(found: Int, sample: (sections: Int, found: Int), exhausted: Bool, sectionEstimate: Int,
                      ceiling: () throws -> Int) rethrows -> MatchCount {
        if exhausted { return .exactly(found) }
        let perSection = Double(sample.found) / Double(Swift.max(sample.sections, 1))
        let extrapolated = Int((Double(sectionEstimate) * perSection).rounded())
        let upper = try ceiling()
        let estimate = Swift.min(Swift.max(extrapolated, sample.found, found), Swift.max(upper, found))
        return MatchCount(estimate: estimate, lower: found, upper: Swift.max(upper, estimate))
    }
}

/// Counts every passage satisfying a query, exactly, in total and per modality and section: the
/// whole match list, a batch at a time, each batch in document order, so that the values facets,
/// positions and passage lengths need are read along Xapian's value streams rather than looked up one
/// section at a time (a lookup costs about as much as reading the section's positions).
///
/// The sections are read under BM25 (with no length normalisation, so no document lengths are
/// read), not boolean weighting: unweighted, Xapian 1.4 reads a term that indexes every document
/// through its list of all documents, which fails ("Unexpected end of posting list") once
/// deletions have left gaps in the document ids of a compacted index (issue #16).
struct MatchCounter {
    let database: Database
    let matcher: PassageMatcher
    var deadline: ContinuousClock.Instant?
    private static let batch = 10_000

    func count(_ sectionQuery: Query) throws -> (total: MatchCount, facets: FacetCounts) {
        let enquire = try Enquire(database: database, query: sectionQuery, weighting: .bm25(b: 0))
        var total = 0
        var modalities: [[UInt8]: Int] = [:]
        var sections: [[UInt8]: Int] = [:]
        var start = 0
        while true {
            let mset = try enquire.mset(first: start, maxItems: Self.batch)
            let modality = try ValueStream(database: database, slot: Schema.Slot.modality)
            let section = try ValueStream(database: database, slot: Schema.Slot.section)
            let streams = try PassageMatcher.streams(of: database)
            for document in mset.map(\.docID).sorted() {
                try Searcher.check(deadline)
                let count = try matcher.satisfying(in: document, streams: streams).count
                guard count > 0 else { continue }
                total += count
                modalities[try modality.value(of: document), default: 0] += count
                sections[try section.value(of: document), default: 0] += count
            }
            if mset.count < Self.batch { break }
            start += Self.batch
        }
        return (.exactly(total), FacetCounts(modality: Self.strings(modalities), section: Self.strings(sections)))
    }

    private static func strings(_ counts: [[UInt8]: Int]) -> [String: Int] {
        Dictionary(uniqueKeysWithValues: counts.map { (String(decoding: $0.key, as: UTF8.self), $0.value) })
    }
}
