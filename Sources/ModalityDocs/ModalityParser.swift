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

    /// The bytes of a file; an unreadable one (missing, a folder, no permission) is a `DocumentError`.
    public static func readFile(_ path: String) throws(DocumentError) -> [UInt8] {
        do { return try FileBytes.read(path) } catch { throw DocumentError(file: path, reason: .unreadable(error.reason)) }
    }

    /// Parses a document held in memory; `source` names it in errors and warnings.
    public func parse(bytes: some Collection<UInt8>, source: String) throws(DocumentError) -> Modality {
        let text = try SourceText(file: source, bytes: bytes)
        var builder = ModalityBuilder(source: source, maxPassageWords: maxPassageWords)
        for line in text.invalidLines {
            builder.warn(line: line, "invalid UTF-8 replaced with U+FFFD")
        }
        for (index, raw) in text.lines.enumerated() {
            builder.consume(line: raw.trimmingWhitespace(), number: index + 1)
        }
        do {
            return try builder.finish()
        } catch where error.reason == .noTitle && !text.invalidLines.isEmpty {
            // A title that did not decode is more likely than a missing one.
            throw DocumentError(file: source, reason: .noReadableTitle(line: text.invalidLines[0]))
        }
    }

    public func parse(text: String, source: String) throws(DocumentError) -> Modality {
        try parse(bytes: Array(text.utf8), source: source)
    }
}

/// Reads a whole file with POSIX calls, so errors carry the system's reason.
enum FileBytes {
    struct Failure: Error { let reason: String }

    static func read(_ path: String) throws(Failure) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw Failure(reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw Failure(reason: String(cString: strerror(errno))) }
        guard (info.st_mode & S_IFMT) != S_IFDIR else { throw Failure(reason: "is a directory") }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Int(info.st_size))
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw Failure(reason: String(cString: strerror(errno)))
            }
            if count == 0 { break }
            bytes.append(contentsOf: buffer[0..<count])
        }
        return bytes
    }
}
