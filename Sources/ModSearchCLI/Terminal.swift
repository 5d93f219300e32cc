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
    public struct Style {
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

/// Greedy word wrap that ignores ANSI escape sequences when measuring.
enum WordWrap {
    static func wrap(_ text: String, width: Int, indent: String) -> String {
        guard width > indent.count + 10 else { return indent + text }
        var lines: [String] = []
        var line = ""
        var lineWidth = 0
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            let visible = visibleWidth(word)
            if lineWidth > 0, lineWidth + 1 + visible > width - indent.count {
                lines.append(line)
                line = ""
                lineWidth = 0
            }
            if lineWidth > 0 {
                line += " "
                lineWidth += 1
            }
            line += word
            lineWidth += visible
        }
        if !line.isEmpty { lines.append(line) }
        return lines.map { indent + $0 }.joined(separator: "\n")
    }

    private static func visibleWidth(_ word: Substring) -> Int {
        var width = 0
        var inEscape = false
        for scalar in word.unicodeScalars {
            if inEscape {
                if scalar == "m" { inEscape = false }
            } else if scalar == "\u{1B}" {
                inEscape = true
            } else {
                width += 1
            }
        }
        return width
    }
}
