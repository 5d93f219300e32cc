#if canImport(Glibc)
import Glibc
#endif
import ModSearchCLI
import ModSearchClient
import ModSearchProtocol

// `modsearch`: the command people and scripts run. It answers the common command lines itself
// through the daemon, linking neither Foundation nor Xapian, so that it starts in about a
// millisecond; every other command line (help, completions, usage errors, `--no-daemon`,
// `index`, `parse`) runs `modsearch-full`, the full ArgumentParser CLI over the engine,
// with the same arguments.

signal(SIGPIPE, SIG_IGN)
switch FastCommandLine.parse(Array(CommandLine.arguments.dropFirst())) {
case .version?:
    Output.line(ModSearchVersion.string)
    exit(0)
case .search(let arguments, let location, let format)?:
    exit(Commands.search(arguments, format: format, connect: location.daemon))
case .get(let ids, let location, let format)?:
    exit(Commands.get(ids, format: format, connect: location.daemon))
case .related(let target, let limit, let location, let format)?:
    exit(Commands.related(target, limit: limit, format: format, connect: location.daemon))
case .stats(let json, let location)?:
    exit(Commands.stats(json: json, connect: location.daemon))
case .daemonStart(let location)?:
    exit(Commands.daemonStart(location))
case .daemonStop(let location)?:
    exit(Commands.daemonStop(location))
case .daemonStatus(let location)?:
    exit(Commands.daemonStatus(location))
case nil:
    do {
        try Sibling.exec("modsearch-full")
    } catch {
        exit(Commands.failed(error))
    }
}
