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

    /// Clients run at once with no daemon each start one; one daemon serves them all. The daemons
    /// that lost the race used to overwrite the winner's pid file and then remove its socket on
    /// their way out: the winner ran on, unreachable, and clients waited 10 s and failed.
    @Test func daemonsStartedAtOnceLeaveOneThatAnswersEveryClient() throws {
        let session = try Session()
        let socket = try #require(session.environment["MODSEARCH_SOCKET"])
        mkdir(session.folder + "/run", 0o700)
        let daemons = try (0..<4).map {
            try Harness.launch(Harness.modsearchd, ["--db", Harness.corpusIndex, "--socket", socket],
                               log: session.folder + "/daemon\($0).log")
        }
        #expect(Harness.waitFor { daemons.filter(\.isRunning).count == 1 })
        let running = daemons.first { $0.isRunning }
        let winner = try #require(running)
        #expect(daemons.filter { $0 !== winner }.map(\.exitCode) == [3, 3, 3], "a status that says another one runs")
        let status = try session.modsearch(["daemon", "status"])
        #expect(status.stdout.hasPrefix("running (pid \(winner.pid),"), "\(status.stdout) \(status.stderr)")

        winner.signal(SIGTERM)
        #expect(winner.exitCode == 0)
        let clients = try session.shell("""
            for i in 1 2 3 4 5 6; do modsearch -n 1 trauma > /dev/null & done; failed=0
            for job in $(jobs -p); do wait $job || failed=$((failed + 1)); done; echo $failed
            """)
        #expect(clients.stdout == "0\n", "clients that failed: \(clients.stdout) \(clients.stderr)")
        #expect(try session.shell("pgrep -a -x modsearchd | grep -c -F -- '--socket \(socket) '").stdout == "1\n", "one daemon")
    }

    /// A daemon that exits after being idle stops as cleanly as on SIGTERM: status 0, no error,
    /// its socket and pid file gone. It exited with status 1 and a ServiceGroupError in its log.
    @Test func anIdleExitIsACleanExit() throws {
        let session = try Session()
        let socket = session.folder + "/run/idle.sock"
        let result = try Harness.run(Harness.modsearchd, ["--db", Harness.corpusIndex, "--socket", socket, "--idle-exit", "1"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("idle for 1 s; exiting") && !result.stderr.contains("Error"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: socket))
        #expect(!FileManager.default.fileExists(atPath: session.folder + "/run/modsearchd.pid"))
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
