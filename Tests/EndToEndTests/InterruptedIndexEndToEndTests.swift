import Foundation
import Testing

/// SIGINT or SIGTERM during `modsearch index`: one line, and the index as it was (issue #15).
@Suite(.serialized, .removingTemporaryFolders) struct InterruptedIndexEndToEndTests {
    /// Generated documents enough to keep a debug build indexing for several seconds, shared by
    /// the suite's tests (so kept until the process exits, as the corpus index is).
    static let documents: String = {
        let folder = TemporaryFolders.$current.withValue(nil) { try! Harness.temporaryFolder() } + "/generated"
        let result = try! Harness.run(Harness.bench, ["generate", "400", folder, "--corpus", Harness.corpus])
        precondition(result.status == 0, "generating documents failed: \(result.stderr)")
        return folder
    }()

    /// Starts `modsearch index`, signals it once `ready` holds, and returns its status and stderr.
    static func interrupt(_ arguments: [String], in session: Session, with signal: Int32,
                          when ready: () -> Bool) throws -> (status: Int32, stderr: String) {
        let log = session.folder + "/index.log"
        let child = try Harness.launch(Harness.modsearch, arguments, log: log, environment: session.environment)
        #expect(Harness.waitFor(seconds: 60) { ready() || !child.isRunning }, "the run got under way")
        child.signal(signal)
        let status = child.exitCode
        return (status, (try? String(contentsOfFile: log, encoding: .utf8)) ?? "")
    }

    static func leftovers(of database: String) -> [String] {
        let folder = (database as NSString).deletingLastPathComponent
        let name = (database as NSString).lastPathComponent
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasPrefix(name) }
    }

    @Test func aFirstIndexInterruptedLeavesNoIndexAndNoWorkFolders() throws {
        let session = try Session()
        let database = session.folder + "/db"
        let (status, stderr) = try Self.interrupt(["index", "--db", database, Self.documents], in: session, with: SIGINT) {
            Self.leftovers(of: database).contains { $0.contains(".build-shard-") }
        }
        #expect(status == 130)
        #expect(stderr == "modsearch: interrupted; index unchanged\n", "\(stderr)")
        #expect(Self.leftovers(of: database).isEmpty, "\(Self.leftovers(of: database))")
        let search = try session.modsearch(["--db", database, "shame"])
        #expect(search.status == 2 && search.stderr.contains("no index at"), "\(search.stderr)")
    }

    @Test func anUpdateInterruptedLeavesThePreviousIndex() throws {
        let session = try Session()
        let database = session.folder + "/db"
        let documents = session.folder + "/docs"
        try FileManager.default.createDirectory(atPath: documents, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Harness.corpus + "/mod032-compassion-focused-therapy.txt",
                                         toPath: documents + "/mod032.txt")
        #expect(try session.modsearch(["index", "--db", database, documents]).status == 0)
        let before = try session.modsearch(["--no-daemon", "--db", database, "--json", "stats"]).stdout
        for name in try FileManager.default.contentsOfDirectory(atPath: Self.documents).prefix(300) {
            try FileManager.default.copyItem(atPath: Self.documents + "/" + name, toPath: documents + "/" + name)
        }
        let started = Date()
        let (status, stderr) = try Self.interrupt(["index", "--db", database, documents], in: session, with: SIGTERM) {
            Date().timeIntervalSince(started) > 1.5
        }
        #expect(status == 143)
        #expect(stderr == "modsearch: interrupted; index unchanged\n", "\(stderr)")
        #expect(try session.modsearch(["--no-daemon", "--db", database, "--json", "stats"]).stdout == before)
        #expect(Self.leftovers(of: database) == ["db"])
    }

    /// `--rebuild` builds a new index aside on every core, as a first run does, and moves it in.
    @Test func aRebuildTakesTheParallelPath() throws {
        let session = try Session()
        let database = session.folder + "/db"
        #expect(try session.modsearch(["index", "--db", database, Harness.corpus]).status == 0)
        let before = try FileManager.default.attributesOfItem(atPath: database)[.systemFileNumber] as? Int
        let rebuilt = try session.modsearch(["index", "--rebuild", "--db", database, Harness.corpus])
        #expect(rebuilt.status == 0 && rebuilt.stdout.hasPrefix("indexed 24 of 24 files (1340 passages)"), "\(rebuilt.stdout)")
        let after = try FileManager.default.attributesOfItem(atPath: database)[.systemFileNumber] as? Int
        #expect(before != after, "a new database folder took the old one's place")
        #expect(Self.leftovers(of: database) == ["db"])
    }
}

/// What a run killed at the worst moment leaves, and how the next run clears it (issue #16, item 11).
@Suite(.serialized, .removingTemporaryFolders) struct KilledIndexEndToEndTests {
    static func index(_ session: Session, _ arguments: [String] = []) throws -> Harness.Result {
        try session.modsearch(["index", "--db", session.folder + "/db"] + arguments + [Harness.corpus])
    }

    @Test func aFirstIndexKilledLeavesNoIndexAndTheNextRunClearsItsWorkFolders() throws {
        let session = try Session()
        let database = session.folder + "/db"
        let (status, _) = try InterruptedIndexEndToEndTests.interrupt(
            ["index", "--db", database, InterruptedIndexEndToEndTests.documents], in: session, with: SIGKILL) {
            InterruptedIndexEndToEndTests.leftovers(of: database).contains { $0.contains(".build-shard-") }
        }
        #expect(status == 128 + SIGKILL)
        #expect(!FileManager.default.fileExists(atPath: database), "no empty index is left")
        #expect(try Self.index(session).status == 0)
        #expect(InterruptedIndexEndToEndTests.leftovers(of: database) == ["db"])
    }

    /// Killed after the final rename, or before a rebuild: work folders are cleared by any later
    /// run, an update too; a folder of the same stem that modsearch does not make is left alone.
    @Test func workFoldersLeftByAKilledRunAreClearedByTheNextUpdate() throws {
        let session = try Session()
        #expect(try Self.index(session).status == 0)
        #expect(try session.shell("cp -a db db.build-empty && cp -a db db.build-merged && mkdir db.build-shard-1"
                                  + " db.build-new db.build-notes").status == 0)
        let update = try Self.index(session)
        #expect(update.status == 0 && update.stdout.hasPrefix("indexed 0 of 24 files"), "\(update.stdout)")
        #expect(InterruptedIndexEndToEndTests.leftovers(of: session.folder + "/db") == ["db", "db.build-notes"])
    }

    /// Killed between moving the old index aside and the new one in: the next run puts the old
    /// one back and updates it, instead of starting from nothing.
    @Test func anIndexLeftAsideIsPutBack() throws {
        let session = try Session()
        #expect(try Self.index(session).status == 0)
        #expect(try session.shell("cp -a db db.build-merged && mv db db.build-empty").status == 0)
        let update = try Self.index(session)
        #expect(update.status == 0 && update.stdout.hasPrefix("indexed 0 of 24 files (0 passages), 24 unchanged"),
                "\(update.stdout)")
        #expect(InterruptedIndexEndToEndTests.leftovers(of: session.folder + "/db") == ["db"])
    }
}
