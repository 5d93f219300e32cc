import Foundation
import Testing
@testable import ModSearchCore
import XapianKit

@Suite struct IndexerTests {
    static let three = ["mod032-compassion-focused-therapy.txt", "mod001-acceptance-and-commitment-therapy.txt",
                        "mod039-dialectical-behaviour-therapy.txt"]

    @Test func indexesEverySectionWithTheSchemaTerms() throws {
        let workspace = try Workspace(corpusFiles: Self.three)
        let summary = try workspace.index()
        #expect(summary.files == 3 && summary.indexed == 3 && summary.skipped.isEmpty)
        #expect(summary.passages > 100)

        let database = try Database(path: workspace.database)
        #expect(try database.documentCount == 27, "one document per section: 3 modalities × 9 sections")
        #expect(try database.metadata(Schema.Metadata.passages) == String(summary.passages))
        #expect(try database.metadata(Schema.Metadata.schema) == Schema.version)
        #expect(try database.termExists("Qmod032/definition"))
        #expect(try database.termExists("XMmod032"))
        #expect(try database.termExists("XSevidence-to-efficacy"))
        #expect(try database.termExists("XSevidence"))
        #expect(try database.termExists("XRmod110"))
        #expect(try database.termExists("ZScompass") && database.termExists("ZXHbook"), "fields, stemmed")
        #expect(try !database.termExists("compassion"), "words as written are not terms")
        #expect(try database.spellingFrequency(of: "compassion") > 10, "they are in the spelling data")

        let docID = try #require(try database.postings(of: "Qmod032/definition").first)
        let document = try database.document(docID)
        #expect(try document.value(slot: Schema.Slot.modality) == "MOD032")
        #expect(try document.value(slot: Schema.Slot.section) == "definition")
        #expect(try document.dataBytes().isEmpty, "no document data: glass would try zlib on it")
        let data = try database.valueBytes(slot: Schema.Slot.sectionData, of: docID)
        #expect(data.starts(with: [0x28, 0xB5, 0x2F, 0xFD]), "the section data is a zstd frame")
        let json = try SectionData.Unpacker().json(from: data)
        #expect(try JSONSerialization.jsonObject(with: Data(json)) is [String: Any], "holding JSON")
        let stored = try StoredSection(json: json)
        #expect(stored.key == "mod032/definition" && stored.modality == "MOD032" && stored.section == "definition")
        #expect(stored.passages.map(\.ordinal) == Array(1...stored.passages.count))
        #expect(stored.passages[0].text.hasPrefix("Compassion-Focused Therapy (CFT)"))

        // Passage n's words sit in positions [n × stride, (n + 1) × stride); range 0 holds the
        // title and heading. The positions are in the section's block, none in glass's table.
        let stride = Schema.passageStride
        let block = try database.valueBytes(slot: Schema.Slot.positions, of: docID)
        #expect(try database.positions(of: "Zcompass", in: docID).isEmpty)
        let ranges = Set(try PositionBlock.positions(of: "Zcompass", in: block).map { $0 / stride })
        #expect(ranges.contains(0), "the title is in range 0")
        #expect(ranges.contains(1), "the first passage mentions compassion")
        #expect(ranges.allSatisfy { $0 <= UInt32(stored.passages.count) })
        let related = try #require(try database.postings(of: "Qmod032/related-therapies").first)
        let references = try PositionBlock.positions(
            of: "XRmod110", in: try database.valueBytes(slot: Schema.Slot.positions, of: related))
        #expect(references.count == 1 && references[0] / stride >= 1, "a cross-reference sits in its passage's range")
    }

    @Test func secondRunSkipsUnchangedFiles() throws {
        let workspace = try Workspace(corpusFiles: Self.three)
        let first = try workspace.index()
        let second = try workspace.index()
        #expect(second.indexed == 0 && second.unchanged == 3 && second.passages == 0)
        #expect(try Database(path: workspace.database).metadata(Schema.Metadata.passages) == String(first.passages))
    }

    @Test func changedFileIsReindexedAndRemovedSectionDisappears() throws {
        let workspace = try Workspace(corpusFiles: Self.three)
        try workspace.index()
        let name = "mod032-compassion-focused-therapy.txt"
        var text = try workspace.read(name)
        let start = try #require(text.range(of: "\nNeuroscience and Physiology\n"))
        let end = try #require(text.range(of: "\nGoverning Body\n"))
        text.replaceSubrange(start.lowerBound..<end.lowerBound, with: "\nZebrafinch paragraph added for the test.\n")
        try workspace.write(name, text)

        let summary = try workspace.index()
        #expect(summary.indexed == 1 && summary.unchanged == 2)
        let database = try Database(path: workspace.database)
        #expect(try database.postings(of: "XMmod032").allSatisfy { docID in
            try database.document(docID).value(slot: Schema.Slot.section) != "neuroscience-and-physiology"
        })
        #expect(try workspace.search("zebrafinch").hits.map(\.modality) == ["MOD032"])
    }

    @Test func deletedFileLosesItsPassages() throws {
        let workspace = try Workspace(corpusFiles: Self.three)
        try workspace.index()
        try workspace.remove("mod001-acceptance-and-commitment-therapy.txt")
        let summary = try workspace.index()
        #expect(summary.removed == 1)
        let database = try Database(path: workspace.database)
        #expect(try database.postings(of: "XMmod001").isEmpty)
        #expect(try !database.postings(of: "XMmod032").isEmpty)
    }

    @Test func brokenFileIsSkippedAndKeepsItsEarlierPassages() throws {
        let workspace = try Workspace(corpusFiles: Self.three)
        try workspace.index()
        try workspace.write("mod039-dialectical-behaviour-therapy.txt", "")
        try workspace.write("garbage.txt", "Print\nScroll to Top\n")
        let summary = try workspace.index()
        #expect(summary.skipped.map(\.reason).sorted() == ["empty file", "no content: only a title, navigation or footer lines"])
        #expect(try !Database(path: workspace.database).postings(of: "XMmod039").isEmpty)
    }

    @Test func duplicateModalityIdInAnotherFileIsSkipped() throws {
        let workspace = try Workspace(corpusFiles: Self.three)
        try workspace.write("zz-copy.txt", try workspace.read("mod001-acceptance-and-commitment-therapy.txt"))
        let summary = try workspace.index()
        #expect(summary.indexed == 3)
        #expect(summary.skipped.count == 1)
        #expect(summary.skipped.first?.reason.hasPrefix("modality id MOD001 is already indexed from") == true)
    }

    /// A folder indexed, then moved (or a second copy indexed after the first was deleted): the
    /// old paths are outside the folder indexed now, so nothing removes them, and the ids they
    /// held must pass to the files that exist rather than be refused as duplicates.
    @Test func modalitiesWhoseFilesAreGoneAreTakenOverByTheirNewPaths() throws {
        let workspace = try Workspace(corpusFiles: Self.three)
        let first = try workspace.index()
        let moved = workspace.root.appendingPathComponent("moved")
        try FileManager.default.moveItem(at: workspace.documents, to: moved)
        let summary = try Indexer(databasePath: workspace.database, workers: 1).index([moved.path])
        #expect(summary.skipped.isEmpty, "\(summary.skipped)")
        #expect(summary.indexed == 3 && summary.removed == 3)
        let database = try Database(path: workspace.database)
        #expect(try database.metadata(Schema.Metadata.passages) == String(first.passages))
        let hit = try #require(try workspace.search("acceptance modality:MOD001").hits.first)
        #expect(hit.passage.source.hasPrefix(moved.path))
    }

    @Test func rebuildStartsClean() throws {
        let workspace = try Workspace(corpusFiles: Self.three)
        let first = try workspace.index()
        let rebuilt = try workspace.index(rebuild: true)
        #expect(rebuilt.indexed == 3 && rebuilt.passages == first.passages)
        #expect(try Database(path: workspace.database).metadata(Schema.Metadata.passages) == String(first.passages))
    }

    @Test func anIndexOfAnotherSchemaIsRebuilt() throws {
        let workspace = try Workspace(corpusFiles: Self.three)
        let first = try workspace.index()
        do {
            let database = try WritableDatabase(path: workspace.database)
            try database.setMetadata(Schema.Metadata.schema, to: "1")
            try database.setMetadata(Schema.Metadata.filePrefix + "0123456789abcdef", to: "old\tMOD999\t/gone.txt")
            try database.commit()
        }
        #expect("a searcher refuses it") { try Searcher(databasePath: workspace.database) } throws: { error in
            guard let error = error as? EngineError else { return false }
            return error.kind == .unavailable && error.message.contains("has schema 1, this modsearch reads schema \(Schema.version)")
        }
        let again = try workspace.index()
        #expect(again.indexed == 3 && again.unchanged == 0 && again.passages == first.passages)
        let database = try Database(path: workspace.database)
        #expect(try database.metadata(Schema.Metadata.schema) == Schema.version)
        #expect(try database.metadataKeys(prefix: Schema.Metadata.filePrefix).count == 3, "old records are gone")
        #expect(try database.documentCount == 27)
    }

    @Test func anIndexOfANewerSchemaIsRefusedAsANewerModsearchs() throws {
        let workspace = try Workspace(corpusFiles: Self.three)
        try workspace.index()
        do {
            let database = try WritableDatabase(path: workspace.database)
            try database.setMetadata(Schema.Metadata.schema, to: String(Int(Schema.version)! + 1))
            try database.commit()
        }
        #expect("not told to index again, which cannot help") { try Searcher(databasePath: workspace.database) } throws: { error in
            guard let error = error as? EngineError else { return false }
            return error.kind == .unavailable && error.message.contains("newer than this modsearch reads")
                && error.message.contains("modsearch daemon stop") && !error.message.contains("run `modsearch index`")
        }
    }

    @Test func aSchema4IndexIsRebuiltByTheNextRun() throws {
        let workspace = try Workspace(corpusFiles: Self.three)
        let first = try workspace.index()
        do {
            // Schema 4 kept the section data as the document data, where this version reads none.
            let database = try WritableDatabase(path: workspace.database)
            for id in try database.postings(of: "Qmod032/definition") {
                let document = try database.document(id)
                try document.setData(bytes: try database.valueBytes(slot: Schema.Slot.sectionData, of: id))
                try document.setValue(bytes: [], slot: Schema.Slot.sectionData)
                try database.replaceDocument(id, with: document)
            }
            try database.setMetadata(Schema.Metadata.schema, to: "4")
            try database.commit()
        }
        #expect(throws: EngineError.self) { try Searcher(databasePath: workspace.database) }
        let again = try workspace.index()
        #expect(again.indexed == 3 && again.unchanged == 0, "rebuilt")
        let database = try Database(path: workspace.database)
        #expect(try database.metadata(Schema.Metadata.passages) == String(first.passages))
        #expect(try database.metadata(Schema.Metadata.schema) == Schema.version)
        let passage = try Searcher(databasePath: workspace.database).passage(id: "mod032/definition/1")
        #expect(passage.line == 8 && passage.source.hasSuffix("/mod032-compassion-focused-therapy.txt"))
    }

    @Test func aSecondWriterGetsAClearLockError() throws {
        let workspace = try Workspace(corpusFiles: Self.three)
        let holder = try WritableDatabase(path: workspace.database)
        defer { try? holder.close() }
        do {
            _ = try Indexer(databasePath: workspace.database)
            Issue.record("a second writer opened the database")
        } catch let error {
            guard case .locked = error else { Issue.record("unexpected \(error)"); return }
            #expect(error.description.contains("another process is writing to this index"))
        }
    }

    @Test func aMissingPathIsAnError() throws {
        let workspace = try Workspace(corpusFiles: [])
        #expect(throws: IndexError.self) { try Indexer(databasePath: workspace.database).index(["/no/such/folder"]) }
    }
}
