import ArgumentParser
#if canImport(Glibc)
import Glibc
#endif
import Foundation
import ModSearchCLI
import ModSearchProtocol

/// The whole `modsearch` command line with the engine linked in: `modsearch` runs this program
/// for help, completions, `--no-daemon`, `index` and `parse`. Command lines are read by
/// `CommandLineReader`, as `modsearch` reads them, and handed to ArgumentParser in their
/// canonical form (command first, long option names, operands after `--`); ArgumentParser's tree
/// gives help, the man page and the commands' `run`.
@main
struct ModSearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "modsearch",
        abstract: "Search modality documents: ranked passages with highlighted snippets.",
        discussion: """
            Options may come before or after the command, short values attached or not (-n1).

            Examples (each runs as written from a folder holding Corpus/):
              # search, the default command
              modsearch self-criticism
              # a phrase, in Evidence to Efficacy only
              modsearch '"eating disorders"' -s evidence
              # whole passages of one modality
              modsearch shame -m MOD032 --full
              # why these passages, in this order
              modsearch explain -n 3 shame guilt
              # every modality that talks about trauma
              modsearch --json --all trauma | jq -r 'select(.type=="hit").modality' | sort -u
              # every match, path:line:column:text, for vim -q hits.txt
              modsearch --vimgrep --all shame > hits.txt
              # a word that names a command, searched for
              modsearch -- related
              # (re)index documents into another index
              modsearch --db ./my-index index Corpus/

            Exit status: 0 when something matched, 1 when nothing did (search: nothing matched \
            the words as typed, even when a correction found hits; index: when files were \
            skipped or none found), 2 on an error.
            """,
        version: ModSearchVersion.string,
        subcommands: [SearchCommand.self, ExplainCommand.self, IndexCommand.self, GetCommand.self, RelatedCommand.self, StatsCommand.self,
                      DaemonCommand.self, ParseCommand.self, MCPCommand.self],
        defaultSubcommand: SearchCommand.self
    )

    static func main() {
        signal(SIGPIPE, SIG_IGN)
        Glibc.exit(run(Array(CommandLine.arguments.dropFirst())))
    }

    private static func run(_ arguments: [String]) -> Int32 {
        switch CommandLineReader.read(arguments) {
        case .usageError(let message): return Commands.usageError(message)
        case .version:
            Output.line(ModSearchVersion.string)
            return 0
        case .completionScript(let shell): return CompletionScripts.print(shell)
        case .complete(let index, let words): return CompletionValues.print(at: index, of: words)
        case .help(let path): return runReportingErrors(path + ["--help"])
        case .handOver: return runReportingErrors(arguments)
        case .command(let command): return runReportingErrors(command.canonicalArguments)
        }
    }

    /// Runs the command with grep's exit statuses: usage errors exit 2, not ArgumentParser's 64.
    /// Exits outside the catch, so the error has been released (no leak reported at exit).
    private static func runReportingErrors(_ arguments: [String]) -> Int32 {
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
            return 0
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                let help = fullMessage(for: error)
                if !help.isEmpty { Output.line(help) }
                return 0
            }
            let message = self.message(for: error)
            if !message.isEmpty {
                let hint = code == .validationFailure ? " (see modsearch --help)" : ""
                Diagnostics.error(message.replacingOccurrences(of: "Error: ", with: "") + hint)
            }
            return code == .validationFailure ? 2 : code.rawValue
        }
    }
}
