import Foundation
import ModalityDocs
import XapianKit

/// What an index run did.
public struct IndexSummary: Codable, Sendable, Equatable {
    public struct Skipped: Codable, Sendable, Equatable {
        public var file: String
        public var reason: String
    }

    /// Files found under the given paths.
    public var files = 0
    /// Files (re)indexed because they were new or their content changed.
    public var indexed = 0
    public var unchanged = 0
    /// Files that were indexed before and are gone now.
    public var removed = 0
    /// Passages written by this run.
    public var passages = 0
    public var skipped: [Skipped] = []
    public var warnings: [String] = []
    /// Synonym groups loaded by this run (0 when the file was absent or unchanged).
    public var synonymGroups = 0
    public var seconds = 0.0
    /// Database revision after the run.
    public var revision = 0
}

/// Asked between files whether the run should stop (SIGINT, SIGTERM): it then throws
/// `IndexError.interrupted`, leaving the index as it was, or none when there was none.
public typealias IndexInterruption = @Sendable () -> Bool

/// Progress of a running index, reported after each file.
public struct IndexProgress: Sendable {
    public var done: Int
    public var total: Int
    public var passages: Int
}

/// Files and folders → database. An update is one transaction, so a crash leaves the last
/// committed revision, and a failed one (a full disk) is cut back to it (`TableFiles`); a new
/// database is built aside and moved into place (`ParallelBuild`, `WorkFolders`).
///
/// Incremental: a file whose content hash matches the one recorded is skipped; a changed file has
/// all its sections replaced (so removed sections disappear); files gone from the given paths lose
/// their sections. An empty database, and any database with `rebuild`, is built anew by
/// `ParallelBuild`, shards written side by side, merged by compaction (or, with too few files for
/// that, rebuilt within the one transaction).
public final class Indexer {
    public let databasePath: String
    /// The database written: the index itself, or for a first index `WorkFolders.fresh`, renamed
    /// into place once it holds something.
    var database: WritableDatabase
    private let tuning: Tuning
    private let workers: Int
    /// Files larger than this many bytes are skipped, found from their size before reading.
    public var maxFileSize = ModalityParser.defaultMaxFileBytes
    /// Files a worker of a parallel build writes into one shard (`ParallelBuild`).
    var filesPerShard = ParallelBuild.standardFilesPerShard
    /// No index was there before this indexer: it is built in `WorkFolders.fresh`, and none is
    /// left when the run ends with nothing indexed (interrupted, no documents, an error).
    var created: Bool
    let folders: WorkFolders

    /// Opens (creating if needed) the database for writing; another writer gives `IndexError.locked`,
    /// a read-only file system `IndexError.readOnly`. Work folders a killed run left are cleared.
    /// `workers`: threads for filling an empty database (default: one per core).
    public init(databasePath: String, tuning: Tuning = .standard,
                workers: Int = ProcessInfo.processInfo.activeProcessorCount) throws(IndexError) {
        self.databasePath = databasePath
        self.tuning = tuning
        self.workers = max(1, workers)
        if let stub = StubFile(path: databasePath) { throw .stub(databasePath, shards: stub.shards.count) }
        folders = WorkFolders(databasePath: databasePath)
        do {
            try FileManager.default.createDirectory(atPath: folders.parent, withIntermediateDirectories: true)
        } catch {
            throw .cannotCreate(databasePath, error.localizedDescription)
        }
        (database, created) = try Self.open(databasePath, folders: folders)
        folders.clear(keeping: created ? folders.fresh : nil)
    }

    /// Indexes `paths` (files, or folders walked for `*.txt`).
    public func index(_ paths: [String], rebuild: Bool = false, interrupted: IndexInterruption? = nil,
                      progress: (@Sendable (IndexProgress) -> Void)? = nil) throws(IndexError) -> IndexSummary {
        let started = ContinuousClock.now
        let found: SourceFiles.Found
        do { found = try SourceFiles.find(paths) } catch let error as IndexError { throw error } catch {
            throw .missingPath("\(error)")
        }
        let files = found.files
        var summary: IndexSummary
        do {
            summary = try run(files, paths: paths, rebuild: rebuild, interrupted: interrupted ?? { false },
                              progress: progress)
            summary.revision = Int(try database.revision)
            if created, summary.indexed > 0 { try publish() }
        } catch {
            folders.clear(keeping: created ? folders.fresh : nil)
            if created { discardCreated() }
            throw IndexError(error, database: databasePath)
        }
        summary.warnings = found.warnings + SourceFiles.emptyFolders(paths, holding: files).map {
            "\(FileName.shown($0)): no documents (*.txt files) in this folder"
        } + summary.warnings
        complete(&summary, since: started)
        return summary
    }

    /// Ends a run that succeeded: an index it created holding nothing is not left behind, and the
    /// summary gets the time the run took.
    func complete(_ summary: inout IndexSummary, since started: ContinuousClock.Instant) {
        if created, summary.indexed == 0 { discardCreated() }
        let elapsed = ContinuousClock.now - started
        summary.seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    /// Builds anew or updates. An index of another schema is read wrongly by this one, so it is
    /// rebuilt as with `rebuild`.
    private func run(_ files: [String], paths: [String], rebuild: Bool, interrupted: @escaping IndexInterruption,
                     progress: (@Sendable (IndexProgress) -> Void)?) throws -> IndexSummary {
        let schema = try database.metadata(Schema.Metadata.schema)
        let rebuild = rebuild || !Schema.reads(schema)
        let empty = try database.documentCount == 0 && (try FileRecord.all(in: database).isEmpty)
        if workers > 1, files.count >= 2 * workers, empty || rebuild {
            return try buildAside(with: files, paths: paths, interrupted: interrupted, progress: progress)
        }
        return try update(with: files, paths: paths, rebuild: rebuild, interrupted: interrupted, progress: progress)
    }

    /// The incremental path: one writer, one transaction. Records under `paths` of files not in
    /// `files` are removed; `synonymsIn` are the folders whose `synonyms.txt` applies (`paths`).
    func update(with files: [String], paths: [String], synonymsIn: [String]? = nil, rebuild: Bool,
                interrupted: IndexInterruption, progress: (@Sendable (IndexProgress) -> Void)?) throws -> IndexSummary {
        var summary = IndexSummary()
        summary.files = files.count
        let tables = created ? nil : TableFiles(of: databasePath)
        do {
            try updateTransaction(files, paths: paths, synonymsIn: synonymsIn, rebuild: rebuild, interrupted: interrupted,
                                  progress: progress, summary: &summary)
        } catch {
            if let tables { rollBack(to: tables) }
            throw error
        }
        return summary
    }

    private func updateTransaction(_ files: [String], paths: [String], synonymsIn: [String]?, rebuild: Bool,
                                   interrupted: IndexInterruption,
                                   progress: (@Sendable (IndexProgress) -> Void)?, summary: inout IndexSummary) throws {
        try database.transaction {
            let writer = try FileWriter(database: database, tuning: tuning, maxFileSize: maxFileSize)
            var records = try FileRecord.all(in: database)
            if rebuild {
                for term in try database.allTerms(prefix: Schema.Prefix.file) {
                    try database.deleteDocument(uniqueTerm: term)
                }
                for key in try database.metadataKeys(prefix: Schema.Metadata.filePrefix) {
                    try database.setMetadata(key, to: "")
                }
                records = [:]
            }
            let roots = try paths.map { path throws -> String in SourceFiles.absolute(path) }
            let present = Set(files)
            for record in records.values where !present.contains(record.path) && Self.isUnder(record.path, roots) {
                try writer.forget(fileKey: record.fileKey)
                summary.removed += 1
            }
            for (number, file) in files.enumerated() {
                if interrupted() { throw IndexError.interrupted }
                try writer.indexFile(file, records: records, summary: &summary)
                progress?(IndexProgress(done: number + 1, total: files.count, passages: summary.passages))
            }
            try writer.addSpelling()
            try Self.finish(database, paths: synonymsIn ?? paths, summary: &summary)
        }
    }

    /// The parallel path for an empty database or a rebuild: shards built side by side, merged
    /// into a new database that then takes the old one's place. The old one and the new one stay
    /// open (locked against other indexers, and against clearing as leftovers) until then.
    private func buildAside(with files: [String], paths: [String], interrupted: @escaping IndexInterruption,
                            progress: (@Sendable (IndexProgress) -> Void)?) throws -> IndexSummary {
        let build = ParallelBuild(databasePath: databasePath, tuning: tuning, workers: workers, maxFileSize: maxFileSize,
                                  filesPerShard: filesPerShard)
        var (merged, summary) = try build.run(files, interrupted: interrupted, progress: progress)
        let writable = try WritableDatabase(path: merged, mode: .open)
        try Self.finish(writable, paths: paths, summary: &summary)
        try writable.commit()
        if interrupted() { throw IndexError.interrupted }
        if created, summary.indexed == 0 {
            try writable.close()
            try FileManager.default.removeItem(atPath: merged)
        } else {
            try putInPlace(merged, open: writable)
        }
        return summary
    }

    /// What every run records last: synonyms, schema version, passage total.
    private static func finish(_ database: WritableDatabase, paths: [String], summary: inout IndexSummary) throws {
        if let synonyms = try synonymsFile(in: paths), synonyms != (try database.metadata(Schema.Metadata.synonyms)) {
            try database.setMetadata(Schema.Metadata.synonyms, to: synonyms)
            summary.synonymGroups = SynonymTable(text: synonyms).groupCount
        }
        try database.setMetadata(Schema.Metadata.schema, to: Schema.version)
        let passages = try FileRecord.all(in: database).values.reduce(0) { $0 + $1.passages }
        try database.setMetadata(Schema.Metadata.passages, to: String(passages))
        try database.setMetadata(Schema.Metadata.spelling, to: SpellingCopy.exported(from: database))
    }

    /// The text of `synonyms.txt` in the first given folder that has one.
    static func synonymsFile(in paths: [String]) throws -> String? {
        for path in paths {
            let file = path + "/" + SynonymTable.fileName
            if FileManager.default.fileExists(atPath: file) { return try String(contentsOfFile: file, encoding: .utf8) }
        }
        return nil
    }

    private static func isUnder(_ path: String, _ roots: [String]) -> Bool {
        roots.contains { path == $0 || path.hasPrefix($0.hasSuffix("/") ? $0 : $0 + "/") }
    }
}
