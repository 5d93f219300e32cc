import ArgumentParser
import Foundation
import ModSearchClient
import ModSearchCore
import ModSearchProtocol

/// `modsearch-bench load SOCKET DB QUERIES`: daemon round trips at several client counts, beside
/// the in-process time of the same requests.
struct LoadBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "load", abstract: "Load a running modsearchd: round-trip p50/p99 and throughput per client count.")

    @Argument(help: "The daemon's socket.") var socket: String
    @Argument(help: "The database the daemon serves (for the in-process baseline).") var database: String
    @Argument(help: "Query file.") var queries: String
    @Option(help: "Client counts, comma-separated.") var clients = "1,2,8,32"
    @Option(help: "Requests per client count (split between the clients).") var requests = 4000

    func run() throws {
        let mix = try readQueries(queries)
        let lines = mix.map { Codec.encode(Request(op: .search, query: $0, limit: 10)) }

        // Baseline: the same requests answered in this process, one at a time.
        let searcher = try Searcher(databasePath: database)
        var inProcess = Latency()
        for round in 0...max(1, requests / mix.count) {
            for query in mix {
                let start = now()
                _ = try searcher.search(SearchOptions(query: query, limit: 10))
                if round > 0 { inProcess.record(nanoseconds: now() - start) }
            }
        }
        var rows: [[String: Any]] = []
        for count in clients.split(separator: ",").compactMap({ Int($0) }) {
            let perClient = max(1, requests / count)
            let results = LockedResults()
            let group = DispatchGroup()
            let started = now()
            for client in 0..<count {
                group.enter()
                Thread {
                    defer { group.leave() }
                    results.add(Self.drive(socket: socket, lines: lines, offset: client, count: perClient))
                }.start()
            }
            group.wait()
            let seconds = Double(now() - started) / 1e9
            let (latency, failures) = results.total
            rows.append(["clients": count, "requests": latency.count, "failures": failures,
                         "throughput_rps": Int(Double(latency.count) / seconds)].merging(latency.json) { $1 })
        }
        printJSON(["in_process": inProcess.json, "daemon": rows])
    }

    /// One client: sequential requests on one connection, timing each round trip.
    static func drive(socket: String, lines: [[UInt8]], offset: Int, count: Int) -> (Latency, Int) {
        var latency = Latency()
        var failures = 0
        guard let connection = try? LineConnection(path: socket) else { return (latency, count) }
        for number in 0..<count {
            let line = lines[(offset + number) % lines.count]
            let start = now()
            guard (try? connection.roundTrip(line)) == true else { failures += 1; continue }
            latency.record(nanoseconds: now() - start)
        }
        return (latency, failures)
    }
}

final class LockedResults: @unchecked Sendable {
    private let lock = NSLock()
    private var latency = Latency()
    private var failures = 0

    func add(_ result: (Latency, Int)) {
        lock.lock()
        latency.merge(result.0)
        failures += result.1
        lock.unlock()
    }

    var total: (Latency, Int) { lock.lock(); defer { lock.unlock() }; return (latency, failures) }
}

extension LineConnection {
    private static let success = Array(#"{"ok":true"#.utf8)

    /// Sends one request line and reads its answer; true when it succeeded.
    /// (No request id is sent, so a success line starts with `{"ok":true`.)
    func roundTrip(_ line: [UInt8]) throws -> Bool {
        try write(line)
        guard let answer = try readLine() else { throw Failure(description: "connection closed") }
        return answer.starts(with: Self.success)
    }
}
