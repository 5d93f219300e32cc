#if canImport(Glibc)
import Glibc
#endif

/// A blocking connection to a Unix stream socket that exchanges newline-terminated lines:
/// the client side of the wire protocol, for the CLI, the benchmarks and the tests.
public final class LineConnection {
    public struct Failure: Error, CustomStringConvertible {
        public let description: String

        public init(description: String) {
            self.description = description
        }
    }

    private let fd: Int32
    /// Bytes received and not yet returned as lines; the first `scanned` hold no newline.
    private var buffer: [UInt8] = []
    private var scanned = 0
    /// Receives into memory left uninitialised (a short-lived client would otherwise spend more
    /// time zeroing it than reading an answer), allocated at the first read.
    private var chunk: UnsafeMutableRawBufferPointer?

    /// Connects to `path`; reads give up after `timeoutSeconds` without data.
    public init(path: String, timeoutSeconds: Int = 60) throws(Failure) {
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
            throw Failure(description: "\(path): \(reason)")
        }
        var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit {
        close(fd)
        chunk?.deallocate()
    }

    /// Whether something accepts connections at `path`.
    public static func answers(_ path: String) -> Bool {
        (try? LineConnection(path: path, timeoutSeconds: 1)) != nil
    }

    public func write(_ bytes: [UInt8]) throws(Failure) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if written < 0 {
                if errno == EINTR { continue }
                throw Failure(description: String(cString: strerror(errno)))
            }
            offset += written
        }
    }

    /// Closes the sending side only (a half-close): the peer sees end of input, answers still arrive.
    public func finishSending() { shutdown(fd, Int32(SHUT_WR)) }

    /// The next line without its newline, or nil when the peer closed the connection.
    public func readLine() throws(Failure) -> [UInt8]? {
        while true {
            if let newline = firstNewline(from: scanned) {
                let line = Array(buffer[..<newline])
                buffer.removeSubrange(...newline)
                scanned = 0
                return line
            }
            scanned = buffer.count
            let chunk = self.chunk ?? UnsafeMutableRawBufferPointer.allocate(byteCount: 65_536, alignment: 1)
            self.chunk = chunk
            let count = recv(fd, chunk.baseAddress, chunk.count, 0)
            if count < 0 {
                if errno == EINTR { continue }
                throw Failure(description: errno == EAGAIN ? "timed out waiting for an answer" : String(cString: strerror(errno)))
            }
            if count == 0 { return nil }
            buffer.append(contentsOf: UnsafeRawBufferPointer(rebasing: chunk[..<count]))
        }
    }

    /// Where the next newline is in `buffer`, looking from `start` with `memchr`: an answer of
    /// many hits is kilobytes, which a byte-by-byte search takes microseconds over.
    private func firstNewline(from start: Int) -> Int? {
        buffer.withUnsafeBufferPointer { received in
            guard let base = received.baseAddress, start < received.count,
                  let found = memchr(base + start, 0x0A, received.count - start) else { return nil }
            return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
        }
    }
}
