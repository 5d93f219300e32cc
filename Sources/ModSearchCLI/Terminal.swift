#if canImport(Glibc)
import Glibc
#endif
import ModSearchProtocol

/// `--color`: whether to highlight matches.
public enum ColorChoice: String, CaseIterable, Sendable {
    case auto, always, never
}

/// What stdout is: a terminal (colour, width) or a pipe (plain).
public enum Terminal {
    public struct Style: Equatable, Sendable {
        var color: Bool
        var width: Int
    }

    public static func style(for choice: ColorChoice) -> Style {
        let tty = isatty(STDOUT_FILENO) == 1
        let color: Bool
        switch choice {
        case .always: color = true
        case .never: color = false
        case .auto: color = tty && Locations.variable("NO_COLOR") == nil
        }
        return Style(color: color, width: tty ? width() : 0)
    }

    /// Columns of the terminal on stdout, else `$COLUMNS`, else 100.
    private static func width() -> Int {
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 20 { return Int(size.ws_col) }
        return Int(Locations.variable("COLUMNS") ?? "") ?? 100
    }

    static let bold = "\u{1B}[1m"
    static let matchStyle = "\u{1B}[1;31m"
    static let dim = "\u{1B}[2m"
    static let cyan = "\u{1B}[36m"
    static let reset = "\u{1B}[0m"
}

/// Greedy word wrap that ignores ANSI escape sequences when measuring. Works on UTF-8 bytes
/// (a column per scalar): it runs on every hit a person sees, where `Character` iteration
/// showed up in the client's time.
enum WordWrap {
    static func wrap(_ text: String, width: Int, indent: String) -> String {
        let indentBytes = Array(indent.utf8)
        guard width > indentBytes.count + 10 else { return indent + text }
        let room = width - indentBytes.count
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + text.utf8.count / 16 + indentBytes.count)
        var lineWidth = 0
        var text = text
        text.withUTF8 { bytes in
            var index = 0
            while index < bytes.count {
                guard bytes[index] != UInt8(ascii: " ") else { index += 1; continue }
                let start = index
                var visible = 0
                var inEscape = false
                while index < bytes.count, bytes[index] != UInt8(ascii: " ") {
                    let byte = bytes[index]
                    if inEscape {
                        if byte == UInt8(ascii: "m") { inEscape = false }
                    } else if byte == 0x1B {
                        inEscape = true
                    } else if byte & 0xC0 != 0x80 {
                        visible += 1
                    }
                    index += 1
                }
                if out.isEmpty {
                    out += indentBytes
                } else if lineWidth > 0, lineWidth + 1 + visible > room {
                    out.append(UInt8(ascii: "\n"))
                    out += indentBytes
                    lineWidth = 0
                } else if lineWidth > 0 {
                    out.append(UInt8(ascii: " "))
                    lineWidth += 1
                }
                out += UnsafeBufferPointer(rebasing: bytes[start..<index])
                lineWidth += visible
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
