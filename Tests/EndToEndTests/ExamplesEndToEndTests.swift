import Foundation
import Testing

/// The examples people copy: every command line of the README's `sh` blocks and of
/// `modsearch --help`, run as written, as a stranger would, from a folder holding `Corpus/`,
/// with a private index and daemon (issue #15).
@Suite(.removingTemporaryFolders) struct ExamplesEndToEndTests {
    /// A session whose folder is a place to run examples: `Corpus/` in it, a document the README
    /// indexes beside it, and an index of its own.
    static func exampleSession() throws -> Session {
        let session = try Session()
        session.environment["MODSEARCH_DB"] = session.folder + "/index"
        try FileManager.default.createSymbolicLink(atPath: session.folder + "/Corpus", withDestinationPath: Harness.corpus)
        let sections = ["Definition", "Explanation", "Evidence to Efficacy", "Neuroscience and Physiology", "Governing Body",
                        "What Good Looks Like", "What to Ask a Practitioner", "Self-Study Resources", "Related Therapies"]
        try session.write("new-therapy.txt", "MOD990 – Example Therapy\n\n" + sections.map {
            "\($0)\n\nExample therapy, written for the README's example, says something about \($0.lowercased()).\n\n"
        }.joined())
        let index = try session.modsearch(["index", "Corpus"])
        guard index.status == 0 else { throw Failure("indexing: \(index.stderr)") }
        return session
    }

    /// Runs an example; it must exit with `status` (0 unless its comment says otherwise) and
    /// print something (or fill the file it writes to).
    static func expectRuns(_ command: String, in session: Session, status: Int32 = 0) throws {
        let result = try session.shell(command)
        #expect(result.status == status, "\(command): \(result.stderr)")
        if let target = command.components(separatedBy: " > ").dropFirst().first {
            let written = (try? String(contentsOfFile: session.folder + "/" + target, encoding: .utf8)) ?? ""
            #expect(!written.isEmpty, "\(command) wrote nothing")
        } else {
            #expect(!result.stdout.isEmpty, "\(command) printed nothing")
        }
        #expect(!result.stdout.contains("null"), "\(command): \(result.stdout)")
    }

    /// The command lines of the README's `sh` blocks: lines that run modsearch (or send it a
    /// request), continuation lines joined, trailing comments dropped; each with the exit status
    /// its comment gives (`exits 1`), else 0.
    static func readmeCommands() throws -> [(command: String, status: Int32)] {
        let readme = try String(contentsOfFile: Harness.packageRoot.appendingPathComponent("README.md").path, encoding: .utf8)
        var commands: [(String, Int32)] = []
        for block in readme.components(separatedBy: "```sh\n").dropFirst() {
            let text = block.components(separatedBy: "```").first ?? ""
            for line in text.replacingOccurrences(of: "\\\n", with: " ").split(separator: "\n").map(String.init) {
                guard line.hasPrefix("modsearch ") || line.hasPrefix("printf ") else { continue }
                let parts = line.components(separatedBy: "  #")
                commands.append((parts[0].trimmingCharacters(in: .whitespaces), parts.dropFirst().joined().contains("exits 1") ? 1 : 0))
            }
        }
        return commands
    }

    @Test func everyReadmeExampleRunsAsWritten() throws {
        let commands = try Self.readmeCommands()
        #expect(commands.count >= 15, "\(commands)")
        let session = try Self.exampleSession()
        for (command, status) in commands { try Self.expectRuns(command, in: session, status: status) }
    }

    @Test func everyHelpExampleRunsAsWritten() throws {
        let session = try Self.exampleSession()
        let help = try session.modsearch(["--help"])
        let commands = help.lines.filter { $0.hasPrefix("  modsearch ") }.map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(commands.count >= 6, "\(help.stdout)")
        for command in commands { try Self.expectRuns(command, in: session) }
    }

    /// The example that lists the modalities talking about a word names every one with a
    /// matching passage, not only those of the first ten hits.
    @Test func theModalitiesExampleNamesEveryModalityThatMatches() throws {
        let session = try Self.exampleSession()
        let help = try session.modsearch(["--help"]).lines.map { $0.trimmingCharacters(in: .whitespaces) }
        let comment = try #require(help.firstIndex(of: "# every modality that talks about trauma"))
        let listed = try session.shell(help[comment + 1])
        let counted = try session.shell("modsearch --json --facets -n 1 trauma | jq -r '.facets.modality // empty | keys[]'")
        #expect(listed.status == 0 && counted.status == 0, "\(listed.stderr) \(counted.stderr)")
        #expect(counted.lines.count > 10, "\(counted.stdout)")
        #expect(listed.lines == counted.lines)
    }

    /// Each option's help says what it does in that command, with one default.
    @Test func helpIsAccurate() throws {
        let session = try Session()
        for command in [["index"], ["daemon", "start"], ["daemon", "stop"], ["parse"]] {
            let help = try session.modsearch(command + ["--help"])
            #expect(help.status == 0 && !help.stdout.contains("--no-daemon") && !help.stdout.contains("Search in this process"),
                    "\(command): \(help.stdout)")
        }
        let search = try session.modsearch(["search", "--help"])
        #expect(search.stdout.contains("--no-daemon") && search.stdout.contains("in this process"))
        for program in [Harness.modsearchd] {
            let help = try Harness.run(program, ["--help"])
            let workers = help.stdout.components(separatedBy: "\n  --workers <workers>").dropFirst().first?
                .components(separatedBy: "\n  --").first ?? ""
            #expect(workers.components(separatedBy: "(default:").count == 2, "one default: \(workers)")
        }
    }
}
