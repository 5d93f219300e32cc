import ArgumentParser
#if canImport(Glibc)
import Glibc
#endif
import Foundation
import ModSearchCLI
import ModSearchProtocol

/// The whole `modsearch` command line, parsed by ArgumentParser, with the engine linked in:
/// `modsearch` runs this program for help, completions, usage errors, `--no-daemon`, `index`
/// and `parse`, and anything else its own fast parser leaves alone.
@main
struct ModSearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "modsearch",
        abstract: "Search modality documents: ranked passages with highlighted snippets.",
        discussion: """
            Examples:
              modsearch self-criticism                      search (the default command)
              modsearch '"inner critic"' -s evidence        a phrase, in Evidence to Efficacy only
              modsearch shame -m MOD032 --full              whole passages of one modality
              modsearch --json trauma | jq -r .modality | sort -u
              modsearch index Corpus/                       (re)index documents

            Exit status: 0 when something matched, 1 when nothing did, 2 on an error.
            """,
        version: ModSearchVersion.string,
        subcommands: [SearchCommand.self, IndexCommand.self, GetCommand.self, RelatedCommand.self, StatsCommand.self,
                      DaemonCommand.self, ParseCommand.self],
        defaultSubcommand: SearchCommand.self
    )

    /// Runs the command with grep's exit statuses: usage errors exit 2, not ArgumentParser's 64.
    static func main() {
        signal(SIGPIPE, SIG_IGN)
        // Exit outside the catch, so the error has been released (no leak reported at exit).
        Glibc.exit(runReportingErrors())
    }

    private static func runReportingErrors() -> Int32 {
        do {
            var command = try parseAsRoot()
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
