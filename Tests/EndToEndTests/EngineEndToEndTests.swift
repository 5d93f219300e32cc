import Foundation
import Testing

/// `modsearch index` and `modsearch search --no-daemon` on real files, checked with Xapian's own tools.
@Suite(.serialized, .removingTemporaryFolders) struct EngineEndToEndTests {
    static let seedAvailable = FileManager.default.fileExists(atPath: Harness.seedFolder)

    @Test(.enabled(if: seedAvailable, "../shared/seed is not on this machine"))
    func seedIndexIsSearchableByUsAndByXapiansTools() throws {
        let folder = try Harness.temporaryFolder()
        let database = folder + "/db"
        let indexed = try Harness.run(Harness.modsearch, ["index", "--db", database, Harness.seedFolder])
        #expect(indexed.status == 0, "\(indexed.stderr)")
        #expect(indexed.stdout.contains("indexed 1 of 1 files"))

        let search = try Harness.run(Harness.modsearch, ["search", "--no-daemon", "--db", database, "--color", "always",
                                                         "self-criticism"])
        #expect(search.status == 0)
        #expect(search.stdout.contains("1. MOD032 Compassion-focused Therapy"))
        #expect(search.stdout.contains("\u{1B}[1;31mself-criticism\u{1B}[0m"), "matched words are highlighted")

        // quest's parser leaves phrase words unstemmed, and only stemmed terms carry positions, so
        // it is asked for words, which it stems as we do.
        let quest = try Harness.run("/usr/bin/quest", ["-d", database, "-o", "and", "self criticism"])
        #expect(quest.status == 0)
        // quest prints each document's data, which is a zstd frame; the documents it finds are
        // named by their id terms instead.
        let found = quest.stdout.split(separator: "\n").compactMap { line -> Int? in
            // "2: [0.813581]": a document id and its weight.
            guard line.hasSuffix("]"), let colon = line.range(of: ": [") else { return nil }
            return Int(line[..<colon.lowerBound])
        }
        #expect(!found.isEmpty, "quest finds sections")
        for document in found {
            let terms = try Harness.run("/usr/bin/xapian-delve", ["-r", String(document), database]).stdout
            #expect(terms.contains(" Qmod032/"), "document \(document) is a section of MOD032")
        }

        let delve = try Harness.run("/usr/bin/xapian-delve", ["-r", "1", database])
        for prefix in [" Qmod032/", " XMmod032", " XSdefinition"] {
            #expect(delve.stdout.contains(prefix), "xapian-delve shows \(prefix)")
        }
        #expect(try Harness.run("/usr/bin/xapian-check", [database]).stdout.contains("No errors found"))
    }

    /// A child killed with SIGKILL in the middle of indexing leaves the previous revision, intact.
    @Test func killedIndexerLeavesThePreviousRevision() throws {
        let folder = try Harness.temporaryFolder()
        let database = folder + "/db"
        let first = try Harness.run(Harness.modsearch, ["index", "--db", database, "--json", Harness.corpus])
        #expect(first.status == 0)
        let before = try Harness.run("/usr/bin/xapian-delve", [database]).stdout

        let generated = folder + "/generated"
        let generate = try Harness.run(Harness.bench, ["generate", "600", generated, "--corpus", Harness.corpus])
        #expect(generate.status == 0, "\(generate.stderr)")
        let postlist = database + "/postlist.glass"
        let committedSize = Harness.fileSize(postlist)
        let indexer = try Harness.launch(Harness.modsearch, ["index", "--db", database, Harness.corpus, generated],
                                         log: folder + "/index.log")
        // Xapian writes a transaction's blocks into the tables as it goes, and only its commit makes
        // them a revision: with the lock held and postlist.glass (postings, section data) grown,
        // the indexer is mid-transaction.
        #expect(Harness.waitFor { Harness.writeLockHeld(on: database) && Harness.fileSize(postlist) > committedSize },
                "the indexer starts writing sections")
        indexer.signal(SIGKILL)
        #expect(indexer.killedBySignal == SIGKILL, "killed before it finished")

        let check = try Harness.run("/usr/bin/xapian-check", [database])
        #expect(check.stdout.contains("No errors found"), "\(check.stdout)")
        let after = try Harness.run("/usr/bin/xapian-delve", [database]).stdout
        #expect(Self.line("number of documents", in: after) == Self.line("number of documents", in: before))
        #expect(Self.line("revision", in: after) == Self.line("revision", in: before))

        let search = try Harness.run(Harness.modsearch, ["--no-daemon", "--db", database, "-c", "compassion"])
        #expect(search.status == 0 && Int(search.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0 > 0)
        let lock = try Harness.run(Harness.modsearch, ["index", "--db", database, Harness.corpus])
        #expect(lock.status == 0, "the lock dies with the killed writer: \(lock.stderr)")
    }

    @Test func aSecondIndexerIsRefusedWithAClearMessage() throws {
        let folder = try Harness.temporaryFolder()
        let database = folder + "/db"
        try Harness.run(Harness.bench, ["generate", "300", folder + "/generated", "--corpus", Harness.corpus])
        let first = try Harness.launch(Harness.modsearch, ["index", "--db", database, folder + "/generated"],
                                       log: folder + "/first.log")
        defer { first.signal(SIGKILL); first.wait() }
        // A first index is built aside, in a work database that holds the lock (docs/files.md).
        #expect(Harness.waitFor { Harness.writeLockHeld(on: database + ".build-new") })
        let second = try Harness.run(Harness.modsearch, ["index", "--db", database, Harness.corpus])
        #expect(second.status == 2)
        #expect(second.stderr.contains("another process is writing to this index"))
        #expect(second.stderr.split(separator: "\n").count == 1)
    }

    private static func line(_ label: String, in text: String) -> String? {
        text.split(separator: "\n").first { $0.lowercased().contains(label) }.map(String.init)
    }
}
