import Foundation
import Testing

/// `modsearch index --watch` with the daemon serving the index it keeps (issue #17): changes are
/// searchable within two seconds, a burst is a few revisions, the write lock is held only while
/// updating, and a watcher killed mid-update leaves a sound index.
@Suite(.serialized, .removingTemporaryFolders) struct WatchEndToEndTests {
    /// A watcher over a copy of `Corpus/` in a session of its own, whose daemon serves the index.
    final class Watch {
        let session: Session
        let documents: String
        let database: String
        let process: ChildProcess
        var log: String { (try? String(contentsOfFile: session.folder + "/watch.log", encoding: .utf8)) ?? "" }
        /// The `revision N: …` lines printed so far.
        var updates: [String] { log.split(separator: "\n").map(String.init).filter { $0.hasPrefix("revision ") } }

        init() throws {
            let folder = try Harness.temporaryFolder()
            documents = folder + "/docs"
            database = folder + "/db"
            try FileManager.default.copyItem(atPath: Harness.corpus, toPath: documents)
            session = try Session(database: database)
            process = try Harness.launch(Harness.modsearch, ["index", "--watch", "--db", database, documents],
                                         log: session.folder + "/watch.log", environment: session.environment)
            guard Harness.waitFor(seconds: 60, { log.contains("for changes; Ctrl-C stops") || !process.isRunning }),
                  process.isRunning else {
                process.signal(SIGKILL)
                throw Failure("the watcher did not start: \(log)")
            }
        }

        deinit {
            if process.isRunning { process.signal(SIGKILL) }
        }

        func path(_ name: String) -> String { documents + "/" + name }

        func write(_ name: String, _ text: String) throws {
            try text.write(toFile: path(name), atomically: false, encoding: .utf8)
        }

        /// The hits of a search through the daemon, as JSON records.
        func hits(_ arguments: [String]) throws -> [[String: Any]] {
            try session.modsearch(["--json", "-n", "50"] + arguments).lines.compactMap { line in
                let record = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
                return record?["type"] as? String == "hit" ? record : nil
            }
        }

        func stats() throws -> [String: Any] {
            let output = try session.modsearch(["--json", "stats"]).stdout
            return try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any] ?? [:]
        }

        /// Seconds from now until `condition` holds (polled through the daemon), nil after `limit`.
        func secondsUntil(limit: Double = 10, _ condition: () throws -> Bool) rethrows -> Double? {
            let start = Date()
            while Date().timeIntervalSince(start) < limit {
                if try condition() { return Date().timeIntervalSince(start) }
                usleep(10_000)
            }
            return nil
        }
    }

    /// A copy of a `Corpus/` document under another modality id and title, with `extra` appended.
    static func document(_ id: String, from name: String = "mod032-compassion-focused-therapy.txt",
                         extra: String = "") throws -> String {
        let text = try String(contentsOfFile: Harness.corpus + "/" + name, encoding: .utf8)
        guard let title = text.split(separator: "\n").first(where: { $0.hasPrefix("MOD") }) else {
            throw Failure("\(name) has no title line")
        }
        return text.replacingOccurrences(of: title, with: "\(id) – Watched Therapy \(id)") + extra
    }

    /// A short document: the nine sections, a sentence each.
    static func shortDocument(_ id: String) -> String {
        let sections = ["Definition", "Explanation", "Evidence to Efficacy", "Neuroscience and Physiology", "Governing Body",
                        "What Good Looks Like", "What to Ask a Practitioner", "Self-Study Resources", "Related Therapies"]
        return "\(id) – Watched Therapy \(id)\n\n" + sections.map {
            "\($0)\n\nWatched therapy \(id) says something about \($0.lowercased()).\n\n"
        }.joined()
    }

    /// The issue asks for each change to be searchable within two seconds. Measured on this
    /// machine (debug build, two shared cores) a change takes about a third of a second: the
    /// 150 ms quiet spell of `ChangeBatch`, one file's update, the daemon's next reopen.
    static let searchableWithin = 2.0

    @Test func editsAdditionsRenamesAndDeletionsAreSearchableWithinTwoSeconds() throws {
        let watch = try Watch()
        #expect(try watch.hits(["quokkaish"]).isEmpty)
        var latencies: [(String, Double?)] = []

        let cft = "mod032-compassion-focused-therapy.txt"
        try watch.write(cft, try String(contentsOfFile: watch.path(cft), encoding: .utf8) + "\nA quokkaish aside.\n")
        latencies.append(("edit", try watch.secondsUntil { try watch.hits(["quokkaish"]).first?["modality"] as? String == "MOD032" }))

        try watch.write("new-therapy.txt", try Self.document("MOD990", extra: "\nA wombatesque aside.\n"))
        latencies.append(("add", try watch.secondsUntil { try watch.hits(["wombatesque"]).first?["modality"] as? String == "MOD990" }))

        let act = "mod001-acceptance-and-commitment-therapy.txt"
        try FileManager.default.moveItem(atPath: watch.path(act), toPath: watch.path("act.txt"))
        latencies.append(("rename", try watch.secondsUntil {
            let sources = try watch.hits(["-m", "MOD001", "acceptance"]).compactMap { $0["source"] as? String }
            return !sources.isEmpty && sources.allSatisfy { $0.hasSuffix("/act.txt") }
        }))

        try FileManager.default.removeItem(atPath: watch.path("mod039-dialectical-behaviour-therapy.txt"))
        latencies.append(("delete", try watch.secondsUntil { try watch.hits(["-m", "MOD039", "dialectical"]).isEmpty }))

        // A file that is not a document is reported and skipped, and the watcher carries on.
        _ = FileManager.default.createFile(atPath: watch.path("broken.txt"), contents: Data([0x00, 0x01, 0x02]))
        #expect(Harness.waitFor { watch.log.contains("modsearch: skipped \(watch.path("broken.txt")): binary file") },
                "\(watch.log)")

        // vim's save: a test file `4913`, the old file renamed to a backup, the new one written,
        // the backup removed; its swap file and emacs's lock link beside them.
        let sft = "mod203-schema-therapy.txt"
        let saved = try String(contentsOfFile: watch.path(sft), encoding: .utf8) + "\nA platypoid aside.\n"
        try "".write(toFile: watch.path(".\(sft).swp"), atomically: false, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: watch.path(".#\(sft)"), withDestinationPath: "me@host.1:1")
        try "".write(toFile: watch.path("4913"), atomically: false, encoding: .utf8)
        try FileManager.default.removeItem(atPath: watch.path("4913"))
        try FileManager.default.moveItem(atPath: watch.path(sft), toPath: watch.path(sft + "~"))
        try watch.write(sft, saved)
        try FileManager.default.removeItem(atPath: watch.path(sft + "~"))
        latencies.append(("editor save", try watch.secondsUntil { try watch.hits(["platypoid"]).first?["modality"] as? String == "MOD203" }))

        for (change, seconds) in latencies {
            let seconds = try #require(seconds, "\(change): not searchable after 10 s\n\(watch.log)")
            #expect(seconds < Self.searchableWithin, "\(change): searchable after \(seconds) s")
            print("watch: \(change) searchable after \(Int(seconds * 1000)) ms")
        }
        let skipped = watch.log.split(separator: "\n").filter { $0.hasPrefix("modsearch: skipped") }
        #expect(skipped.count == 1, "no scratch file was read as a document\n\(watch.log)")
        try Self.stopsCleanly(watch)
    }

    /// SIGTERM between updates: exit status 0, the lock free, the index sound.
    static func stopsCleanly(_ watch: Watch) throws {
        #expect(!Harness.writeLockHeld(on: watch.database), "no lock is held between updates")
        watch.process.signal(SIGTERM)
        #expect(watch.process.exitCode == 0, "\(watch.log)")
        #expect(try Harness.run(try #require(Harness.which("xapian-check")), [watch.database]).status == 0)
    }

    @Test func aBurstOfTwoHundredChangesIsAFewRevisions() throws {
        let watch = try Watch()
        let before = try #require(try watch.stats()["revision"] as? Int)
        for number in 0..<176 {
            try watch.write("burst-\(number).txt", Self.shortDocument("MOD\(600 + number)"))
        }
        for name in try FileManager.default.contentsOfDirectory(atPath: watch.documents) where name.hasPrefix("mod") {
            try watch.write(name, try String(contentsOfFile: watch.path(name), encoding: .utf8) + "\nBurst.\n")
        }
        let all = try watch.secondsUntil(limit: 60) {
            try watch.stats()["modalities"] as? Int == 200 && watch.hits(["--by", "modality", "burst"]).count == 24
        }
        #expect(all != nil, "\(watch.log)")
        let after = try #require(try watch.stats()["revision"] as? Int)
        #expect(after - before <= 3, "\(after - before) revisions: \(watch.updates)")
        #expect(Harness.waitFor(seconds: 5) { watch.updates.count == after - before }, "one line per update: \(watch.updates)")
        print("watch: 200 changes made \(after - before) revisions: \(watch.updates)")
        // Between updates the lock is free for another writer, such as `modsearch index`.
        let other = try watch.session.modsearch(["index", "--db", watch.database, watch.documents])
        #expect(other.status == 0 && other.stdout.hasPrefix("indexed 0 of 200 files"), "\(other.stdout)\(other.stderr)")
        try Self.stopsCleanly(watch)
    }

    /// Two hundred documents keep a debug build's update going for about two seconds.
    @Test func aWatcherKilledMidUpdateLeavesASoundIndex() throws {
        let watch = try Watch()
        for number in 0..<200 {
            try watch.write("burst-\(number).txt", Self.shortDocument("MOD\(600 + number)"))
        }
        #expect(Harness.waitFor(seconds: 30) { Harness.writeLockHeld(on: watch.database) }, "an update began")
        watch.process.signal(SIGKILL)
        #expect(watch.process.killedBySignal == SIGKILL)
        #expect(watch.updates.isEmpty, "killed before the update was reported: \(watch.updates)")
        let check = try Harness.run(try #require(Harness.which("xapian-check")), [watch.database])
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        let again = try watch.session.modsearch(["index", "--db", watch.database, watch.documents])
        #expect(again.status == 0 && again.stdout.contains("of 224 files"), "\(again.stdout)\(again.stderr)")
        #expect(try watch.stats()["modalities"] as? Int == 224)
    }
}
