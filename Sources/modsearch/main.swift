#if canImport(Glibc)
import Glibc
#endif
import ModSearchCLI
import ModSearchClient
import ModSearchProtocol

// `modsearch`: the command people and scripts run. It reads every command line with the grammar
// `modsearch-full` reads too, and answers searches, lookups and the daemon commands itself
// through the daemon, linking neither Foundation nor Xapian, so that it starts in about a
// millisecond; help, completions, `--no-daemon`, `index` and `parse` run `modsearch-full`,
// the ArgumentParser CLI over the engine, with the same arguments.

signal(SIGPIPE, SIG_IGN)
switch CommandLineReader.read(Array(CommandLine.arguments.dropFirst())) {
case .version:
    Output.line(ModSearchVersion.string)
    exit(0)
case .usageError(let message):
    exit(Commands.usageError(message))
case .command(let command):
    if let status = command.runThroughDaemon() { exit(status) }
    fallthrough
default:
    do {
        try Sibling.exec("modsearch-full")
    } catch {
        exit(Commands.failed(error))
    }
}
