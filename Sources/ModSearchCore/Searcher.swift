import Foundation
import ModalityDocs
import XapianKit

/// Searches one database: passages, lookups by id, related passages, statistics.
/// Not thread-safe: one `Searcher` per thread.
///
/// Before each request it picks up a newer revision (a cheap `reopen`); a `DatabaseModifiedError`
/// in the middle of a request reopens and retries once.
public final class Searcher {
    public let databasePath: String
    private var database: Database
    let stemmer: Stemmer
    private var lastStamp: VersionStamp?
    private(set) var synonyms = SynonymTable.empty
    let tuning: Tuning
    private let unpacker = SectionData.Unpacker()
    /// Sections decoded lately; emptied on every move to another revision. Not over remote
    /// shards, whose revision can move without this searcher reopening them.
    private var decoded: SectionCache
    /// Sections `decoded` holds at most (a few MB of text).
    static let decodedSections = 256

    /// An empty `decoded` for the shards in `stub`.
    private static func sectionCache(over stub: StubFile?) -> SectionCache {
        SectionCache(capacity: stub?.hasRemoteShards == true ? 0 : decodedSections)
    }
    /// When set, a request still running at this instant stops with `timeout` (see `checkDeadline`).
    public var deadline: ContinuousClock.Instant?
    /// The shards, when the path is a stub listing them.
    private(set) var stub: StubFile?
    /// The stub file as last read: a rewritten stub (a shard added) is opened afresh, since
    /// Xapian's `reopen` reads the old list of shards again.
    private var stubStamp: FileStamp?
    /// The remote shards' spelling data, when the stub has any (see `SpellingCopy`).
    var spellingCopy: SpellingCopy?
    /// A remote shard failed: the next request opens the stub afresh, since Xapian 1.4 cannot
    /// reopen a database whose connection broke (measured: it crashes).
    var broken = false
    /// The index was rebuilt in another schema since it was opened: every request is refused
    /// with this, as opening it would be, until a refresh finds one of ours.
    private var schemaProblem: EngineError?

    /// Opens the database read-only; a missing database is `unavailable` with a hint to index first.
    public init(databasePath: String, tuning: Tuning = .standard) throws(EngineError) {
        self.databasePath = databasePath
        self.tuning = tuning
        lastStamp = VersionStamp(databasePath: databasePath)
        let stub = StubFile(path: databasePath)
        self.stub = stub
        stubStamp = stub.flatMap { FileStamp(path: $0.path) }
        decoded = Self.sectionCache(over: stub)
        do {
            database = try Database(path: databasePath)
            stemmer = try Stemmer(language: Schema.stemmer)
            if tuning.synonyms { synonyms = SynonymTable(text: try database.metadata(Schema.Metadata.synonyms)) }
        } catch let error where error.isNetworkError {
            throw Self.shardFailure(error, stub: stub, path: databasePath)
        } catch let error where error.isNotFound || error.isDatabaseOpening {
            throw EngineError(.unavailable, "no index at \(databasePath) (\(error.message)); run `modsearch index` first")
        } catch {
            throw EngineError(.internalFailure, error.description)
        }
        try Self.checkSchema(of: database, at: databasePath)
        try updateSpellingCopy(from: try stub.map { stub throws(EngineError) in try Self.checkSchemas(ofShardsOf: stub) })
    }

    /// Xapian reads a stub's metadata from its first shard only, and a shard of another schema
    /// would be misread as silently as a whole index (without pair terms, say, it would hold no
    /// phrase): each is checked, remote ones too (a remote shard that does not answer is a shard
    /// failure, as in a search). Returns the shards, open.
    private static func checkSchemas(ofShardsOf stub: StubFile) throws(EngineError) -> [Database] {
        var opened: [Database] = []
        for shard in stub.shards {
            let database: Database
            do {
                database = try shard.open()
            } catch let error where error.isNetworkError {
                throw shardFailure(error, stub: stub, path: stub.path)
            } catch {
                throw EngineError(.unavailable, "shard \(shard.line) of \(stub.path): \(error.message)")
            }
            let path = if case .local(let path) = shard.location { path } else { "shard \(shard.line) of \(stub.path)" }
            try checkSchema(of: database, at: path)
            opened.append(database)
        }
        return opened
    }

    /// An index written with another schema would give wrong answers, so it is refused.
    private static func checkSchema(of database: Database, at path: String) throws(EngineError) {
        let version = (try? database.metadata(Schema.Metadata.schema)) ?? ""
        guard Schema.reads(version) else {
            // A newer index is most often an older daemon's, left running across an upgrade:
            // indexing again would not help it.
            if let found = Int(version), let ours = Int(Schema.version), found > ours {
                throw EngineError(.unavailable, "the index at \(path) has schema \(version), newer than this modsearch "
                                    + "reads (\(Schema.version)); a newer modsearch wrote it: use that one (a daemon "
                                    + "left running from before an upgrade: `modsearch daemon stop`)")
            }
            throw EngineError(.unavailable, "the index at \(path) has schema \(version), this modsearch reads schema "
                                + "\(Schema.version); run `modsearch index`, which rebuilds it")
        }
    }

    /// Moves to the newest committed revision; true when there was one.
    ///
    /// A glass database renames its version file `iamglass` on every commit, so when that file
    /// is unchanged a `stat` stands in for `reopen`, which costs far more on a large index.
    /// Stub files and remote shards have no such file and are always reopened.
    @discardableResult
    public func refresh() -> Bool {
        let stamp = VersionStamp(databasePath: databasePath)
        if let stamp, stamp == lastStamp { return false }
        if stamp == nil, access(databasePath, F_OK) != 0 {
            // Between the two renames of a first index moving into place: serve what is open
            // and look again at the next request.
            return false
        }
        var changed = false
        if broken {
            guard let replaced = try? Database(path: databasePath) else { return false }
            (database, broken, changed) = (replaced, false, true)
        } else if let stub, let now = FileStamp(path: stub.path), now != stubStamp {
            // A stub naming a shard of another schema is not taken: the shards it had are served.
            let rewritten = StubFile(path: databasePath)
            guard let replaced = try? Database(path: databasePath),
                  rewritten.map({ (try? Self.checkSchemas(ofShardsOf: $0)) != nil }) ?? true else { return false }
            (database, stubStamp, self.stub, changed) = (replaced, now, rewritten, true)
        } else if let stamp, stamp.folder != lastStamp?.folder {
            // A first index is built elsewhere and moved into place: a new folder, opened afresh;
            // if that fails, the next request tries again.
            guard let replaced = try? Database(path: databasePath) else { return false }
            database = replaced
            changed = true
        } else {
            changed = (try? database.reopen()) ?? false
        }
        lastStamp = stamp
        if changed {
            movedRevision()
            // Another modsearch may have rebuilt the index in its own schema meanwhile.
            do {
                try Self.checkSchema(of: database, at: databasePath)
                schemaProblem = nil
            } catch {
                schemaProblem = error
            }
        }
        if changed, tuning.synonyms, let text = try? database.metadata(Schema.Metadata.synonyms) {
            synonyms = SynonymTable(text: text)
        }
        if changed { try? updateSpellingCopy() }
        return changed
    }

    /// Runs `body`; if the revision it read was overwritten meanwhile, reopens and runs it once more.
    func withReopenRetry<T>(_ body: () throws -> T) throws(EngineError) -> T {
        if let schemaProblem { throw schemaProblem }
        do {
            do {
                return try body()
            } catch let error as XapianError where error.isDatabaseModified {
                _ = try database.reopen()
                movedRevision()
                return try body()
            }
        } catch let error as EngineError {
            throw error
        } catch let error as XapianError where error.isNetworkError {
            broken = true
            throw Self.shardFailure(error, stub: stub, path: databasePath)
        } catch let error as XapianError {
            throw EngineError(.internalFailure, error.description)
        } catch {
            throw EngineError(.internalFailure, "\(error)")
        }
    }

    // MARK: - search

    public func search(_ options: SearchOptions) throws(EngineError) -> SearchOutcome {
        try searching(options) { outcome, _ in outcome }
    }

    /// What a search ranked and how, for `explain`.
    struct Searched {
        let plan: QueryBuilder.Plan
        let builder: QueryBuilder
        let filter: QueryTree?
        let ranking: Ranking
    }

    /// Runs a search and hands its answer, with what it ranked, to `finish` (on the same revision).
    func searching<T>(_ options: SearchOptions,
                      _ finish: (SearchOutcome, Searched) throws -> T) throws(EngineError) -> T {
        let clock = ContinuousClock()
        let started = clock.now
        let prepared = try QueryText.prepare(options.query)
        let filter = try filterQuery(modalities: options.modalities, sections: options.sections)
        let page = PageRequest(options)
        return try withReopenRetry {
            let builder = QueryBuilder(database: database, spelling: spellingDatabase,
                                       compiler: QueryCompiler(stemmer: stemmer), stemmer: stemmer,
                                       synonyms: synonyms, tuning: tuning, exact: options.exact)
            var plan = try builder.plan(prepared)
            var ranking = try rank(plan, builder: builder, filter: filter, page: page)
            // Nothing matched: the bound, not the page, since a count (limit 0) or a page past
            // the end is empty too.
            func none(_ ranking: Ranking) -> Bool { ranking.total.upper == 0 && ranking.passages.isEmpty }
            for retry in none(ranking) ? try builder.retries(after: plan) : [] where none(ranking) {
                let second = try rank(retry, builder: builder, filter: filter, page: page)
                if none(second), let spelling = retry.corrected {
                    plan.suggestion = spelling
                } else {
                    (plan, ranking) = (retry, second)
                }
            }
            if ranking.passages.contains(where: \.partial), let words = plan.partialWords {
                plan.rewrites.append(QueryRewrite(.partial, from: plan.strictText, to: words))
            }
            let hits = try hits(ranking, query: plan.partial ?? plan.query)
            let outcome = SearchOutcome(total: ranking.total, corrected: plan.corrected, suggestion: plan.suggestion,
                                        tookMicroseconds: Self.microseconds(since: started, clock), hits: hits,
                                        facets: ranking.facets, rewrites: plan.rewrites)
            return try finish(outcome, Searched(plan: plan, builder: builder, filter: filter, ranking: ranking))
        }
    }

    /// The plan's ranking: its passages with all the words, then, when they do not fill the
    /// page, those of its partial query.
    private func rank(_ plan: QueryBuilder.Plan, builder: QueryBuilder, filter: QueryTree?,
                      page: PageRequest) throws -> Ranking {
        let exactWords = builder.exactWords(of: plan)
        guard let partial = plan.partial, page.limit > 0 else {
            return try rank(plan.query, filter: filter, page: page, exactWords: exactWords)
        }
        let strict = try rank(plan.query, filter: filter, page: page.fromTheTop, exactWords: exactWords)
        guard strict.passages.count < page.wanted else { return strict.cut(page) }
        let some = try rank(partial, filter: filter, page: page.fromTheTop.extended(by: strict.passages.count),
                            exactWords: exactWords, weighting: tuning.partialWeighting)
        return try strict.filled(with: some, page: page) { try xapianDatabase.valueBytes(slot: Schema.Slot.modality, of: $0) }
    }

    /// Search filters: any of the modalities, and any of the sections.
    func filterQuery(modalities: [String], sections: [String]) throws(EngineError) -> QueryTree? {
        func anyOf(_ terms: [String]) -> QueryTree { .or(terms.map { .term(QueryTree.Term(name: $0)) }) }
        var groups: [QueryTree] = []
        if !modalities.isEmpty { groups.append(anyOf(try modalities.map(modalityTerm))) }
        if !sections.isEmpty { groups.append(anyOf(try sections.map(sectionTerm))) }
        if groups.isEmpty { return nil }
        return groups.count == 1 ? groups[0] : .and(groups)
    }

    // MARK: - hits

    func stored(_ document: DocID) throws -> StoredSection {
        try decoded.section(document) { try unpacker.section(document, in: database) }
    }

    /// Document ids may now name other sections.
    private func movedRevision() {
        decoded = Self.sectionCache(over: stub)
    }

    /// The hits of a ranking, with snippets highlighting the query's words.
    func hits(_ ranking: Ranking, query: QueryTree) throws -> [PassageHit] {
        let highlighter = Highlighter(query: query, stemmer: stemmer)
        var sections = ranking.sections
        return try ranking.passages.enumerated().map { index, ranked throws in
            try checkDeadline()
            return try hit(ranked, rank: ranking.firstRank + index, in: try loadSection(ranked.document, into: &sections),
                           highlighter: highlighter)
        }
    }

    private func hit(_ ranked: RankedPassage, rank: Int, in section: StoredSection,
                     highlighter: Highlighter) throws -> PassageHit {
        guard let passage = section.passage(ranked.ordinal) else {
            throw EngineError(.internalFailure, "section \(section.key) has no passage \(ranked.ordinal)")
        }
        let snippet = highlighter.snippet(of: passage.text, length: Schema.snippetLength)
        return PassageHit(rank: rank, score: (ranked.score * 10_000).rounded() / 10_000, percent: ranked.percent,
                          passage: section.record(of: passage), snippet: snippet.text, highlights: snippet.highlights,
                          collapsed: ranked.collapsed, partial: ranked.partial)
    }

    static func microseconds(since start: ContinuousClock.Instant, _ clock: ContinuousClock) -> Int {
        let elapsed = clock.now - start
        return Int(elapsed.components.seconds * 1_000_000 + elapsed.components.attoseconds / 1_000_000_000_000)
    }

    // MARK: - get, stats

    /// One passage by id (`mod032/evidence-to-efficacy/3`).
    public func passage(id: String) throws(EngineError) -> PassageRecord {
        try withReopenRetry {
            let key = id.lowercased()
            guard let slash = key.lastIndex(of: "/"), let ordinal = Int(key[key.index(after: slash)...]), ordinal >= 1,
                  let docID = try database.postings(of: Schema.Prefix.id + key[..<slash]).first,
                  case let section = try stored(docID),
                  let passage = section.passage(ordinal) else {
                throw EngineError(.notFound, "no passage with id '\(id)'")
            }
            return section.record(of: passage)
        }
    }

    /// Passages in the index, as the indexer recorded them.
    func passageCount() throws -> Int {
        Int(try database.metadata(Schema.Metadata.passages)) ?? 0
    }

    var xapianDatabase: Database { database }
}

/// Identity of a file's current version: a rewrite by rename gives a new inode, one in place a new time.
struct FileStamp: Equatable {
    let inode: UInt64
    let seconds: Int
    let nanoseconds: Int

    init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        (inode, seconds, nanoseconds) = (UInt64(info.st_ino), info.st_mtim.tv_sec, info.st_mtim.tv_nsec)
    }
}

/// Identity of a glass database's version file: it changes whenever a commit renames a new one in.
struct VersionStamp: Equatable {
    /// Inode of the database folder itself, which changes when a new database is moved into place.
    let folder: UInt64
    let versionFile: FileStamp

    init?(databasePath: String) {
        guard let folder = FileStamp(path: databasePath), let versionFile = FileStamp(path: databasePath + "/iamglass")
        else { return nil }
        self.folder = folder.inode
        self.versionFile = versionFile
    }
}
