import Foundation
import ModSearchProtocol
import Testing
@testable import ModSearchCLI

/// Where `--vimgrep` sends an editor: the first highlighted word in the passage's paragraph.
@Suite struct SourcePlacesTests {
    static func hit(source: String, line: Int, snippet: String, highlight: Range<Int>) -> Hit {
        let passage = Passage(id: "mod950/definition/1", modality: "MOD950", title: "T", section: "definition",
                              heading: "Definition", subheading: nil, ordinal: 1, source: source, line: line, text: snippet)
        return Hit(rank: 1, score: 1, percent: 100, passage: passage, snippet: snippet,
                   highlights: [[highlight.lowerBound, highlight.upperBound]])
    }

    @Test func theWordsLineAndColumnInItsParagraph() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("places-\(UUID().uuidString).txt").path
        try "MOD950 – T\n\nDefinition\n\n  A first line\n  about Shame here\n\nshame elsewhere\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let places = SourcePlaces()
        let found = places.position(of: Self.hit(source: path, line: 5, snippet: "…about shame here", highlight: 9..<14))
        #expect(found.line == 6 && found.column == 9)
        let gone = places.position(of: Self.hit(source: path, line: 5, snippet: "guilt", highlight: 0..<5))
        #expect(gone.line == 5 && gone.column == 1, "not in the paragraph: the passage's own line")
        let missing = places.position(of: Self.hit(source: path + ".gone", line: 3, snippet: "shame", highlight: 0..<5))
        #expect(missing.line == 3 && missing.column == 1)
    }

    @Test func pathsBelowTheWorkingFolderAreShownRelative() {
        let places = SourcePlaces()
        let folder = FileManager.default.currentDirectoryPath
        #expect(places.display(folder + "/Corpus/a.txt") == "Corpus/a.txt")
        #expect(places.display("/elsewhere/a.txt") == "/elsewhere/a.txt")
    }

    /// A file name is any bytes but `/` and NUL: a newline would split the hit's line, an escape
    /// sequence would colour or rewrite the terminal.
    @Test func controlCharactersInPathsAreEscaped() {
        let places = SourcePlaces()
        #expect(places.display("/x/a\nb.txt") == #"/x/a\nb.txt"#)
        #expect(places.display("/x/\u{1B}[31mred.txt") == #"/x/\x1B[31mred.txt"#)
        #expect(places.display("/x/caf\u{E9}.txt") == "/x/caf\u{E9}.txt")
    }
}
