import Foundation

/// `Corpus/` split into two shard indexes, each served by a real `xapian-tcpsrv` on 127.0.0.1,
/// beside one index of the same files (the same paths, so hits compare whole); stubs over them.
final class ShardServers {
    let folder: String
    /// One index of every file of both halves.
    let single: String
    private(set) var servers: [ChildProcess?] = [nil, nil]
    private(set) var ports: [Int] = [0, 0]

    init() throws {
        folder = try Harness.temporaryFolder()
        let files = try FileManager.default.contentsOfDirectory(atPath: Harness.corpus)
            .filter { $0.hasSuffix(".txt") && $0 != "synonyms.txt" }.sorted()
        for (index, name) in files.enumerated() {
            let half = folder + (index % 2 == 0 ? "/a" : "/b")
            try FileManager.default.createDirectory(atPath: half, withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: Harness.corpus + "/" + name, toPath: half + "/" + name)
        }
        // Synonyms are loaded from an indexed folder: each shard needs its own copy.
        for half in ["/a", "/b"] {
            try FileManager.default.copyItem(atPath: Harness.corpus + "/synonyms.txt", toPath: folder + half + "/synonyms.txt")
        }
        single = folder + "/single"
        try Self.index(single, [folder + "/a", folder + "/b"])
        try Self.index(folder + "/db-a", [folder + "/a"])
        try Self.index(folder + "/db-b", [folder + "/b"])
        for shard in 0..<2 { try start(shard) }
    }

    deinit { for shard in 0..<2 { stop(shard) } }

    static func index(_ database: String, _ paths: [String]) throws {
        let result = try Harness.run(Harness.modsearch, ["index", "--db", database] + paths)
        guard result.status == 0 else { throw Failure("indexing \(paths) failed: \(result.stderr)") }
    }

    /// The shard's database: 0 is `db-a`, 1 `db-b`.
    func database(_ shard: Int) -> String { folder + (shard == 0 ? "/db-a" : "/db-b") }

    /// Serves the shard on its port (a free one the first time), waiting until it listens.
    func start(_ shard: Int) throws {
        if ports[shard] == 0 { ports[shard] = try Self.freePort() }
        let log = folder + "/tcpsrv-\(shard).log"
        servers[shard] = try Harness.launch("/usr/bin/xapian-tcpsrv", ["--interface", "127.0.0.1", "--port", "\(ports[shard])",
                                                                       database(shard)], log: log)
        guard Harness.waitFor({ (try? String(contentsOfFile: log, encoding: .utf8))?.contains("Listening") == true }) else {
            throw Failure("xapian-tcpsrv for shard \(shard) did not start")
        }
    }

    /// Stops the shard's server and the processes it forked for its connections, as a machine
    /// going down would (xapian-tcpsrv ignores SIGTERM).
    func stop(_ shard: Int) {
        guard let server = servers[shard] else { return }
        let children = Self.children(of: server.pid)
        server.signal(SIGKILL)
        for child in children { kill(child, SIGKILL) }
        server.wait()
        servers[shard] = nil
    }

    /// The processes whose parent is pid, from /proc (`pgrep` is not on every machine).
    static func children(of pid: pid_t) -> [pid_t] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap { entry -> pid_t? in
            // `/proc/PID/stat` is `PID (NAME) STATE PPID …`; the name may hold spaces, so read after `)`.
            guard let child = pid_t(entry), let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { return nil }
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            return fields.count > 1 && pid_t(fields[1]) == pid ? child : nil
        }
    }

    /// A stub file of these lines, in the folder.
    func stub(_ name: String, _ lines: [String]) throws -> String {
        let path = folder + "/" + name
        try lines.map { $0 + "\n" }.joined().write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func remote(_ shard: Int) -> String { "remote 127.0.0.1:\(ports[shard])" }

    /// A port nothing listens on now, from the kernel.
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw in
                bind(fd, raw, length) == 0 && getsockname(fd, raw, &length) == 0
            }
        }
        guard bound else { throw Failure("no free port: \(String(cString: strerror(errno)))") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
