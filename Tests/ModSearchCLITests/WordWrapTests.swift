import Testing
@testable import ModSearchCLI

@Suite struct WordWrapTests {
    /// Visible columns of a line: scalars outside ANSI escape sequences.
    static func columns(_ line: Substring) -> Int {
        var count = 0
        var inEscape = false
        for scalar in line.unicodeScalars {
            if inEscape {
                if scalar == "m" { inEscape = false }
            } else if scalar == "\u{1B}" {
                inEscape = true
            } else {
                count += 1
            }
        }
        return count
    }

    @Test func shortTextIsOneIndentedLine() {
        #expect(WordWrap.wrap("compassion for the self", width: 80, indent: "   ") == "   compassion for the self")
    }

    @Test func linesStayWithinTheWidthAndKeepEveryWord() {
        let text = "Compassion-focused therapy helps people who feel shame and self-criticism to develop "
            + "warmth towards themselves, drawing on evolutionary psychology and attachment research."
        let wrapped = WordWrap.wrap(text, width: 40, indent: "   ")
        let lines = wrapped.split(separator: "\n")
        #expect(lines.count > 2)
        for line in lines {
            #expect(line.hasPrefix("   ") && !line.hasPrefix("    "))
            #expect(Self.columns(line) <= 40, "\(line)")
        }
        #expect(lines.map { $0.dropFirst(3) }.joined(separator: " ") == text)
    }

    @Test func escapesTakeNoColumnsAndMultiByteCharactersOne() {
        let bold = "\u{1B}[1;31m", reset = "\u{1B}[0m"
        // Ten words of four columns each: three a line at width 17 after a three-column indent
        // (4 + 1 + 4 + 1 + 4 = 14), whether or not they are coloured or accented.
        let plain = Array(repeating: "word", count: 10).joined(separator: " ")
        let coloured = Array(repeating: bold + "word" + reset, count: 10).joined(separator: " ")
        let accented = Array(repeating: "wörd", count: 10).joined(separator: " ")
        let shape = { (text: String) in WordWrap.wrap(text, width: 17, indent: "   ").split(separator: "\n").map(Self.columns) }
        #expect(shape(plain) == [17, 17, 17, 7])
        #expect(shape(coloured) == shape(plain))
        #expect(shape(accented) == shape(plain))
    }

    @Test func aWordLongerThanTheLineStandsAlone() {
        let long = String(repeating: "x", count: 50)
        #expect(WordWrap.wrap("a \(long) b", width: 30, indent: "  ") == "  a\n  \(long)\n  b")
    }

    @Test func runsOfSpacesCollapseAndEmptyTextStaysEmpty() {
        #expect(WordWrap.wrap("one   two ", width: 80, indent: " ") == " one two")
        #expect(WordWrap.wrap("", width: 80, indent: "   ") == "")
    }
}
