#if canImport(Glibc)
import Glibc
#endif
import ModSearchClient
import ModSearchProtocol

// What each client command does once its arguments are known, shared by the two front ends
// (`modsearch`'s own fast parser and `modsearch-full`'s ArgumentParser tree) so that both print
// the same bytes and exit with the same status: 0 something matched, 1 nothing did, 2 an error.

/// Where the index and the daemon are (`--db`, `--socket`).
public struct Location: Sendable, Equatable {
    public var db: String?
    public var socket: String?

    public init(db: String?, socket: String?) {
        self.db = db
        self.socket = socket
    }

    public var databasePath: String { db ?? Locations.database() }
    public var socketPath: String { socket ?? Locations.socket() }

    /// The daemon serving this location, started when none answers.
    public func daemon() throws(ProtocolError) -> any Backend {
        try DaemonBackend(socketPath: socketPath, databasePath: databasePath, autostart: true)
    }

    /// The daemon's pong, or nil when nothing answers on the socket.
    func ping() -> Pong? {
        guard let backend = try? DaemonBackend(socketPath: socketPath, databasePath: "", autostart: false),
              case .pong(let pong)? = try? backend.send(Request(op: .ping)) else { return nil }
        return pong
    }
}

extension HitPrinter.Format {
    /// The format the output flags choose (at most one of them is set; the parsers check).
    public init(json: Bool, tsv: Bool, ids: Bool, count: Bool, full: Bool, color: ColorChoice) {
        if json {
            self = .json
        } else if tsv {
            self = .tsv
        } else if ids {
            self = .ids
        } else if count {
            self = .count
        } else {
            self = .text(Terminal.style(for: color), full: full)
        }
    }
}

/// `search`'s own arguments.
public struct SearchArguments: Sendable, Equatable {
    public var query: [String]
    public var limit: Int
    public var offset: Int
    public var modality: [String]
    public var section: [String]
    public var by: Collapse?
    public var facets: Bool

    public init(query: [String], limit: Int, offset: Int, modality: [String], section: [String], by: Collapse?, facets: Bool) {
        self.query = query
        self.limit = limit
        self.offset = offset
        self.modality = modality
        self.section = section
        self.by = by
        self.facets = facets
    }
}

public enum Commands {
    public typealias Connect = () throws(ProtocolError) -> any Backend

    public static func search(_ arguments: SearchArguments, format: HitPrinter.Format, connect: Connect) -> Int32 {
        let text = arguments.query.joined(separator: " ")
        // A count asks for no passages, which makes the total exact.
        var countOnly = false
        if case .count = format { countOnly = true }
        let request = Request(op: .search, query: text, limit: countOnly ? 0 : arguments.limit, offset: arguments.offset,
                              modality: arguments.modality.isEmpty ? nil : arguments.modality,
                              section: arguments.section.isEmpty ? nil : arguments.section,
                              collapse: arguments.by, facets: arguments.facets ? true : nil)
        let result: Response.Result
        do {
            result = try connect().send(request)
        } catch {
            return failed(error)
        }
        guard case .search(let answer) = result else { return unexpected() }
        HitPrinter(format: format).printResult(
            hits: answer.hits, total: answer.total.estimate,
            exact: answer.total.lower == answer.total.upper, query: text, tookMicroseconds: answer.tookMicroseconds,
            corrected: answer.corrected, suggestion: answer.suggestion, facets: answer.facets)
        return answer.hits.isEmpty && answer.total.estimate == 0 ? 1 : 0
    }

    public static func get(_ ids: [String], format: HitPrinter.Format, connect: Connect) -> Int32 {
        let backend: any Backend
        do {
            backend = try connect()
        } catch {
            return failed(error)
        }
        let printer = HitPrinter(format: format)
        var missing = false
        for (number, id) in ids.enumerated() {
            do {
                guard case .passage(var hit) = try backend.send(Request(op: .get, target: id)) else { continue }
                hit.rank = number + 1
                printer.printPassage(hit)
            } catch where error.code == .notFound {
                Diagnostics.error(error.message)
                missing = true
            } catch {
                return failed(error)
            }
        }
        return missing ? 1 : 0
    }

    public static func related(_ target: String, limit: Int, format: HitPrinter.Format, connect: Connect) -> Int32 {
        let result: Response.Result
        do {
            result = try connect().send(Request(op: .related, limit: limit, target: target))
        } catch {
            return failed(error)
        }
        guard case .related(let related) = result else { return unexpected() }
        // Cross-references are part of the answer, so they go to stdout with the hits; the
        // formats for pipes leave them out, keeping one record per line.
        if case .text = format {
            if let references = related.references {
                Output.line("\(related.target) refers to: \(references.joined(separator: " "))")
            }
            if let referencedBy = related.referencedBy {
                Output.line("referred to by: \(referencedBy.joined(separator: " "))")
            }
        }
        HitPrinter(format: format).printResult(
            hits: related.hits, total: related.hits.count, query: "", tookMicroseconds: related.tookMicroseconds)
        return related.hits.isEmpty ? 1 : 0
    }

    public static func stats(json: Bool, connect: Connect) -> Int32 {
        let result: Response.Result
        do {
            result = try connect().send(Request(op: .stats))
        } catch {
            return failed(error)
        }
        guard case .stats(let stats) = result else { return unexpected() }
        if json {
            Output.line(String(decoding: stats.jsonBytes, as: UTF8.self))
            return 0
        }
        var lines = ["database    \(stats.database)", "passages    \(stats.passages)",
                     "modalities  \(stats.modalities)", "revision    \(stats.revision)"]
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
        let pid: Int32
        do {
            pid = try DaemonLauncher.start(socketPath: location.socketPath, databasePath: location.databasePath)
        } catch {
            return failed(error)
        }
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

    public static func daemonStatus(_ location: Location) -> Int32 {
        guard let pong = location.ping() else {
            Output.line("not running (no daemon answers on \(location.socketPath))")
            return 1
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
        return 0
    }

    /// One line on stderr for a failed request; exit status 2.
    public static func failed(_ error: ProtocolError) -> Int32 {
        Diagnostics.error(error.code == .badQuery ? "bad query: \(error.message)" : error.message)
        return 2
    }

    private static func unexpected() -> Int32 {
        Diagnostics.error("unexpected answer from the daemon")
        return 2
    }
}
