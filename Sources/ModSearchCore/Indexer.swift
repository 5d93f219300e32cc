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

/// Progress of a running index, reported after each file.
public struct IndexProgress: Sendable {
    public var done: Int
    public var total: Int
    public var passages: Int
}

/// Files and folders → database. An update is one transaction, so a crash leaves the last
/// committed revision; an empty database is built aside and moved into place (`ParallelBuild`).
///
/// Incremental: a file whose content hash matches the one recorded is skipped; a changed file has
/// all its sections replaced (so removed sections disappear); files gone from the given paths lose
/// their sections. `rebuild` starts from an empty database within the same transaction.
/// An empty database is filled by `ParallelBuild`, one shard per worker, merged by compaction.
public final class Indexer {
    public let databasePath: String
    private var database: WritableDatabase
    private let tuning: Tuning
    private let workers: Int

    /// Opens (creating if needed) the database for writing; another writer gives `IndexError.locked`.
    /// `workers`: threads for filling an empty database (default: one per core).
    public init(databasePath: String, tuning: Tuning = .standard,
                workers: Int = ProcessInfo.processInfo.activeProcessorCount) throws(IndexError) {
        self.databasePath = databasePath
        self.tuning = tuning
        self.workers = max(1, workers)
        do {
            try FileManager.default.createDirectory(
                atPath: (databasePath as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        } catch {
            throw .cannotCreate(databasePath, error.localizedDescription)
        }
        database = try Self.openWritable(databasePath)
    }

    private static func openWritable(_ path: String) throws(IndexError) -> WritableDatabase {
        do {
            return try WritableDatabase(path: path, mode: .createOrOpen)
        } catch let error where error.isLockError {
            throw .locked(database: path, detail: error.message)
        } catch {
            throw .xapian(error)
        }
    }

    /// Indexes `paths` (files, or folders walked for `*.txt`).
    public func index(_ paths: [String], rebuild: Bool = false,
                      progress: (@Sendable (IndexProgress) -> Void)? = nil) throws(IndexError) -> IndexSummary {
        let clock = ContinuousClock()
        let started = clock.now
        let files: [String]
        do { files = try SourceFiles.collect(paths) } catch let error as IndexError { throw error } catch {
            throw .missingPath("\(error)")
        }
        var summary: IndexSummary
        do {
            // An index of another schema is read wrongly by this one: it is rebuilt, in the same
            // transaction as always.
            let schema = try database.metadata(Schema.Metadata.schema)
            let rebuild = rebuild || !Schema.reads(schema)
            if workers > 1, files.count >= 2 * workers, try database.documentCount == 0,
               try FileRecord.all(in: database).isEmpty {
                summary = try fillEmpty(with: files, paths: paths, progress: progress)
            } else {
                summary = try update(with: files, paths: paths, rebuild: rebuild, progress: progress)
            }
            summary.revision = Int(try database.revision)
        } catch let error as XapianError {
            throw .xapian(error)
        } catch let error as IndexError {
            throw error
        } catch {
            throw .xapian(XapianError(kind: "Error", message: "\(error)"))
        }
        let elapsed = clock.now - started
        summary.seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return summary
    }

    /// The incremental path: one writer, one transaction.
    private func update(with files: [String], paths: [String], rebuild: Bool,
                        progress: (@Sendable (IndexProgress) -> Void)?) throws -> IndexSummary {
        var summary = IndexSummary()
        summary.files = files.count
        try database.transaction {
            let writer = try FileWriter(database: database, tuning: tuning)
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
                try database.deleteDocument(uniqueTerm: Schema.Prefix.file + record.fileKey)
                try database.setMetadata(record.key, to: "")
                summary.removed += 1
            }
            for (number, file) in files.enumerated() {
                try writer.indexFile(file, records: records, summary: &summary)
                progress?(IndexProgress(done: number + 1, total: files.count, passages: summary.passages))
            }
            try Self.finish(database, paths: paths, summary: &summary)
        }
        return summary
    }

    /// The parallel path for an empty database: shards built side by side, merged into a new
    /// database that then takes the empty one's place.
    private func fillEmpty(with files: [String], paths: [String],
                           progress: (@Sendable (IndexProgress) -> Void)?) throws -> IndexSummary {
        let build = ParallelBuild(databasePath: databasePath, tuning: tuning, workers: workers)
        var (merged, summary) = try build.run(files, progress: progress)
        let writable = try WritableDatabase(path: merged, mode: .open)
        try Self.finish(writable, paths: paths, summary: &summary)
        try writable.commit()
        try writable.close()
        try database.close()
        try build.replace(databasePath, with: merged)
        database = try Self.openWritable(databasePath)
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

/// Parses source files and writes their sections into one database.
struct FileWriter {
    let database: WritableDatabase
    private let builder: SectionDocument
    private let parser = ModalityParser()
    private let unpacker = SectionData.Unpacker()

    init(database: WritableDatabase, tuning: Tuning) throws {
        self.database = database
        builder = try SectionDocument(database: database, tuning: tuning)
    }

    /// Re-indexes one file when its content changed; a file that fails to parse keeps its old
    /// sections. Returns the record of what was written, if anything was.
    @discardableResult
    func indexFile(_ file: String, records: [String: FileRecord], summary: inout IndexSummary) throws -> FileRecord? {
        let bytes: [UInt8]
        do {
            bytes = try ModalityParser.readFile(file)
        } catch {
            summary.skipped.append(.init(file: file, reason: error.reason.description))
            return nil
        }
        let fileKey = ContentHash.hex(file.utf8)
        let contentHash = ContentHash.hex(bytes)
        if let record = records[fileKey], record.contentHash == contentHash {
            summary.unchanged += 1
            return nil
        }
        let modality: Modality
        do {
            modality = try parser.parse(bytes: bytes, source: file)
        } catch {
            summary.skipped.append(.init(file: file, reason: error.reason.description))
            return nil
        }
        if let owner = try owner(of: modality.id), owner != file {
            summary.skipped.append(.init(file: file, reason: FileWriter.duplicate(modality.id, owner: owner)))
            return nil
        }
        summary.warnings += modality.warnings
        try database.deleteDocument(uniqueTerm: Schema.Prefix.file + fileKey)
        var passages = 0
        for section in modality.sections {
            if section.passages.count > Schema.maxPassages {
                summary.warnings.append("\(file): section \(section.heading) has \(section.passages.count) passages; "
                                        + "those after the first \(Schema.maxPassages) cannot be found by searching")
            }
            let (document, cut) = try builder.make(section, of: modality, fileKey: fileKey)
            for ordinal in cut {
                summary.warnings.append("\(file): passage \(section.slug)/\(ordinal) is too long to index whole; "
                                        + "its end can only be read, not searched")
            }
            _ = try database.replaceDocument(
                uniqueTerm: Schema.Prefix.id + Schema.sectionKey(modality: modality.id, slug: section.slug), document)
            passages += section.passages.count
        }
        summary.passages += passages
        let record = FileRecord(fileKey: fileKey, contentHash: contentHash, modality: modality.id, passages: passages,
                                path: file)
        try database.setMetadata(record.key, to: record.value)
        summary.indexed += 1
        return record
    }

    static func duplicate(_ modality: String, owner: String) -> String {
        "modality id \(modality) is already indexed from \(owner)"
    }

    /// The source file that holds a modality's sections now, if any.
    private func owner(of modality: String) throws -> String? {
        guard let docID = try database.postings(of: Schema.Prefix.modality + modality.lowercased()).first else {
            return nil
        }
        return try unpacker.section(docID, in: database).source
    }
}

/// The per-file metadata record that makes re-indexing incremental.
struct FileRecord {
    let fileKey: String
    let contentHash: String
    let modality: String
    let passages: Int
    let path: String

    var key: String { Schema.Metadata.filePrefix + fileKey }
    var value: String { [contentHash, modality, String(passages), path].joined(separator: "\t") }

    /// Every file record in the database, by file key.
    static func all(in database: Database) throws -> [String: FileRecord] {
        var records: [String: FileRecord] = [:]
        for key in try database.metadataKeys(prefix: Schema.Metadata.filePrefix) {
            let fields = try database.metadata(key).split(separator: "\t", maxSplits: 3).map(String.init)
            guard fields.count == 4 else { continue }
            let fileKey = String(key.dropFirst(Schema.Metadata.filePrefix.count))
            records[fileKey] = FileRecord(fileKey: fileKey, contentHash: fields[0], modality: fields[1],
                                          passages: Int(fields[2]) ?? 0, path: fields[3])
        }
        return records
    }
}
