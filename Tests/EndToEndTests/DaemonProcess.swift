import Foundation
import ModSearchClient
import ModSearchProtocol
import Testing

/// A real `modsearchd` on a temporary socket, stopped (SIGTERM) when the test is done with it.
final class DaemonProcess {
    let socket: String
    let folder: String
    let process: ChildProcess
    var log: String { (try? String(contentsOfFile: folder + "/daemon.log", encoding: .utf8)) ?? "" }

    /// `launcher` runs the daemon: a program and its arguments, to which the daemon's command
    /// line is appended (it must exec it, keeping the pid).
    init(database: String, arguments: [String] = [], folder: String? = nil, launcher: [String] = []) throws {
        self.folder = try folder ?? Harness.temporaryFolder()
        socket = self.folder + "/run/modsearchd.sock"
        let command = launcher + [Harness.modsearchd, "--db", database, "--socket", socket] + arguments
        process = try Harness.launch(command[0], Array(command.dropFirst()), log: self.folder + "/daemon.log")
        let socket = self.socket
        guard Harness.waitFor({ (try? SocketClient(path: socket)) != nil }) else {
            process.signal(SIGKILL)
            throw Failure("modsearchd did not start: \(log)")
        }
    }

    func stop() {
        if process.isRunning {
            process.signal(SIGTERM)
            process.wait()
        }
    }

    deinit { stop() }

    func client() throws -> SocketClient { try SocketClient(path: socket) }

    /// One request, one response.
    func ask(_ json: String) throws -> [String: Any] {
        let client = try client()
        try client.send(json + "\n")
        return try client.readObject()
    }
}

struct Failure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// A test client: `LineConnection` plus JSON helpers.
final class SocketClient {
    private let connection: LineConnection

    init(path: String) throws {
        connection = try LineConnection(path: path, timeoutSeconds: 30)
    }

    func send(_ text: String) throws { try connection.write(Array(text.utf8)) }
    func send(_ bytes: [UInt8]) throws { try connection.write(bytes) }
    func finishSending() { connection.finishSending() }

    /// The next line, or nil at end of stream.
    func readLine() throws -> String? {
        try connection.readLine().map { String(decoding: $0, as: UTF8.self) }
    }

    func readObject() throws -> [String: Any] {
        guard let line = try readLine() else { throw Failure("connection closed before an answer") }
        guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
            throw Failure("not a JSON object: \(line)")
        }
        return object
    }
}

extension Dictionary where Key == String, Value == Any {
    var ok: Bool { self["ok"] as? Bool ?? false }
    var errorCode: String? { (self["error"] as? [String: Any])?["code"] as? String }
    var result: [String: Any] { self["result"] as? [String: Any] ?? [:] }
    var hitIDs: [String] { (result["hits"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String } }
    /// `score id` per hit, equal scores in id order: a ranking that any order of ties satisfies.
    var scoredIDs: [String] {
        let hits = (result["hits"] as? [[String: Any]] ?? []).compactMap { hit -> (Double, String)? in
            guard let id = hit["id"] as? String, let score = (hit["score"] as? NSNumber)?.doubleValue else { return nil }
            return (score, id)
        }
        return hits.sorted { $0.0 > $1.0 || ($0.0 == $1.0 && $0.1 < $1.1) }.map { "\($0.0) \($0.1)" }
    }
}
