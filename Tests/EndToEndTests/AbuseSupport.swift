import Foundation

/// A client socket that behaves badly on purpose: sends without blocking, never reads, reads
/// with a deadline instead of a timeout per call.
final class RawClient {
    private(set) var fd: Int32
    private var buffer: [UInt8] = []

    init(path: String) throws {
        fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure("socket: \(String(cString: strerror(errno)))") }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
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
            Glibc.close(fd)
            throw Failure("connect \(path): \(reason)")
        }
    }

    deinit { close() }

    func close() {
        if fd >= 0 { Glibc.close(fd) }
        fd = -1
    }

    /// Sends what the socket takes at once; returns how many bytes that was.
    @discardableResult
    func offer(_ text: String) -> Int {
        let sent = Array(text.utf8).withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL | MSG_DONTWAIT)) }
        return max(sent, 0)
    }

    /// The next line, waiting at most `seconds`; nil when the daemon closed the connection.
    func line(within seconds: Double) throws -> String? {
        let deadline = Date().addingTimeInterval(seconds)
        while true {
            if let newline = buffer.firstIndex(of: 0x0A) {
                defer { buffer.removeSubrange(...newline) }
                return String(decoding: buffer[..<newline], as: UTF8.self)
            }
            let left = deadline.timeIntervalSinceNow
            guard left > 0 else { throw Failure("no line within \(seconds) s") }
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, Int32(left * 1000) + 1) > 0 else { continue }
            var chunk = [UInt8](repeating: 0, count: 65_536)
            let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count == 0 || (count < 0 && errno == ECONNRESET) { return nil }
            guard count > 0 else { throw Failure("recv: \(String(cString: strerror(errno)))") }
            buffer += chunk[..<count]
        }
    }

    /// Sends one request and reads its answer as JSON.
    func ask(_ json: String, within seconds: Double = 5) throws -> [String: Any] {
        guard offer(json + "\n") == json.utf8.count + 1 else { throw Failure("could not send \(json)") }
        guard let line = try line(within: seconds) else { throw Failure("closed before an answer to \(json)") }
        return try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] ?? [:]
    }
}

extension DaemonProcess {
    /// A connection the daemon admitted (its ping answered). The connection that saw the daemon
    /// start counts toward the cap until the daemon has seen it close, so an `unavailable`
    /// answer is retried for up to a second.
    func admittedClient() throws -> RawClient {
        let deadline = Date().addingTimeInterval(1)
        while true {
            let client = try RawClient(path: socket)
            let answer = try client.ask(#"{"op":"ping"}"#, within: 1)
            if answer.ok { return client }
            guard answer.errorCode == "unavailable", Date() < deadline else { throw Failure("not admitted: \(answer)") }
            usleep(50_000)
        }
    }
}

/// What `/proc` tells about a running daemon.
struct ProcessProbe {
    let pid: pid_t

    /// Resident memory, in MB.
    var residentMB: Double {
        let status = (try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)) ?? ""
        let line = status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") } ?? ""
        return Double(line.split(separator: " ").dropFirst().first ?? "0").map { $0 / 1024 } ?? 0
    }

    /// Open descriptors, leaving out the files of `excluding` (worker threads open the index
    /// lazily, each on its first request).
    func descriptors(excluding folder: String? = nil) -> Int {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/fd")) ?? []
        return entries.filter { entry in
            guard let folder, let target = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/fd/\(entry)")
            else { return true }
            return !target.hasPrefix(folder + "/")
        }.count
    }

    /// The nice value of each thread.
    var threadNiceValues: [Int] {
        let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task")) ?? []
        return tasks.compactMap { task in
            let stat = (try? String(contentsOfFile: "/proc/\(pid)/task/\(task)/stat", encoding: .utf8)) ?? ""
            let fields = stat.split(separator: ")").last?.split(separator: " ") ?? []
            return fields.count > 16 ? Int(fields[16]) : nil
        }
    }

    /// User and system CPU time so far, in seconds.
    var cpuSeconds: Double {
        let stat = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)) ?? ""
        let fields = stat.split(separator: ")").last?.split(separator: " ") ?? []
        guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { return 0 }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }
}

enum AbuseRequests {
    /// A quick search.
    static let cheap = #"{"op":"search","query":"trauma","limit":3}"#

    /// An OR of the Corpus's 200 most frequent words, with facets and a page of 1000: seconds of
    /// work, most of it checking passages section by section.
    static let expensive: String = {
        var counts: [String: Int] = [:]
        let files = (try? FileManager.default.contentsOfDirectory(atPath: Harness.corpus)) ?? []
        for name in files where name.hasSuffix(".txt") {
            let text = (try? String(contentsOfFile: Harness.corpus + "/" + name, encoding: .utf8)) ?? ""
            for word in text.lowercased().split(whereSeparator: { !("a"..."z").contains($0) }) where word.count >= 4 {
                counts[String(word), default: 0] += 1
            }
        }
        let common = counts.sorted { $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key) }.prefix(200)
        let query = common.map(\.key).joined(separator: " OR ")
        return #"{"op":"search","query":\#(DaemonEndToEndTests.json(query)),"limit":1000,"facets":true}"#
    }()
}

/// Raises this process's descriptor limit to `count` if it is lower (and the hard limit allows).
func allowDescriptors(_ count: Int) {
    var limit = rlimit()
    getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
    guard limit.rlim_cur < rlim_t(count) else { return }
    limit.rlim_cur = min(rlim_t(count), limit.rlim_max)
    setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
}
