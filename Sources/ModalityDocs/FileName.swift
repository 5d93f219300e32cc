/// File names as messages show them. A name may hold any byte but `/` and NUL: a newline would
/// split a one-line message, an escape sequence would colour or rewrite the terminal, a
/// bidirectional override would reorder what follows. Such characters are shown as C escapes
/// (`\n`, `\x1B`, `\u{202E}`), with the name's backslashes doubled so that the escaped form reads
/// one way only; an ordinary name is shown as it is.
public enum FileName {
    /// `path` safe to print inside a one-line message.
    public static func shown(_ path: String) -> String {
        guard path.unicodeScalars.contains(where: needsEscape) else { return path }
        var shown = ""
        for scalar in path.unicodeScalars {
            switch scalar {
            case "\\": shown += "\\\\"
            case "\n": shown += "\\n"
            case "\t": shown += "\\t"
            case "\r": shown += "\\r"
            case _ where scalar.value < 0x80 && needsEscape(scalar):
                shown += "\\x" + hex(scalar.value, digits: 2)
            case _ where needsEscape(scalar): shown += "\\u{" + hex(scalar.value, digits: 4) + "}"
            default: shown.unicodeScalars.append(scalar)
            }
        }
        return shown
    }

    /// Control characters (C0, DEL, C1), line and paragraph separators, and bidirectional controls.
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
