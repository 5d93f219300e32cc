import ArgumentParser
#if canImport(Glibc)
import Glibc
#endif
import ModSearchProtocol

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

        func run() throws {
            if let pong = DaemonCommand.ping(location.socketPath) {
                Output.line("already running (pid \(pong.pid)) on \(location.socketPath)")
                return
            }
            let pid = try Failure.report { () throws(ProtocolError) in
                try DaemonLauncher.start(socketPath: location.socketPath, databasePath: location.databasePath)
            }
            Output.line("started (pid \(pid)) on \(location.socketPath), serving \(location.databasePath)")
        }
    }

    struct Stop: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Stop the daemon (SIGTERM) and wait for it to exit.")
        @OptionGroup var location: LocationOptions

        func run() throws {
            guard let pong = DaemonCommand.ping(location.socketPath) else {
                Output.line("not running")
                return
            }
            kill(pid_t(pong.pid), SIGTERM)
            for _ in 0..<500 {
                if DaemonCommand.ping(location.socketPath) == nil, kill(pid_t(pong.pid), 0) != 0 {
                    Output.line("stopped (pid \(pong.pid))")
                    return
                }
                usleep(20_000)
            }
            Diagnostics.error("pid \(pong.pid) did not stop within 10 s")
            throw ExitCode(2)
        }
    }

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Say whether the daemon runs; exit 1 if not.")
        @OptionGroup var location: LocationOptions

        func run() throws {
            guard let pong = DaemonCommand.ping(location.socketPath) else {
                Output.line("not running (no daemon answers on \(location.socketPath))")
                throw ExitCode(1)
            }
            var line = "running (pid \(pong.pid), version \(pong.version)) on \(location.socketPath)"
            if let backend = try? DaemonBackend(socketPath: location.socketPath, databasePath: location.databasePath, autostart: false),
               case .stats(let stats)? = try? backend.send(Request(op: .stats)) {
                line += "\n  database \(stats.database), \(stats.passages) passages, revision \(stats.revision)"
                if let uptime = stats.uptimeSeconds, let requests = stats.requests {
                    line += ", up \(Int(uptime)) s, \(requests) requests"
                }
            }
            Output.line(line)
        }
    }

    /// The daemon's pong, or nil when nothing answers on the socket.
    static func ping(_ socket: String) -> Pong? {
        guard let backend = try? DaemonBackend(socketPath: socket, databasePath: "", autostart: false),
              case .pong(let pong)? = try? backend.send(Request(op: .ping)) else { return nil }
        return pong
    }
}
