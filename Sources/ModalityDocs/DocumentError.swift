/// Why a file is not a modality document; prints as one line `FILE: reason`.
public struct DocumentError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Reason: Sendable, Equatable, CustomStringConvertible {
        case empty
        case binary
        case notUTF8(invalidLines: Int, lines: Int)
        case noTitle
        /// No title line, and this line, where it may be, is not UTF-8.
        case noReadableTitle(line: Int)
        case noContent
        case unreadable(String)

        public var description: String {
            switch self {
            case .empty: "empty file"
            case .binary: "binary file, not text"
            case .notUTF8(let invalid, let lines): "not UTF-8 text (\(invalid) of \(lines) lines hold invalid bytes)"
            case .noTitle: "no title line (expected \"MODnnn – Name\" before the first section)"
            case .noReadableTitle(let line):
                "no title line: line \(line) holds bytes that are not UTF-8 (is the file in another encoding?)"
            case .noContent: "no content: only a title, navigation or footer lines"
            case .unreadable(let why): "cannot read: \(why)"
            }
        }
    }

    public let file: String
    public let reason: Reason

    public init(file: String, reason: Reason) {
        self.file = file
        self.reason = reason
    }

    public var description: String { "\(file): \(reason)" }
}
