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

/// Files and folders → database, inside one transaction: a crash leaves the last committed revision.
///
/// Incremental: a file whose content hash matches the one recorded is skipped; a changed file has
/// all its passages replaced (so removed sections disappear); files gone from the given paths lose
/// their passages. `rebuild` starts from an empty database within the same transaction.
public final class Indexer {
    public let databasePath: String
    private let database: WritableDatabase
    private let parser = ModalityParser()
    private let tuning: Tuning

    /// Opens (creating if needed) the database for writing; another writer gives `IndexError.locked`.
    public init(databasePath: String, tuning: Tuning = .standard) throws(IndexError) {
        self.databasePath = databasePath
        self.tuning = tuning
        do {
            try FileManager.default.createDirectory(
                atPath: (databasePath as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        } catch {
            throw .cannotCreate(databasePath, error.localizedDescription)
        }
        do {
            database = try WritableDatabase(path: databasePath, mode: .createOrOpen)
        } catch let error where error.isLockError {
            throw .locked(database: databasePath, detail: error.message)
        } catch {
            throw .xapian(error)
        }
    }

    /// Indexes `paths` (files, or folders walked for `*.txt`).
    public func index(_ paths: [String], rebuild: Bool = false,
                      progress: ((IndexProgress) -> Void)? = nil) throws(IndexError) -> IndexSummary {
        let clock = ContinuousClock()
        let started = clock.now
        let files: [String]
        do { files = try SourceFiles.collect(paths) } catch let error as IndexError { throw error } catch {
            throw .missingPath("\(error)")
        }
        var summary = IndexSummary()
        summary.files = files.count
        do {
            try database.transaction {
                let builder = try PassageDocument(database: database, tuning: tuning)
                var records = try FileRecord.all(in: database)
                if rebuild {
                    for term in try database.allTerms(prefix: Schema.Prefix.file) {
                        try database.deleteDocument(uniqueTerm: term)
                    }
                    for record in records.values { try database.setMetadata(record.key, to: "") }
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
                    try indexFile(file, records: records, builder: builder, summary: &summary)
                    progress?(IndexProgress(done: number + 1, total: files.count, passages: summary.passages))
                }
                if let synonyms = try Self.synonymsFile(in: paths), synonyms != (try database.metadata(Schema.Metadata.synonyms)) {
                    try database.setMetadata(Schema.Metadata.synonyms, to: synonyms)
                    summary.synonymGroups = SynonymTable(text: synonyms).groupCount
                }
                try database.setMetadata(Schema.Metadata.schema, to: Schema.version)
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

    /// Re-indexes one file when its content changed; a file that fails to parse keeps its old passages.
    private func indexFile(_ file: String, records: [String: FileRecord], builder: PassageDocument,
                           summary: inout IndexSummary) throws {
        let bytes: [UInt8]
        do {
            bytes = try ModalityParser.readFile(file)
        } catch {
            summary.skipped.append(.init(file: file, reason: error.reason.description))
            return
        }
        let fileKey = ContentHash.hex(file.utf8)
        let contentHash = ContentHash.hex(bytes)
        if let record = records[fileKey], record.contentHash == contentHash {
            summary.unchanged += 1
            return
        }
        let modality: Modality
        do {
            modality = try parser.parse(bytes: bytes, source: file)
        } catch {
            summary.skipped.append(.init(file: file, reason: error.reason.description))
            return
        }
        if let owner = try owner(of: modality.id), owner != file {
            summary.skipped.append(.init(
                file: file, reason: "modality id \(modality.id) is already indexed from \(owner)"))
            return
        }
        summary.warnings += modality.warnings
        try database.deleteDocument(uniqueTerm: Schema.Prefix.file + fileKey)
        for section in modality.sections {
            for passage in section.passages {
                let document = try builder.make(passage, in: section, of: modality, fileKey: fileKey)
                _ = try database.replaceDocument(uniqueTerm: Schema.Prefix.id + passage.id, document)
                summary.passages += 1
            }
        }
        let record = FileRecord(fileKey: fileKey, contentHash: contentHash, modality: modality.id, path: file)
        try database.setMetadata(record.key, to: record.value)
        summary.indexed += 1
    }

    /// The source file that holds a modality's passages now, if any.
    private func owner(of modality: String) throws -> String? {
        guard let docID = try database.postings(of: Schema.Prefix.modality + modality.lowercased()).first else {
            return nil
        }
        let data = try database.document(docID).dataBytes()
        return try StoredPassage(json: data).source
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

/// The per-file metadata record that makes re-indexing incremental.
struct FileRecord {
    let fileKey: String
    let contentHash: String
    let modality: String
    let path: String

    var key: String { Schema.Metadata.filePrefix + fileKey }
    var value: String { [contentHash, modality, path].joined(separator: "\t") }

    /// Every file record in the database, by file key.
    static func all(in database: Database) throws -> [String: FileRecord] {
        var records: [String: FileRecord] = [:]
        for key in try database.metadataKeys(prefix: Schema.Metadata.filePrefix) {
            let fields = try database.metadata(key).split(separator: "\t", maxSplits: 2).map(String.init)
            guard fields.count == 3 else { continue }
            let fileKey = String(key.dropFirst(Schema.Metadata.filePrefix.count))
            records[fileKey] = FileRecord(fileKey: fileKey, contentHash: fields[0], modality: fields[1], path: fields[2])
        }
        return records
    }
}
