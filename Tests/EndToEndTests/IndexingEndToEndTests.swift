import Foundation
import Testing

/// `modsearch index` tells the truth: its exit status, each skipped file's reason, documents
/// that look cut short, folders with nothing in them, and interruptions (issue #15).
@Suite(.removingTemporaryFolders) struct IndexingEndToEndTests {
    /// Seven files, five of which are not documents, each for its own reason.
    static func badFolder(in session: Session) throws -> String {
        let folder = session.folder + "/bad"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for name in ["mod032-compassion-focused-therapy.txt", "mod001-acceptance-and-commitment-therapy.txt"] {
            try FileManager.default.copyItem(atPath: Harness.corpus + "/" + name, toPath: folder + "/" + name)
        }
        let files: [(String, [UInt8])] = [
            ("empty.txt", []), ("binary.txt", [0x00, 0x01, 0x02, 0x4D, 0x4F, 0x44]),
            ("latin1.txt", Array("Caf\u{E9} \u{E9}t\u{E9}\nd\u{E9}j\u{E0}\n".unicodeScalars.map { UInt8($0.value) })),
            ("quoted-title.txt", [0xAB, 0xBB] + Array("MOD952 – Quote Therapy\n\nDefinition\n\nMade up.\n".utf8)),
            ("notes.txt", Array("Some notes about therapy, with no title.\n".utf8)),
        ]
        for (name, bytes) in files {
            _ = FileManager.default.createFile(atPath: folder + "/" + name, contents: Data(bytes))
        }
        return folder
    }

    @Test func skippedFilesMakeTheExitStatusNonZeroWithEachReasonRight() throws {
        let session = try Session()
        let result = try session.modsearch(["index", "--db", session.folder + "/db", try Self.badFolder(in: session)])
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("indexed 2 of 7 files") && result.stdout.contains("5 skipped"), "\(result.stdout)")
        let reasons = [("empty.txt", "empty file"), ("binary.txt", "binary file"), ("latin1.txt", "not UTF-8 text"),
                       ("quoted-title.txt", "not UTF-8"), ("notes.txt", "no title line")]
        for (file, reason) in reasons {
            let line = result.stderr.split(separator: "\n").first { $0.contains("/\(file):") } ?? ""
            #expect(line.hasPrefix("modsearch: skipped ") && line.contains(reason), "\(file): \(line)")
        }
    }

    @Test func aFolderWithoutDocumentsIsAWarningAndMakesNoIndex() throws {
        let session = try Session()
        try FileManager.default.createDirectory(atPath: session.folder + "/empty", withIntermediateDirectories: true)
        let database = session.folder + "/db"
        let result = try session.modsearch(["index", "--db", database, session.folder + "/empty"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("warning: \(session.folder)/empty: no documents"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: database), "no empty index is left")
        let search = try session.modsearch(["--db", database, "shame"])
        #expect(search.status == 2 && search.stderr.contains("no index at"), "\(search.stderr)")
    }

    @Test func aFileThatIsNotADocumentIsSkippedAndMakesNoIndex() throws {
        let session = try Session()
        let database = session.folder + "/db"
        let readme = Harness.packageRoot.appendingPathComponent("README.md").path
        let result = try session.modsearch(["index", "--db", database, readme])
        #expect(result.status == 1, "\(result.stdout)")
        #expect(result.stderr.contains("skipped \(readme): no title line"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: database))
    }

    @Test func aDocumentWithMostSectionsMissingIsIndexedWithAWarning() throws {
        let session = try Session()
        let whole = try String(contentsOfFile: Harness.corpus + "/mod032-compassion-focused-therapy.txt", encoding: .utf8)
        let cut = try #require(whole.components(separatedBy: "\nEvidence to Efficacy\n").first)
        try session.write("cut/mod032.txt", cut)
        let result = try session.modsearch(["index", "--db", session.folder + "/db", session.folder + "/cut"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("mod032.txt: only 2 of the 9 sections; missing Evidence to Efficacy"), "\(result.stderr)")
    }
}
