import Foundation
import ModSearchCLI
import Testing

/// `modsearch`'s fast parser reads a subset of `modsearch-full`'s ArgumentParser grammar; these
/// tests hold the two in step, reading the full grammar from `modsearch-full --experimental-dump-help`.
@Suite struct CommandLineGrammarTests {
    /// Options of the full grammar that the fast path leaves to `modsearch-full` wherever it reads
    /// a command: help, the version asked for after a command, and `--no-daemon`, which needs the
    /// engine in this process.
    static let handedOverOptions: Set<String> = ["-h", "--help", "--version", "--no-daemon"]
    /// Options of `modsearch` itself that the fast path leaves to `modsearch-full`.
    static let handedOverRootOptions: Set<String> = ["-h", "--help"]
    /// Commands the fast path leaves to `modsearch-full` whole: those that need the engine, help,
    /// and `daemon` without an action (its usage).
    static let handedOverCommands: Set<[String]> = [["index"], ["parse"], ["help"], ["daemon"]]

    @Test func everyFastOptionIsAFullOptionTakingTheSameValues() throws {
        let full = try FullGrammar.dumped()
        for subcommand in FastCommandLine.grammar {
            let command = try #require(full.command(at: subcommand.path), "\(subcommand.path) is not in the full grammar")
            for option in subcommand.options {
                let match = try #require(command.options.first { $0.written.contains(option.long) },
                                         "\(subcommand.path) \(option.long) is not in the full grammar")
                #expect(Set(match.written) == Set(option.names), "\(subcommand.path) \(option.long)")
                #expect(match.takesValue == (option.values != .flag), "\(subcommand.path) \(option.long)")
                #expect(match.isRepeating == option.repeatable, "\(subcommand.path) \(option.long)")
                if case .choice(let words) = option.values {
                    #expect(match.allValues == words, "\(subcommand.path) \(option.long)")
                }
            }
            let handedOver = Set(command.options.flatMap(\.written)).subtracting(subcommand.options.flatMap(\.names))
            #expect(handedOver == (subcommand.path.isEmpty ? Self.handedOverRootOptions : Self.handedOverOptions),
                    "\(subcommand.path)")
        }
    }

    @Test func theFastPathReadsEveryOtherCommandOfTheFullGrammar() throws {
        let full = try FullGrammar.dumped()
        // The fast path reads words without a command name as a search.
        #expect(full.command.defaultSubcommand == "search")
        let fastPaths = Set(FastCommandLine.grammar.map(\.path))
        #expect(Set(full.paths).subtracting(fastPaths) == Self.handedOverCommands)
    }
}

/// The command tree ArgumentParser describes with `--experimental-dump-help` (the parts these tests read).
private struct FullGrammar: Decodable {
    struct Command: Decodable {
        var commandName: String
        var defaultSubcommand: String?
        var subcommands: [Command]?
        var arguments: [Argument]?

        var options: [Argument] { (arguments ?? []).filter { $0.kind != "positional" } }
    }

    struct Argument: Decodable {
        struct Name: Decodable {
            var kind: String
            var name: String
        }

        var kind: String
        var names: [Name]?
        var isRepeating: Bool
        var allValues: [String]?

        var takesValue: Bool { kind == "option" }
        /// The names as written on a command line (`-n`, `--limit`).
        var written: [String] { (names ?? []).map { ($0.kind == "long" ? "--" : "-") + $0.name } }
    }

    var command: Command

    /// Every command below the root, as the words that name it.
    var paths: [[String]] {
        func below(_ command: Command, _ path: [String]) -> [[String]] {
            (command.subcommands ?? []).flatMap { [path + [$0.commandName]] + below($0, path + [$0.commandName]) }
        }
        return below(command, [])
    }

    func command(at path: [String]) -> Command? {
        var command = self.command
        for word in path {
            guard let next = command.subcommands?.first(where: { $0.commandName == word }) else { return nil }
            command = next
        }
        return command
    }

    static func dumped() throws -> FullGrammar {
        let dump = try Harness.run(Harness.modsearchFull, ["--experimental-dump-help"])
        guard dump.status == 0 else { throw Failure("modsearch-full --experimental-dump-help: \(dump.stderr)") }
        return try JSONDecoder().decode(FullGrammar.self, from: Data(dump.stdout.utf8))
    }
}
