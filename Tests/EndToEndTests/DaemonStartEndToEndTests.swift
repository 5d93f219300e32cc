import Foundation
import Testing

/// A daemon that cannot start says why, through the client, and writes nothing where it was refused (issue #15).
@Suite(.removingTemporaryFolders) struct DaemonStartEndToEndTests {
    @Test func aSocketInAFolderOthersMayWriteToIsRefusedWithTheDaemonsReason() throws {
        let session = try Session()
        let shared = session.folder + "/shared"
        try FileManager.default.createDirectory(atPath: shared, withIntermediateDirectories: true)
        chmod(shared, 0o1777)
        let result = try session.modsearch(["--socket", shared + "/s.sock", "shame"])
        #expect(result.status == 2 && result.stdout.isEmpty)
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
        #expect(result.stderr.contains("others may write to \(shared)"), "\(result.stderr)")
        #expect(!result.stderr.contains("modsearchd.log"), "no pointer to a log that must not exist")
        #expect(try FileManager.default.contentsOfDirectory(atPath: shared).isEmpty, "nothing written in the refused folder")
    }

    /// A name without a folder part is in the working folder: an index built by `modsearch-bench`
    /// (or any user of the engine's `Indexer`) and a socket `--socket` names. Both were refused
    /// ("cannot create : …"): their folder part is empty, not ".".
    @Test func aBareIndexNameAndSocketNameAreInTheWorkingFolder() throws {
        let session = try Session()
        let built = try session.shell("modsearch-bench index '\(Harness.corpus)' corpus.db")
        #expect(built.status == 0, "\(built.stderr)")
        let found = try session.shell("modsearch --socket s.sock --db corpus.db -c shame")
        #expect(found.status == 0 && !found.stdout.isEmpty, "\(found.stderr)")
        #expect(FileManager.default.fileExists(atPath: session.folder + "/modsearchd.pid"), "the pid file is beside the socket")
        try session.shell("modsearch --socket s.sock daemon stop")
    }
}
