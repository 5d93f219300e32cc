internal import CXapianShim
import Foundation

/// A Xapian stub database: a file (or a folder's `XAPIANDB`) listing shards that Xapian opens
/// as one database, one a line: `auto PATH`, `glass PATH`, `remote HOST:PORT` or
/// `remote :PROGRAM ARGS`; blank lines and `#` comments are skipped, and a relative PATH is
/// relative to the stub's folder. Read here so that each shard can also be opened on its own.
public struct StubFile: Sendable, Equatable {
    /// One line of the stub.
    public struct Shard: Sendable, Equatable, CustomStringConvertible {
        public enum Location: Sendable, Equatable {
            case local(path: String)
            case tcp(host: String, port: Int)
            case program(String, arguments: String)
        }

        public let location: Location
        /// The line as written, which is how messages name the shard.
        public let line: String
        /// 1-based line number in the stub.
        public let lineNumber: Int

        public var description: String { line }
        public var isRemote: Bool {
            if case .local = location { return false }
            return true
        }

        /// Xapian's context for an error from this shard (`remote:tcp(HOST:PORT)`), if remote.
        var errorContext: String? {
            switch location {
            case .local: nil
            case .tcp(let host, let port): "remote:tcp(\(host):\(port))"
            case .program(let program, let arguments): "remote:prog(\(program) \(arguments))"
            }
        }

        /// Opens this shard alone (one more connection, for a remote one).
        public func open() throws(XapianError) -> Database {
            switch location {
            case .local(let path): return try Database(path: path)
            case .tcp(let host, let port):
                return Database(handle: try make { err in cx_database_open_remote_tcp(host, UInt32(clamping: port), err) })
            case .program(let program, let arguments):
                return Database(handle: try make { err in cx_database_open_remote_program(program, arguments, err) })
            }
        }

        /// Whether a Xapian error came from this shard (its context names it).
        public func raised(_ error: XapianError) -> Bool {
            guard let context = errorContext else { return false }
            return error.context == context
        }
    }

    /// The stub file read (for a folder stub, its `XAPIANDB`).
    public let path: String
    public let shards: [Shard]

    /// Reads the stub at path; nil when path is a database folder or nothing (not a stub).
    public init?(path: String) {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { return nil }
        let file = isFolder.boolValue ? path + "/XAPIANDB" : path
        guard !isFolder.boolValue || FileManager.default.fileExists(atPath: file),
              let text = try? String(contentsOfFile: file, encoding: .utf8) else { return nil }
        self.path = file
        let folder = (file as NSString).deletingLastPathComponent
        var shards: [Shard] = []
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            guard !line.isEmpty, !line.hasPrefix("#"), let space = line.firstIndex(of: " ") else { continue }
            let keyword = line[..<space], rest = line[line.index(after: space)...].trimmingCharacters(in: .whitespaces)
            let location: Shard.Location
            if keyword == "remote" {
                if rest.hasPrefix(":") {
                    let program = rest.dropFirst().split(separator: " ", maxSplits: 1).map(String.init)
                    location = .program(program.first ?? "", arguments: program.count > 1 ? program[1] : "")
                } else if let colon = rest.lastIndex(of: ":"), let port = Int(rest[rest.index(after: colon)...]) {
                    location = .tcp(host: String(rest[..<colon]), port: port)
                } else {
                    continue
                }
            } else {
                location = .local(path: rest.hasPrefix("/") ? rest : folder + "/" + rest)
            }
            shards.append(Shard(location: location, line: line, lineNumber: index + 1))
        }
        self.shards = shards
    }

    /// Whether any shard is served by another process (whose spelling data Xapian 1.4 cannot read).
    public var hasRemoteShards: Bool { shards.contains(where: \.isRemote) }

    /// The shard a Xapian error came from, when its context names one.
    public func shard(raising error: XapianError) -> Shard? {
        shards.first { $0.raised(error) }
    }
}
