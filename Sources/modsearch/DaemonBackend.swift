#if canImport(Glibc)
import Glibc
#endif
import Foundation
import ModSearchProtocol

/// Sends requests to `modsearchd` over its Unix socket, starting the daemon when none answers.
final class DaemonBackend: Backend {
    private let connection: UnixConnection

    /// Connects to the daemon at `socketPath`; with `autostart`, starts one serving `databasePath` if needed.
    init(socketPath: String, databasePath: String, autostart: Bool) throws(ProtocolError) {
        if let connection = try? UnixConnection(path: socketPath) {
            self.connection = connection
            return
        }
        guard autostart else {
            throw ProtocolError(.unavailable, "no daemon answers on \(socketPath)")
        }
        try DaemonLauncher.start(socketPath: socketPath, databasePath: databasePath)
        do {
            connection = try UnixConnection(path: socketPath)
        } catch {
            throw ProtocolError(.unavailable, "started modsearchd but cannot connect to \(socketPath): \(error)")
        }
    }

    func send(_ request: Request) throws(ProtocolError) -> Response.Result {
        let response: Response
        do {
            try connection.write(try Codec.encode(request))
            response = try Codec.decodeResponse(try connection.readLine())
        } catch let error as ProtocolError {
            throw error
        } catch {
            throw ProtocolError(.unavailable, "lost the daemon: \(error)")
        }
        if let error = response.error { throw ProtocolError(error.code, error.message) }
        guard let result = response.result else { throw ProtocolError(.internalError, "the daemon sent an empty answer") }
        return result
    }
}

/// A blocking, line-oriented Unix stream socket client.
final class UnixConnection {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    private let fd: Int32
    private var buffer: [UInt8] = []

    init(path: String, timeoutSeconds: Int = 60) throws(Failure) {
        fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure(description: String(cString: strerror(errno))) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        guard path.utf8.count < MemoryLayout.size(ofValue: address.sun_path) else {
            close(fd)
            throw Failure(description: "socket path too long: \(path)")
        }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: path.utf8)
            raw[path.utf8.count] = 0
        }
        let status = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard status == 0 else {
            let reason = String(cString: strerror(errno))
            close(fd)
            throw Failure(description: reason)
        }
        var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit { close(fd) }

    func write(_ bytes: [UInt8]) throws(Failure) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if written < 0 {
                if errno == EINTR { continue }
                throw Failure(description: String(cString: strerror(errno)))
            }
            offset += written
        }
    }

    /// The next line, without its newline.
    func readLine() throws(Failure) -> [UInt8] {
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            if let newline = buffer.firstIndex(of: 0x0A) {
                let line = Array(buffer[..<newline])
                buffer.removeSubrange(...newline)
                return line
            }
            let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count < 0 {
                if errno == EINTR { continue }
                throw Failure(description: errno == EAGAIN ? "timed out waiting for an answer" : String(cString: strerror(errno)))
            }
            if count == 0 { throw Failure(description: "the daemon closed the connection") }
            buffer += chunk[0..<count]
        }
    }
}
