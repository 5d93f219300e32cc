import Foundation
import ModalityDocs
import XapianKit

/// Parses source files and writes their sections into one database.
struct FileWriter {
    let database: WritableDatabase
    private let builder: SectionDocument
    private let parser = ModalityParser()
    private let unpacker = SectionData.Unpacker()
    private let maxFileSize: Int

    /// `spelling`: where the words as written go, when not into `database` itself (`ParallelBuild`).
    init(database: WritableDatabase, spelling: WritableDatabase? = nil, tuning: Tuning, maxFileSize: Int) throws {
        self.database = database
        self.maxFileSize = maxFileSize
        builder = try SectionDocument(database: database, spelling: spelling, tuning: tuning)
    }

    /// Re-indexes one file when its content changed; a file that fails to parse keeps its old
    /// sections. Returns the record of what was written, if anything was.
    @discardableResult
    func indexFile(_ file: String, records: [String: FileRecord], summary: inout IndexSummary) throws -> FileRecord? {
        let bytes: [UInt8]
        do {
            // Paths come symlink-resolved (`SourceFiles`): a link here now was put in meanwhile.
            bytes = try ModalityParser.readFile(file, maxBytes: maxFileSize, followingLinks: false)
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
            guard !FileManager.default.fileExists(atPath: owner) else {
                summary.skipped.append(.init(file: file, reason: FileWriter.duplicate(modality.id, owner: owner)))
                return nil
            }
            // The file it came from is gone (moved, or deleted outside the folders indexed now),
            // so its sections are stale: this file takes the id over.
            try forget(fileKey: ContentHash.hex(owner.utf8))
            summary.removed += 1
        }
        summary.warnings += modality.warnings + Self.missingSections(of: modality)
        try database.deleteDocument(uniqueTerm: Schema.Prefix.file + fileKey)
        var passages = 0
        for section in modality.sections {
            if section.passages.count > Schema.maxPassages {
                summary.warnings.append("\(FileName.shown(file)): section \(section.heading) has \(section.passages.count) passages; "
                                        + "those after the first \(Schema.maxPassages) cannot be found by searching")
            }
            let (document, cut) = try builder.make(section, of: modality, fileKey: fileKey)
            for ordinal in cut {
                summary.warnings.append("\(FileName.shown(file)): passage \(section.slug)/\(ordinal) is too long to index whole; "
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

    /// A warning for a document that holds fewer than half the canonical sections: most likely
    /// cut short, or not written as a modality document.
    static func missingSections(of modality: Modality) -> [String] {
        let present = CanonicalSection.all.filter { section in modality.sections.contains { $0.slug == section.slug } }
        guard present.count * 2 < CanonicalSection.all.count else { return [] }
        let missing = CanonicalSection.all.filter { !present.contains($0) }.map(\.heading)
        return ["\(FileName.shown(modality.source)): only \(present.count) of the \(CanonicalSection.all.count) sections; "
                + "missing \(missing.joined(separator: ", "))"]
    }

    static func duplicate(_ modality: String, owner: String) -> String {
        "modality id \(modality) is already indexed from \(FileName.shown(owner))"
    }

    /// Adds the words of the files written since the last call to the spelling data: call it
    /// before the database that takes them commits. Counted until then, they cost one addition
    /// per word instead of one per occurrence, for the same data.
    func addSpelling() throws {
        try builder.addSpelling()
    }

    /// Removes the sections and the record of the file with this key (`FileRecord.fileKey`).
    func forget(fileKey: String) throws {
        try database.deleteDocument(uniqueTerm: Schema.Prefix.file + fileKey)
        try database.setMetadata(Schema.Metadata.filePrefix + fileKey, to: "")
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
