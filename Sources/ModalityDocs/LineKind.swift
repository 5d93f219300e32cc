/// What one trimmed, non-blank line of a modality document is, judged on its own.
enum LineKind: Equatable {
    case chrome
    case title(id: String, name: String)
    case heading(CanonicalSection)
    case bullet(String)
    case answer
    case text

    /// Navigation and footer lines of the saved web page; never content.
    static func isChrome(_ line: String) -> Bool {
        // Every line is asked, and most are paragraphs: only a short line can be one of the fixed
        // lines (lower-casing shrinks a character to a third of its bytes at most), and only a
        // line naming a newsletter is lower-cased whole.
        if line.utf8.count <= 3 * chromeLines.longest, chromeLines.lines.contains(line.lowercased()) { return true }
        if line.prefix(5).lowercased() == "tags:" { return true }
        guard containsIgnoringASCIICase(line, "newsletter") else { return false }
        let lower = line.lowercased()
        return lower.contains("sign up") || lower.contains("subscribe")
    }

    private static let chromeLines: (lines: Set<String>, longest: Int) = {
        let lines: Set<String> = ["< all modalities", "all modalities", "print", "table of contents", "scroll to top",
                                  "back to top", "×", "not sure where to start? these will help."]
        return (lines, lines.map(\.utf8.count).max() ?? 0)
    }()

    /// Whether `text` holds `word` (lower-case ASCII), in any case of its ASCII letters.
    static func containsIgnoringASCIICase(_ text: String, _ word: StaticString) -> Bool {
        let needle = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
        guard let first = needle.first else { return true }
        var text = text
        return text.withUTF8 { bytes in
            guard bytes.count >= needle.count else { return false }
            for start in 0...(bytes.count - needle.count) where bytes[start] | 0x20 == first {
                if (1..<needle.count).allSatisfy({ bytes[start + $0] | 0x20 == needle[$0] }) { return true }
            }
            return false
        }
    }

    /// `MODnnn – Name` (any dash, or a colon, or nothing between id and name); nil for any other line.
    /// U+FFFD stands for a dash too: a file converted to UTF-8 carelessly has it where an en dash in
    /// another encoding (Windows-1252's 0x96) was.
    static func title(_ line: String) -> (id: String, name: String)? {
        let scalars = Array(line.unicodeScalars)
        guard scalars.count > 4,
              String(String.UnicodeScalarView(scalars[0..<3])).uppercased() == "MOD" else { return nil }
        var index = 3
        while index < scalars.count, scalars[index] == " " { index += 1 }
        let digitsStart = index
        while index < scalars.count, ("0"..."9").contains(scalars[index]) { index += 1 }
        guard index > digitsStart, index - digitsStart <= ModalityID.maxDigits else { return nil }
        let digits = String(String.UnicodeScalarView(scalars[digitsStart..<index]))
        let afterDigits = index
        while index < scalars.count, scalars[index] == " " || scalars[index] == "\t" { index += 1 }
        if index < scalars.count, "-–—‒―:\u{FFFD}".unicodeScalars.contains(scalars[index]) {
            index += 1
        } else if index == afterDigits {
            return nil  // "MOD032x…": not an id followed by a name
        }
        let name = String(String.UnicodeScalarView(scalars[index...])).trimmingWhitespace()
        guard !name.isEmpty else { return nil }
        return ("MOD" + digits, name)
    }

    /// The bullet's text when the line starts with a bullet marker and a space.
    static func bulletText(_ line: String) -> String? {
        guard let first = line.unicodeScalars.first, "•-*◦▪·‣".unicodeScalars.contains(first) else { return nil }
        let rest = line.unicodeScalars.dropFirst()
        guard let next = rest.first, next == " " || next == "\t" else { return nil }
        let text = String(String.UnicodeScalarView(rest)).trimmingWhitespace()
        return text.isEmpty ? nil : text
    }

    static func isAnswer(_ line: String) -> Bool {
        line.utf8.count >= 14 && line.prefix(14).lowercased() == "desired answer"
    }

    /// A short line with no closing punctuation that could name a part of a section.
    static func couldBeSubheading(_ line: String) -> Bool {
        guard line.utf8.count <= 90, let last = line.last, let first = line.first,
              first.isLetter || first.isNumber,
              !".!?:;,…".contains(last) else { return false }
        var words = 1
        for character in line where character == " " {
            words += 1
            if words > 12 { return false }
        }
        return !line.contains("(MOD") && !line.contains(" – ") && !line.contains(" — ")
    }

    init(_ line: String, titleAllowed: Bool) {
        if Self.isChrome(line) {
            self = .chrome
        } else if let section = CanonicalSection.matching(heading: line) {
            self = .heading(section)
        } else if titleAllowed, let title = Self.title(line) {
            self = .title(id: title.id, name: title.name)
        } else if let text = Self.bulletText(line) {
            self = .bullet(text)
        } else if Self.isAnswer(line) {
            self = .answer
        } else {
            self = .text
        }
    }
}

extension StringProtocol {
    /// The text without leading and trailing whitespace (any Unicode whitespace, including NBSP).
    func trimmingWhitespace() -> String {
        guard let start = firstIndex(where: { !$0.isWhitespace }),
              let end = lastIndex(where: { !$0.isWhitespace }) else { return "" }
        return String(self[start...end])
    }
}
