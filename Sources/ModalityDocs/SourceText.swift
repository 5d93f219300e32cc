/// Raw bytes turned into lines: BOM dropped, CRLF/CR endings accepted. A file with any byte that
/// is not UTF-8 is refused, naming its first such line: indexed, it would hold replacement
/// characters where its words were, and be found by none of them.
struct SourceText {
    /// The lines of the file, without line terminators; index 0 is line 1.
    let lines: [String]

    init(file: String, bytes: some Collection<UInt8>) throws(DocumentError) {
        let bytes = Array(bytes)
        var start = 0
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
        guard bytes[start...].contains(where: { !Self.isSpace($0) }) else {
            throw DocumentError(file: file, reason: .empty)
        }
        if Self.looksBinary(bytes[start...]) {
            throw DocumentError(file: file, reason: .binary)
        }
        // Old Mac files end lines with CR alone; everything else uses LF (with an optional CR).
        let separator: UInt8 = bytes.contains(0x0A) ? 0x0A : 0x0D
        var lines: [String] = []
        var invalid: [Int] = []
        lines.reserveCapacity(bytes.count / 64)
        var lineStart = start
        var index = start
        func emit(_ end: Int) {
            var last = end
            if last > lineStart, bytes[last - 1] == 0x0D { last -= 1 }
            let slice = bytes[lineStart..<last]
            if let text = String(validating: slice, as: UTF8.self) {
                lines.append(text)
            } else {
                lines.append("")
                invalid.append(lines.count)
            }
        }
        while index < bytes.count {
            if bytes[index] == separator {
                emit(index)
                lineStart = index + 1
            }
            index += 1
        }
        if lineStart < bytes.count { emit(bytes.count) }
        if let first = invalid.first {
            throw DocumentError(file: file, reason: .notUTF8(firstLine: first, lines: invalid.count))
        }
        self.lines = lines
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C || byte == 0x0B
    }

    /// A NUL byte, or many control bytes near the start, marks a file that is not text.
    private static func looksBinary(_ bytes: ArraySlice<UInt8>) -> Bool {
        let head = bytes.prefix(8192)
        var control = 0
        for byte in head {
            if byte == 0 { return true }
            if byte < 0x20, !isSpace(byte) { control += 1 }
        }
        return control * 10 > head.count
    }
}
