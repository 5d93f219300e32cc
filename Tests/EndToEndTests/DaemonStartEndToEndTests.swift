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
}
