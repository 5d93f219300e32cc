import Foundation
import Testing

/// The `modsearch` client as people and scripts use it, against real daemons it starts itself.
@Suite(.serialized, .removingTemporaryFolders) struct ClientEndToEndTests {
    /// A private socket and the shared corpus index, so the client starts its own daemon.
    static func environment(_ folder: String) -> [String: String] {
        ["MODSEARCH_SOCKET": folder + "/run/modsearchd.sock", "MODSEARCH_DB": Harness.corpusIndex, "NO_COLOR": ""]
    }

    static func stopDaemon(_ folder: String) throws {
        try Harness.run(Harness.modsearch, ["daemon", "stop"], environment: environment(folder))
    }

    @Test func firstSearchStartsTheDaemonAndJSONMatchesInProcess() throws {
        let folder = try Harness.temporaryFolder()
        let env = Self.environment(folder)
        defer { try? Self.stopDaemon(folder) }
        #expect(!FileManager.default.fileExists(atPath: folder + "/run/modsearchd.sock"))

        let text = try Harness.run(Harness.modsearch, ["self-criticism"], environment: env)
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("1. MOD"))
        #expect(FileManager.default.fileExists(atPath: folder + "/run/modsearchd.sock"), "the client started a daemon")

        let script = """
            set -euo pipefail
            modsearch --json -n 20 self-criticism > daemon.jsonl
            modsearch --json -n 20 --no-daemon self-criticism > local.jsonl
            while IFS= read -r line; do printf '%s\\n' "$line" | jq -e . > /dev/null; done < daemon.jsonl
            test "$(tail -1 daemon.jsonl | jq -r .type)" = summary
            test "$(head -1 daemon.jsonl | jq -r .type)" = hit
            diff <(jq -c 'select(.type == "hit")' daemon.jsonl) <(jq -c 'select(.type == "hit")' local.jsonl)
            jq -r 'select(.type == "hit") | .modality' daemon.jsonl | sort -u | wc -l
            """
        let result = try Harness.shell("cd \(folder) && PATH=\(Harness.binaries.path):$PATH; " + script, environment: env)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(Int(result.lines.last ?? "") ?? 0 >= 5)
    }

    @Test func tsvHasFiveColumnsAndIdsAndCountWork() throws {
        let folder = try Harness.temporaryFolder()
        let env = Self.environment(folder)
        defer { try? Self.stopDaemon(folder) }
        let tsv = try Harness.run(Harness.modsearch, ["--tsv", "-n", "30", "trauma"], environment: env)
        #expect(tsv.status == 0)
        #expect(tsv.lines.count == 30)
        #expect(tsv.lines.allSatisfy { $0.split(separator: "\t", omittingEmptySubsequences: false).count == 5 })

        let ids = try Harness.run(Harness.modsearch, ["-l", "-n", "5", "trauma"], environment: env)
        #expect(ids.lines.count == 5 && ids.lines.allSatisfy { $0.hasPrefix("mod") && $0.split(separator: "/").count == 3 })
        let count = try Harness.run(Harness.modsearch, ["-c", "trauma"], environment: env)
        #expect(Int(count.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0 >= 30)
    }

    @Test func exitStatusIsZeroOneTwoLikeGrep() throws {
        let folder = try Harness.temporaryFolder()
        let env = Self.environment(folder)
        defer { try? Self.stopDaemon(folder) }
        #expect(try Harness.run(Harness.modsearch, ["compassion"], environment: env).status == 0)
        let none = try Harness.run(Harness.modsearch, ["zzqxnonword"], environment: env)
        #expect(none.status == 1)
        let bad = try Harness.run(Harness.modsearch, ["AND OR ("], environment: env)
        #expect(bad.status == 2)
        #expect(bad.stderr.split(separator: "\n").count == 1 && bad.stderr.contains("bad query"))
        #expect(bad.stdout.isEmpty)
        let option = try Harness.run(Harness.modsearch, ["--no-such-option", "x"], environment: env)
        #expect(option.status == 2 && option.stderr.split(separator: "\n").count == 1)
    }

    @Test func pipedIntoHeadEndsCleanly() throws {
        let folder = try Harness.temporaryFolder()
        let env = Self.environment(folder)
        defer { try? Self.stopDaemon(folder) }
        let result = try Harness.shell(
            "\(Harness.modsearch) -n 1000 --full therapy | head -1; echo \"status=${PIPESTATUS[0]}\"", environment: env)
        #expect(result.stderr.isEmpty, "no broken-pipe noise: \(result.stderr)")
        #expect(result.lines.last == "status=0")
    }

    @Test func daemonStartStatusStop() throws {
        let folder = try Harness.temporaryFolder()
        let env = Self.environment(folder)
        let start = try Harness.run(Harness.modsearch, ["daemon", "start"], environment: env)
        #expect(start.status == 0 && start.stdout.contains("started"))
        let status = try Harness.run(Harness.modsearch, ["daemon", "status"], environment: env)
        #expect(status.status == 0 && status.stdout.contains("running"))
        let stop = try Harness.run(Harness.modsearch, ["daemon", "stop"], environment: env)
        #expect(stop.status == 0)
        let after = try Harness.run(Harness.modsearch, ["daemon", "status"], environment: env)
        #expect(after.status == 1 && after.stdout.contains("not running"))
    }

    @Test func getRelatedAndStatsGoThroughTheSameOutputOptions() throws {
        let folder = try Harness.temporaryFolder()
        let env = Self.environment(folder)
        defer { try? Self.stopDaemon(folder) }
        let get = try Harness.run(Harness.modsearch, ["get", "--json", "mod032/definition/1"], environment: env)
        #expect(get.status == 0 && get.stdout.contains(#""id":"mod032/definition/1""#))
        let missing = try Harness.run(Harness.modsearch, ["get", "mod032/definition/999"], environment: env)
        #expect(missing.status == 1)
        let related = try Harness.run(Harness.modsearch, ["related", "--ids", "MOD032"], environment: env)
        #expect(related.status == 0 && !related.lines.isEmpty && related.lines.allSatisfy { !$0.hasPrefix("mod032/") })
        // In text mode the cross-references come first, on stdout with the results, as `related --help` says.
        let relatedText = try Harness.run(Harness.modsearch, ["related", "-n", "1", "MOD032"], environment: env)
        #expect(relatedText.lines.first?.hasPrefix("MOD032 refers to: ") == true && relatedText.stderr.isEmpty)
        let stats = try Harness.run(Harness.modsearch, ["stats", "--json"], environment: env)
        #expect(stats.status == 0 && stats.stdout.contains(#""modalities":24"#))
        let pipeline = try Harness.shell(
            "\(Harness.modsearch) -l -n 3 shame | xargs -n1 \(Harness.modsearch) get --json | jq -r .id | wc -l", environment: env)
        #expect(pipeline.lines.last?.trimmingCharacters(in: .whitespaces) == "3")
    }

    /// `modsearch` answers common command lines with its own parser; ArgumentParser's reading in
    /// `modsearch-full` (which `modsearch` runs for everything else) must give the same bytes and status.
    /// The fast side runs a copy of `modsearch` with no `modsearch-full` beside it, so a command
    /// line the fast parser hands over fails instead of being compared with itself.
    @Test func fastFrontEndPrintsWhatTheFullCommandLinePrints() throws {
        let folder = try Harness.temporaryFolder()
        let env = Self.environment(folder)
        defer { try? Self.stopDaemon(folder) }
        let alone = folder + "/alone/modsearch"
        try FileManager.default.createDirectory(atPath: folder + "/alone", withIntermediateDirectories: false)
        // A hard link, not a copy: a copy's open descriptor, inherited by a process another test
        // forks meanwhile, makes exec fail with ETXTBSY.
        if link(Harness.modsearch, alone) != 0 {
            try Harness.run("/bin/cp", [Harness.modsearch, alone], environment: [:])
        }
        let lines: [[String]] = [
            ["self-criticism"], ["search", "-n", "3", "--full", "inner", "critic"], ["--json", "-n", "5", "trauma"],
            ["--tsv", "-s", "evidence", "-m", "MOD032", "-m", "MOD050", "compassion"], ["-l", "--by", "modality", "shame"],
            ["-c", "therapy"], ["--facets", "--color", "always", "-n", "2", "compasion"], ["--offset", "3", "-n", "2", "trauma"],
            ["zzqxnonword"], ["AND OR ("], ["get", "--json", "mod032/definition/1", "mod032/definition/999"],
            ["related", "-n", "3", "MOD032"], ["related", "--ids", "mod032/definition/1"], ["stats", "--json"],
            ["--version"], ["daemon", "status"],
        ]
        // Started by the built client: the copy alone has no modsearchd beside it to start.
        _ = try Harness.run(Harness.modsearch, ["daemon", "start"], environment: env)
        for arguments in lines {
            let fast = try Harness.run(alone, arguments, environment: env)
            let full = try Harness.run(Harness.modsearchFull, arguments, environment: env)
            let stable = { (text: String) in text.replacingOccurrences(of: #""took_us":\d+"#, with: "", options: .regularExpression)
                .replacingOccurrences(of: #"up \d+ s, \d+ requests"#, with: "", options: .regularExpression)
                .replacingOccurrences(of: #""uptime_s":[0-9.]+,"requests":\d+"#, with: "", options: .regularExpression) }
            #expect(fast.status == full.status, "\(arguments): \(fast.stderr)")
            #expect(stable(fast.stdout) == stable(full.stdout), "\(arguments)")
            #expect(fast.stderr == full.stderr, "\(arguments)")
        }
    }

    /// The three pipelines of the README, run as written there.
    @Test func readmePipelinesWorkAsWritten() throws {
        let folder = try Harness.temporaryFolder()
        let env = Self.environment(folder)
        defer { try? Self.stopDaemon(folder) }
        let readme = try String(contentsOfFile: Harness.packageRoot.appendingPathComponent("README.md").path, encoding: .utf8)
        let section = try #require(readme.components(separatedBy: "Three pipelines that work as written:").last)
        let block = try #require(section.components(separatedBy: "```").dropFirst().first)
        let commands = block.split(separator: "\n").map(String.init).filter { $0.hasPrefix("modsearch ") }
        #expect(commands.count == 3)
        for command in commands {
            let result = try Harness.shell("set -o pipefail; PATH=\(Harness.binaries.path):$PATH; " + command, environment: env)
            #expect(result.status == 0, "\(command): \(result.stderr)")
            #expect(result.lines.count >= 2, "\(command) printed \(result.stdout)")
        }
    }
}
