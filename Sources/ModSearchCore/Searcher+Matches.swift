import XapianKit

/// A batch of every passage satisfying a query, in the order the index holds them.
public struct MatchBatch: Sendable, Equatable {
    /// Hits in index order; their rank is their place in this batch, their score 0.
    public var hits: [PassageHit]
    /// The cursor of the next batch; nil when this one ends the match list.
    public var next: Int?
    public var tookMicroseconds: Int
    /// How the words as typed were searched (spelling, accents, other forms, synonyms; never
    /// relaxed to some of the words), the same in every batch.
    public var rewrites: [QueryRewrite] = []

    /// As `SearchOutcome.searchedAsTyped`.
    public var searchedAsTyped: Bool { QueryRewrite.searchedAsTyped(rewrites) }
}

extension Searcher {
    /// Sections asked of Xapian at a time while a batch fills.
    static let matchSectionBatch = 200

    /// Every passage that satisfies `options.query` (with its synonyms and, for a word the index
    /// lacks, its plausible correction, but never relaxed to some of the words), `options.limit` passages or a little more at a time: sections in document-id
    /// order, unweighted, so that a batch costs the same wherever it starts and nothing is held
    /// between batches but the cursor (sections of the match list already read). A section's
    /// passages always go in one batch together.
    public func matches(_ options: SearchOptions, cursor: Int) throws(EngineError) -> MatchBatch {
        let clock = ContinuousClock()
        let started = clock.now
        let prepared = try QueryText.prepare(options.query)
        let filter = try filterQuery(modalities: options.modalities, sections: options.sections)
        let wanted = min(max(options.limit, 1), SearchOptions.maxLimit)
        return try withReopenRetry {
            let builder = QueryBuilder(database: xapianDatabase, spelling: spellingDatabase,
                                       compiler: QueryCompiler(stemmer: stemmer), stemmer: stemmer, synonyms: synonyms,
                                       tuning: tuning, exact: options.exact)
            let plan = try builder.plan(prepared)
            var query = plan.query
            if let filter { query = query.isEmpty ? filter : .filter(query, filter) }
            let (found, next) = try matchingPassages(of: query, from: max(cursor, 0), wanted: wanted)
            let hits = try hits(Ranking(passages: found, total: .exactly(found.count)), query: query)
            return MatchBatch(hits: hits, next: next, tookMicroseconds: Self.microseconds(since: started, clock),
                              rewrites: plan.rewrites)
        }
    }

    /// The satisfying passages of the sections from `cursor` on, until `wanted` are found, and
    /// the cursor after the last section read (nil at the end of the match list).
    private func matchingPassages(of query: QueryTree, from cursor: Int, wanted: Int) throws -> ([RankedPassage], Int?) {
        let matcher = try PassageMatcher(query: query, database: xapianDatabase)
        let enquire = try Enquire(database: xapianDatabase)
        try enquire.setQuery(try query.sectionQuery.xapianQuery())
        enquire.setDocumentOrder()
        var found: [RankedPassage] = []
        var position = cursor
        while true {
            let mset = try enquire.mset(first: position, maxItems: Self.matchSectionBatch)
            for (index, item) in mset.enumerated() {
                try checkDeadline()
                position += 1
                for ordinal in try matcher.satisfying(in: item.docID) {
                    found.append(RankedPassage(document: item.docID, ordinal: ordinal, score: 0, percent: 0))
                }
                let last = mset.count < Self.matchSectionBatch && index == mset.count - 1
                if found.count >= wanted { return (found, last ? nil : position) }
            }
            if mset.count < Self.matchSectionBatch { return (found, nil) }
        }
    }
}
