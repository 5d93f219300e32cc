#if canImport(Glibc)
import Glibc
#endif
import ModSearchClient
import ModSearchProtocol

/// Where the index and the daemon are (`--db`, `--socket`).
public struct Location: Sendable, Equatable {
    public var db: String?
    public var socket: String?

    public init(db: String?, socket: String?) {
        self.db = db
        self.socket = socket
    }

    /// The index, as an absolute path: every request names it, and the daemon's working folder is not ours.
    public var databasePath: String { Locations.absolute(db ?? Locations.database()) }
    public var socketPath: String { socket ?? Locations.socket() }

    /// The daemon serving this location, started when none answers.
    public func daemon() throws(ProtocolError) -> any Backend {
        try DaemonBackend(socketPath: socketPath, databasePath: databasePath, autostart: true)
    }

    /// The daemon's pong, or nil when nothing answers on the socket.
    func ping() -> Pong? {
        guard let backend = try? DaemonBackend(socketPath: socketPath, databasePath: databasePath, autostart: false),
              case .pong(let pong)? = try? backend.send(Request(op: .ping)) else { return nil }
        return pong
    }
}

extension Commands {
    public static func stats(json: Bool, connect: Connect) -> Int32 {
        let result: Response.Result
        do {
            result = try connect().send(Request(op: .stats))
        } catch {
            return failed(error)
        }
        guard case .stats(let stats) = result else { return unexpected() }
        if json {
            Output.write(JSONRecords.stats(stats))
            return 0
        }
        var lines = ["database    \(stats.database)", "passages    \(stats.passages)",
                     "modalities  \(stats.modalities)", "revision    \(stats.revision)"]
        for shard in stats.shards ?? [] {
            lines.append("shard       \(shard.shard): \(shard.documents) documents, \(shard.passages) passages, revision "
                         + (shard.revision.map(String.init) ?? "unknown (remote)"))
        }
        if let uptime = stats.uptimeSeconds { lines.append("daemon up   \(Int(uptime)) s") }
        if let requests = stats.requests { lines.append("requests    \(requests)") }
        Output.line(lines.joined(separator: "\n"))
        return 0
    }

    public static func daemonStart(_ location: Location) -> Int32 {
        if let pong = location.ping() {
            Output.line("already running (pid \(pong.pid)) on \(location.socketPath)")
            return 0
        }
        let spawned: Int32
        do {
            spawned = try DaemonLauncher.start(socketPath: location.socketPath, databasePath: location.databasePath)
        } catch {
            return failed(error)
        }
        // The daemon that answers: another client's, when the one started here lost the race.
        let pid = location.ping().map { Int32($0.pid) } ?? spawned
        Output.line("started (pid \(pid)) on \(location.socketPath), serving \(location.databasePath)")
        return 0
    }

    public static func daemonStop(_ location: Location) -> Int32 {
        guard let pong = location.ping() else {
            Output.line("not running")
            return 0
        }
        kill(pid_t(pong.pid), SIGTERM)
        for _ in 0..<500 {
            if location.ping() == nil, kill(pid_t(pong.pid), 0) != 0 {
                Output.line("stopped (pid \(pong.pid))")
                return 0
            }
            usleep(20_000)
        }
        Diagnostics.error("pid \(pong.pid) did not stop within 10 s")
        return 2
    }

    /// Whether a daemon answers, and each index it serves: the one this command line names, and
    /// every other one it has answered for.
    public static func daemonStatus(_ location: Location) -> Int32 {
        guard let pong = location.ping(),
              let backend = try? DaemonBackend(socketPath: location.socketPath, databasePath: location.databasePath,
                                               autostart: false) else {
            Output.line("not running (no daemon answers on \(location.socketPath))")
            return 1
        }
        var lines = ["running (pid \(pong.pid), version \(pong.version)) on \(location.socketPath)"]
        var served = [location.databasePath]
        if case .stats(let own)? = try? backend.send(Request(op: .stats)) {
            if let uptime = own.uptimeSeconds, let requests = own.requests {
                lines[0] += ", up \(Int(uptime)) s, \(requests) requests"
            }
            served += (own.served ?? []).filter { $0 != location.databasePath }
        }
        for database in served {
            switch Result(catching: { () throws(ProtocolError) in try backend.send(Request(op: .stats, db: database)) }) {
            case .success(.stats(let stats)):
                lines.append("  serving \(database): \(stats.passages) passages, revision \(stats.revision)")
            case .failure(let error):
                lines.append("  serving \(database): \(error.message)")
            default:
                break
            }
        }
        Output.line(lines.joined(separator: "\n"))
        return 0
    }
}
