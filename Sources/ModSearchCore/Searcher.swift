import Foundation
import ModalityDocs
import ModSearchProtocol
import XapianKit

/// Answers protocol requests from one database. Not thread-safe: one `Searcher` per thread.
///
/// Before each request it picks up a newer revision (a cheap `reopen`); a `DatabaseModifiedError`
/// in the middle of a request reopens and retries once.
public final class Searcher {
    public let databasePath: String
    private let database: Database
    private let queryParser: QueryParser
    private let stemmer: Stemmer
    private var lastStamp: VersionStamp?
    private var synonyms = SynonymTable.empty
    let tuning: Tuning

    /// Opens the database read-only; a missing database is `unavailable` with a hint to index first.
    public init(databasePath: String, tuning: Tuning = .standard) throws(ProtocolError) {
        self.databasePath = databasePath
        self.tuning = tuning
        lastStamp = VersionStamp(databasePath: databasePath)
        do {
            database = try Database(path: databasePath)
            stemmer = try Stemmer(language: Schema.stemmer)
            queryParser = QueryParser()
            try queryParser.setStemmer(Schema.stemmer)
            queryParser.stemmingStrategy = Schema.indexStemming
            queryParser.setDatabase(database)
            try queryParser.setDefaultOperator(.and)
            try queryParser.addPrefix("title", Schema.Prefix.title)
            try queryParser.addPrefix("heading", Schema.Prefix.heading)
            try queryParser.addBooleanPrefix("modality", Schema.Prefix.modality)
            try queryParser.addBooleanPrefix("section", Schema.Prefix.section)
            try queryParser.addBooleanPrefix("related", Schema.Prefix.reference)
            if tuning.synonyms { synonyms = SynonymTable(text: try database.metadata(Schema.Metadata.synonyms)) }
        } catch let error where error.isNotFound || error.isDatabaseOpening {
            throw ProtocolError(.unavailable, "no index at \(databasePath) (\(error.message)); run `modsearch index` first")
        } catch {
            throw ProtocolError(.internalError, error.description)
        }
    }

    /// Moves to the newest committed revision; true when there was one.
    ///
    /// A glass database renames its version file `iamglass` on every commit, so when that file
    /// is unchanged a `stat` (≈1 µs) stands in for `reopen` (≈50 µs at 10,000 documents).
    /// Stub files and remote shards have no such file and are always reopened.
    @discardableResult
    public func refresh() -> Bool {
        let stamp = VersionStamp(databasePath: databasePath)
        if let stamp, stamp == lastStamp { return false }
        let changed = (try? database.reopen()) ?? false
        lastStamp = stamp
        if changed, tuning.synonyms, let text = try? database.metadata(Schema.Metadata.synonyms) {
            synonyms = SynonymTable(text: text)
        }
        return changed
    }

    /// Runs `body`; if the revision it read was overwritten meanwhile, reopens and runs it once more.
    func withReopenRetry<T>(_ body: () throws -> T) throws(ProtocolError) -> T {
        do {
            do {
                return try body()
            } catch let error as XapianError where error.isDatabaseModified {
                _ = try database.reopen()
                return try body()
            }
        } catch let error as ProtocolError {
            throw error
        } catch let error as XapianError {
            throw ProtocolError(error.isQueryParserError ? .badQuery : .internalError, error.description)
        } catch {
            throw ProtocolError(.internalError, "\(error)")
        }
    }

    // MARK: - search

    public func search(_ request: Request) throws(ProtocolError) -> SearchResult {
        let clock = ContinuousClock()
        let started = clock.now
        let text = request.query ?? ""
        let prepared = try QueryText.prepare(text)
        let filter = try filterQuery(modalities: request.modality ?? [], sections: request.section ?? [])
        return try withReopenRetry {
            let builder = QueryBuilder(database: database, parser: queryParser, stemmer: stemmer,
                                       synonyms: synonyms, tuning: tuning)
            var plan = try builder.plan(prepared)
            var run = try match(plan.query, filter: filter, request: request)
            // Nothing matched: the bound, not the page, since a count (limit 0) or a page past
            // the end is empty too.
            func none(_ run: Run) -> Bool { run.mset.matchesUpperBound == 0 }
            for retry in none(run) ? try builder.retries(after: plan) : [] where none(run) {
                let second = try match(retry.query, filter: filter, request: request)
                if none(second), let spelling = retry.corrected {
                    plan.suggestion = spelling
                } else {
                    (plan, run) = (retry, second)
                }
            }
            let query = plan.query
            let highlighter = Highlighter(queryTerms: query.terms, description: query.description, stemmer: stemmer)
            let hits = try run.mset.map { item throws in
                try hit(item, highlighter: highlighter, collapsed: request.collapse != nil)
            }
            let facets = run.spies.map { spies in
                Facets(modality: spies.modality.counts, section: spies.section.counts)
            }
            return SearchResult(
                total: Total(estimate: run.mset.matchesEstimated, lower: run.mset.matchesLowerBound,
                             upper: run.mset.matchesUpperBound),
                corrected: plan.corrected, suggestion: plan.suggestion,
                tookMicroseconds: Self.microseconds(since: started, clock), hits: hits, facets: facets)
        }
    }

    private struct Run {
        let mset: MSet
        let spies: (modality: ValueCountSpy, section: ValueCountSpy)?
    }

    private func match(_ query: Query, filter: Query?, request: Request) throws -> Run {
        var query = query
        if let filter {
            query = query.isEmpty ? filter : try Query(.filter, [query, filter])
        }
        let enquire = try Enquire(database: database)
        try enquire.setQuery(query)
        try enquire.setWeighting(tuning.weighting)
        switch request.collapse {
        case .modality: enquire.setCollapseKey(Schema.Slot.modality)
        case .section: enquire.setCollapseKey(Schema.Slot.group)
        case nil: break
        }
        var spies: (ValueCountSpy, ValueCountSpy)?
        if request.facets == true {
            spies = (try enquire.addValueCountSpy(slot: Schema.Slot.modality),
                     try enquire.addValueCountSpy(slot: Schema.Slot.section))
        }
        // Facets and counts (limit 0) need every match counted; collapsed totals are far off
        // unless Xapian looks further.
        let first = request.offset ?? 0
        let limit = request.limit ?? Limits.defaultLimit
        let exact = spies != nil || limit == 0
        let checkAtLeast = exact ? try database.documentCount : request.collapse != nil ? first + limit + 1000 : 0
        let mset = try enquire.mset(first: first, maxItems: limit, checkAtLeast: checkAtLeast)
        return Run(mset: mset, spies: spies)
    }

    /// Request filters: any of the modalities, and any of the sections.
    private func filterQuery(modalities: [String], sections: [String]) throws(ProtocolError) -> Query? {
        var groups: [Query] = []
        do {
            if !modalities.isEmpty {
                groups.append(try Query(.or, terms: modalities.map { Schema.Prefix.modality + $0.lowercased() }))
            }
            if !sections.isEmpty {
                let slugs = try sections.map { name throws(ProtocolError) in
                    guard let section = CanonicalSection.resolve(name) else {
                        throw ProtocolError(.badRequest, "field 'section': unknown section '\(name)'")
                    }
                    return Schema.Prefix.section + section.slug
                }
                groups.append(try Query(.or, terms: slugs))
            }
            if groups.isEmpty { return nil }
            return groups.count == 1 ? groups[0] : try Query(.and, groups)
        } catch let error as ProtocolError {
            throw error
        } catch {
            throw ProtocolError(.internalError, "\(error)")
        }
    }

    // MARK: - hits

    func stored(_ document: Document) throws -> StoredPassage {
        try StoredPassage(json: try document.dataBytes())
    }

    private func hit(_ item: MSetItem, highlighter: Highlighter, collapsed: Bool) throws -> Hit {
        let passage = try stored(try item.document())
        let snippet = highlighter.snippet(of: passage.text, length: Schema.snippetLength)
        return Hit(rank: item.rank + 1, score: (item.weight * 10_000).rounded() / 10_000, percent: item.percent,
                   id: passage.id, modality: passage.modality, title: passage.title, section: passage.section,
                   heading: passage.heading, subheading: passage.subheading, ordinal: passage.ordinal,
                   snippet: snippet.text, highlights: snippet.highlights, text: passage.text,
                   collapsed: collapsed ? item.collapseCount : nil)
    }

    /// A hit for a passage shown without a query (`get`, graph neighbours): its text is its snippet.
    func plainHit(_ passage: StoredPassage, rank: Int) -> Hit {
        Hit(rank: rank, score: 0, percent: 0, id: passage.id, modality: passage.modality, title: passage.title,
            section: passage.section, heading: passage.heading, subheading: passage.subheading,
            ordinal: passage.ordinal, snippet: passage.text, highlights: [], text: passage.text)
    }

    static func microseconds(since start: ContinuousClock.Instant, _ clock: ContinuousClock) -> Int {
        let elapsed = clock.now - start
        return Int(elapsed.components.seconds * 1_000_000 + elapsed.components.attoseconds / 1_000_000_000_000)
    }

    // MARK: - get, stats

    /// One passage by id.
    public func passage(id: String) throws(ProtocolError) -> Hit {
        try withReopenRetry {
            guard let docID = try database.postings(of: Schema.Prefix.id + id.lowercased()).first else {
                throw ProtocolError(.notFound, "no passage with id '\(id)'")
            }
            return plainHit(try stored(try database.document(docID)), rank: 1)
        }
    }

    public func stats() throws(ProtocolError) -> Stats {
        try withReopenRetry {
            let revision = (try? database.revision).map(Int.init) ?? 0
            // One Xapian document per passage (schema 1), so the two counts are one.
            let documents = try database.documentCount
            return Stats(documents: documents, passages: documents,
                         modalities: try database.allTerms(prefix: Schema.Prefix.modality).count,
                         revision: revision, database: databasePath)
        }
    }

    var xapianDatabase: Database { database }
}

/// Identity of a glass database's version file: it changes whenever a commit renames a new one in.
struct VersionStamp: Equatable {
    let inode: UInt64
    let seconds: Int
    let nanoseconds: Int

    init?(databasePath: String) {
        var info = stat()
        guard stat(databasePath + "/iamglass", &info) == 0 else { return nil }
        inode = UInt64(info.st_ino)
        seconds = info.st_mtim.tv_sec
        nanoseconds = info.st_mtim.tv_nsec
    }
}
