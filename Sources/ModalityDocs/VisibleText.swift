/// Text made safe to print on a terminal. Control characters (C0, DEL, C1), line and paragraph
/// separators and bidirectional controls are written as C escapes (`\n`, `\x1B`, `\u{202E}`):
/// an escape sequence would colour or rewrite the terminal, a carriage return overwrite the line,
/// a bidirectional override reorder what follows. Ordinary text is returned as it is.
public enum VisibleText {
    /// `text` with its control characters escaped. `doublingBackslashes`, when anything is
    /// escaped, makes the escaped form read one way only (a name's literal `\n` must not look like
    /// an escaped newline).
    public static func escaped(_ text: String, doublingBackslashes: Bool = false) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var shown = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": shown += doublingBackslashes ? "\\\\" : "\\"
            case "\n": shown += "\\n"
            case "\t": shown += "\\t"
            case "\r": shown += "\\r"
            case _ where scalar.value < 0x80 && needsEscape(scalar): shown += "\\x" + hex(scalar.value, digits: 2)
            case _ where needsEscape(scalar): shown += "\\u{" + hex(scalar.value, digits: 4) + "}"
            default: shown.unicodeScalars.append(scalar)
            }
        }
        return shown
    }

    private static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0..<0x20, 0x7F...0x9F, 0x200E, 0x200F, 0x2028...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    private static func hex(_ value: UInt32, digits: Int) -> String {
        let text = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }
}
