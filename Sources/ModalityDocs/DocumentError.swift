/// Why a file is not a modality document; prints as one line `FILE: reason`.
public struct DocumentError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Reason: Sendable, Equatable, CustomStringConvertible {
        case empty
        case binary
        /// Bytes that are not UTF-8: the first line holding some, and how many lines do.
        case notUTF8(firstLine: Int, lines: Int)
        case noTitle
        case noContent
        case unreadable(String)
        /// A FIFO, device or socket (named as `kind`): never read, as it may never end.
        case notRegularFile(kind: String)
        /// Over the size limit, found from the file's size before reading it.
        case tooLarge(bytes: Int, limit: Int)

        public var description: String {
            switch self {
            case .empty: "empty file"
            case .binary: "binary file, not text"
            case .notUTF8(let line, let lines):
                "not UTF-8 text: line \(line) holds bytes that are not UTF-8"
                    + (lines > 1 ? " (and \(lines - 1) more line\(lines > 2 ? "s" : ""))" : "")
                    + "; is the file in another encoding? (iconv -f latin1 -t utf-8 converts one)"
            case .noTitle: "no title line (expected \"MODnnn – Name\" before the first section)"
            case .noContent: "no content: only a title, navigation or footer lines"
            case .unreadable(let why): "cannot read: \(why)"
            case .notRegularFile(let kind): "not a regular file (\(kind)); not read"
            case .tooLarge(let bytes, let limit):
                "too large: \(ByteCount.shown(bytes)), over the limit of \(ByteCount.shown(limit)) (index --max-file-size)"
            }
        }
    }

    public let file: String
    public let reason: Reason

    public init(file: String, reason: Reason) {
        self.file = file
        self.reason = reason
    }

    public var description: String { "\(FileName.shown(file)): \(reason)" }
}
