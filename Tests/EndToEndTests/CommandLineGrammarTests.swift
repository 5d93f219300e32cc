import Foundation
import ModSearchCLI
import Testing

/// Both programs read command lines with `CommandLineGrammar`; `modsearch-full` then hands them
/// to ArgumentParser, whose tree gives help and the man page. These tests hold the two equal,
/// reading ArgumentParser's tree from `modsearch-full --experimental-dump-help`.
@Suite struct CommandLineGrammarTests {
    /// Options ArgumentParser adds to every command by itself, which the reader reads anywhere too.
    static let builtInOptions: Set<String> = ["-h", "--help", "--version"]
    /// Commands that are only a group (`daemon`) or ArgumentParser's own (`help`).
    static let groups: Set<[String]> = [["help"], ["daemon"]]

    @Test func everyOptionOfTheGrammarIsAnOptionOfArgumentParsersTreeAndNoOther() throws {
        let full = try FullGrammar.dumped()
        for command in CommandLineGrammar.commands {
            let tree = try #require(full.command(at: command.path), "\(command.path) is not in the full grammar")
            for option in command.options {
                let match = try #require(tree.options.first { $0.written.contains(option.long) },
                                         "\(command.path) \(option.long) is not in the full grammar")
                #expect(Set(match.written) == Set(option.names), "\(command.path) \(option.long)")
                #expect(match.takesValue == option.takesValue, "\(command.path) \(option.long)")
                #expect(match.isRepeating == option.repeatable, "\(command.path) \(option.long)")
                if case .choice(let words) = option.values {
                    #expect(match.allValues == words, "\(command.path) \(option.long)")
                }
            }
            let extra = Set(tree.options.flatMap(\.written)).subtracting(command.options.flatMap(\.names))
            #expect(extra == Self.builtInOptions, "\(command.path)")
        }
    }

    @Test func theGrammarHasEveryCommandOfArgumentParsersTree() throws {
        let full = try FullGrammar.dumped()
        #expect(full.command.defaultSubcommand == CommandLineGrammar.defaultCommand.path[0])
        #expect(Set(full.paths).subtracting(CommandLineGrammar.commands.map(\.path)) == Self.groups)
        #expect(Set(CommandLineGrammar.commands.map(\.path)).isSubset(of: Set(full.paths)))
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
