import Foundation
import ModSearchProtocol
import Testing

/// A real `modsearchd` on a temporary socket, stopped (SIGTERM) when the test is done with it.
final class DaemonProcess {
    let socket: String
    let folder: String
    let process: ChildProcess
    var log: String { (try? String(contentsOfFile: folder + "/daemon.log", encoding: .utf8)) ?? "" }

    init(database: String, arguments: [String] = [], folder: String? = nil) throws {
        self.folder = try folder ?? Harness.temporaryFolder()
        socket = self.folder + "/run/modsearchd.sock"
        process = try Harness.launch(Harness.modsearchd, ["--db", database, "--socket", socket] + arguments,
                                     log: self.folder + "/daemon.log")
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

/// A blocking Unix-socket client speaking newline-delimited JSON, for tests.
final class SocketClient {
    let fd: Int32
    private var buffer: [UInt8] = []

    init(path: String) throws {
        fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: path.utf8)
            raw[path.utf8.count] = 0
        }
        let status = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard status == 0 else {
            close(fd)
            throw Failure("connect \(path): \(String(cString: strerror(errno)))")
        }
        var timeout = timeval(tv_sec: 30, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit { close(fd) }

    func send(_ text: String) throws { try send(Array(text.utf8)) }

    func send(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard written > 0 else { throw Failure("send: \(String(cString: strerror(errno)))") }
            offset += written
        }
    }

    /// Shuts down our sending side (half-close).
    func finishSending() { shutdown(fd, Int32(SHUT_WR)) }

    /// The next line, or nil at end of stream.
    func readLine() throws -> String? {
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            if let newline = buffer.firstIndex(of: 0x0A) {
                let line = String(decoding: buffer[..<newline], as: UTF8.self)
                buffer.removeSubrange(...newline)
                return line
            }
            let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count == 0 { return nil }
            guard count > 0 else { throw Failure("recv: \(String(cString: strerror(errno)))") }
            buffer += chunk[0..<count]
        }
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
}
