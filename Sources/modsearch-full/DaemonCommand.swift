import ArgumentParser
import ModSearchCLI

/// `modsearch daemon start|stop|status`: manage the daemon by hand.
struct DaemonCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "daemon",
        abstract: "Start, stop or inspect the query daemon.",
        discussion: "The client starts the daemon by itself when none answers; these are for doing it by hand.",
        subcommands: [Start.self, Stop.self, Status.self])

    struct Start: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Start the daemon (detached) unless one answers.")
        @OptionGroup var location: LocationOptions

        func run() throws { try finish(Commands.daemonStart(location.location)) }
    }

    struct Stop: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Stop the daemon (SIGTERM) and wait for it to exit.")
        @OptionGroup var location: LocationOptions

        func run() throws { try finish(Commands.daemonStop(location.location)) }
    }

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Say whether the daemon runs; exit 1 if not.")
        @OptionGroup var location: LocationOptions

        func run() throws { try finish(Commands.daemonStatus(location.location)) }
    }
}
