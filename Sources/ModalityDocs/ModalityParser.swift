#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns the text of a modality document into a `Modality`.
public struct ModalityParser: Sendable {
    /// Passages longer than this many words are split at sentence boundaries.
    public var maxPassageWords: Int

    public init(maxPassageWords: Int = 300) {
        self.maxPassageWords = maxPassageWords
    }

    /// Parses the file at `path`; `source` is recorded as given.
    public func parse(contentsOf path: String) throws(DocumentError) -> Modality {
        try parse(bytes: try Self.readFile(path), source: path)
    }

    /// Files larger than this are not read unless a caller says otherwise (64 MiB: far above any
    /// real document, far below what would strain memory).
    public static let defaultMaxFileBytes = 64 << 20

    /// The bytes of a regular file of at most `maxBytes`; an unreadable one (missing, a folder, no
    /// permission, a FIFO or device, too large) is a `DocumentError`. `followingLinks: false`
    /// refuses a symbolic link, for callers that resolved the path and mean its target only.
    public static func readFile(_ path: String, maxBytes: Int = defaultMaxFileBytes,
                                followingLinks: Bool = true) throws(DocumentError) -> [UInt8] {
        do {
            return try FileBytes.read(path, maxBytes: maxBytes, followingLinks: followingLinks)
        } catch {
            throw DocumentError(file: path, reason: error.reason)
        }
    }

    /// Parses a document held in memory; `source` names it in errors and warnings.
    public func parse(bytes: some Collection<UInt8>, source: String) throws(DocumentError) -> Modality {
        let text = try SourceText(file: source, bytes: bytes)
        var builder = ModalityBuilder(source: source, maxPassageWords: maxPassageWords)
        for (index, raw) in text.lines.enumerated() {
            builder.consume(line: raw.trimmingWhitespace(), number: index + 1)
        }
        return try builder.finish()
    }

    public func parse(text: String, source: String) throws(DocumentError) -> Modality {
        try parse(bytes: Array(text.utf8), source: source)
    }
}

/// Reads a whole file with POSIX calls, so errors carry the system's reason. The file is opened
/// without blocking (a FIFO with no writer would wait forever) and checked with `fstat` before a
/// byte is read: only a regular file, and one within the limit; reading stops at the limit all the
/// same, should the file grow meanwhile.
enum FileBytes {
    struct Failure: Error { let reason: DocumentError.Reason }

    static func read(_ path: String, maxBytes: Int, followingLinks: Bool) throws(Failure) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | (followingLinks ? 0 : O_NOFOLLOW))
        guard fd >= 0 else {
            throw Failure(reason: errno == ELOOP && !followingLinks ? .notRegularFile(kind: "a symbolic link") : systemReason())
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw Failure(reason: systemReason()) }
        switch info.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: throw Failure(reason: .unreadable("is a directory"))
        case S_IFIFO: throw Failure(reason: .notRegularFile(kind: "a named pipe"))
        case S_IFCHR: throw Failure(reason: .notRegularFile(kind: "a character device"))
        case S_IFBLK: throw Failure(reason: .notRegularFile(kind: "a block device"))
        default: throw Failure(reason: .notRegularFile(kind: "a socket"))
        }
        guard Int(info.st_size) <= maxBytes else { throw Failure(reason: .tooLarge(bytes: Int(info.st_size), limit: maxBytes)) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Int(info.st_size))
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw Failure(reason: systemReason())
            }
            if count == 0 { break }
            guard bytes.count + count <= maxBytes else {
                throw Failure(reason: .tooLarge(bytes: bytes.count + count, limit: maxBytes))
            }
            bytes.append(contentsOf: buffer[0..<count])
        }
        return bytes
    }

    private static func systemReason() -> DocumentError.Reason { .unreadable(String(cString: strerror(errno))) }
}
