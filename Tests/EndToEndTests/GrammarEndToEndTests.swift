import Foundation
import Testing

/// The command line as a new user types it, with the README open (issue #15, "one grammar").
@Suite(.removingTemporaryFolders) struct GrammarEndToEndTests {
    @Test func optionsBeforeTheCommandRunTheCommand() throws {
        let session = try Session()
        let other = session.folder + "/other-index"
        let index = try session.modsearch(["--db", other, "index", Harness.corpus])
        #expect(index.status == 0, "\(index.stderr)")
        #expect(index.stdout.hasPrefix("indexed 24 of 24 files"), "\(index.stdout)")
        #expect(!index.stdout.contains("Did you mean"))
        let stats = try session.modsearch(["--db", other, "--json", "stats"])
        #expect(stats.status == 0 && stats.stdout.contains(#""passages":1340"#), "\(stats.stdout) \(stats.stderr)")
    }

    @Test func globalOptionsBeforeStatsAndGet() throws {
        let session = try Session()
        let stats = try session.modsearch(["--json", "stats"])
        #expect(stats.status == 0 && stats.stdout.hasPrefix(#"{"type":"stats""#), "\(stats.stdout) \(stats.stderr)")
        let get = try session.modsearch(["--no-daemon", "get", "mod032/definition/1"])
        #expect(get.status == 0 && get.stdout.contains("Compassion-Focused Therapy (CFT) is"), "\(get.stdout) \(get.stderr)")
        #expect(!get.stdout.contains("passages match"))
    }

    @Test func commandNamesAreSearchedForAfterSearchOrTheEndOfOptions() throws {
        let session = try Session()
        for arguments in [["search", "-l", "stats"], ["-l", "--", "stats"]] {
            let result = try session.modsearch(arguments)
            #expect(result.status <= 1 && !result.stdout.contains("database"), "\(arguments): \(result.stdout)")
        }
        let related = try session.modsearch(["-c", "--", "related"])
        #expect(Int(related.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0 > 0, "\(related.stdout)")
    }

    @Test func shortOptionsTakeAttachedValues() throws {
        let session = try Session()
        let one = try session.modsearch(["-n1", "-l", "shame"])
        #expect(one.status == 0 && one.lines.count == 1, "\(one.stdout) \(one.stderr)")
        let modality = try session.modsearch(["-mMOD032", "-l", "shame"])
        #expect(modality.status == 0 && modality.lines.allSatisfy { $0.hasPrefix("mod032/") } && !modality.lines.isEmpty)
        let long = try session.modsearch(["--limit=2", "-l", "shame"])
        #expect(long.lines.count == 2)
    }

    /// More than a page, and every match: `-n 5000`, `--all`, `-n 0` print what `-c` counts.
    @Test func everyMatchIsPrintedAPageOrABatchAtATime() throws {
        let session = try Session()
        let count = try session.modsearch(["-c", "and"])
        let total = try #require(Int(count.stdout.trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(total > 1000, "a word with more matches than a page holds")
        for arguments in [["-n", "5000", "-l", "and"], ["--all", "-l", "and"], ["-n", "0", "-l", "and"]] {
            let result = try session.modsearch(arguments)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
            #expect(result.lines.count == total, "\(arguments)")
            #expect(Set(result.lines).count == total, "\(arguments): no passage twice")
        }
        let json = try session.shell("modsearch --json --all and | tail -1 | jq -r '[.order, .total, .exact] | @tsv'")
        #expect(json.stdout == "index\t\(total)\ttrue\n", "\(json.stdout) \(json.stderr)")
    }

    @Test func anEmptyQueryIsAUsageError() throws {
        let session = try Session()
        for arguments in [[""], ["  "], ["-n", "3"], []] {
            let result = try session.modsearch(arguments)
            #expect(result.status == 2, "\(arguments)")
            #expect(result.stderr.split(separator: "\n").count == 1 && result.stderr.hasPrefix("modsearch: "), "\(result.stderr)")
            #expect(result.stdout.isEmpty)
        }
    }

    @Test func usageErrorsAreOneLineAndExitTwoInBothPrograms() throws {
        let session = try Session()
        for arguments in [["-n", "shame"], ["--colour", "never", "x"], ["--full", "index"], ["daemon"], ["get"]] {
            for program in [Harness.modsearch, Harness.modsearchFull] {
                let result = try Harness.run(program, arguments, environment: session.environment)
                #expect(result.status == 2 && result.stdout.isEmpty, "\(program) \(arguments)")
                #expect(result.stderr.split(separator: "\n").count == 1, "\(program) \(arguments): \(result.stderr)")
            }
        }
    }
}
