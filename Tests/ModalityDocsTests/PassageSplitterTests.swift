import Testing
@testable import ModalityDocs

@Suite struct PassageSplitterTests {
    private func sentence(_ index: Int, words: Int) -> String {
        (0..<words).map { $0 == 0 ? "Sentence\(index)" : "word\(index)x\($0)" }.joined(separator: " ") + "."
    }

    @Test func shortTextIsOnePiece() {
        #expect(PassageSplitter.split("One two three.", maxWords: 300).map(\.text) == ["One two three."])
    }

    @Test func longParagraphSplitsAtSentenceEndsWithinBudget() {
        let text = (0..<40).map { sentence($0, words: 25) }.joined(separator: " ")  // 1000 words
        let pieces = PassageSplitter.split(text, maxWords: 300)
        #expect(pieces.count == 4)
        for piece in pieces {
            let words = piece.text.split(separator: " ").count
            #expect(words <= 300 && words >= 100)
            #expect(piece.text.hasPrefix("Sentence") && piece.text.hasSuffix("."))
        }
        #expect(pieces.map(\.text).joined(separator: " ") == text)
    }

    @Test func oneGiantSentenceIsCutAtWordBoundaries() {
        let text = sentence(1, words: 700)
        let pieces = PassageSplitter.split(text, maxWords: 300)
        #expect(pieces.map { $0.text.split(separator: " ").count } == [300, 300, 100])
        #expect(pieces.map(\.text).joined(separator: " ") == text)
    }

    @Test func offsetsPointAtEachPiece() {
        let text = (0..<20).map { sentence($0, words: 30) }.joined(separator: "  ")
        for piece in PassageSplitter.split(text, maxWords: 100) {
            let start = text.utf8.index(text.utf8.startIndex, offsetBy: piece.offset)
            #expect(text[start...].hasPrefix(piece.text))
        }
    }

    @Test func longPassagesInADocumentKeepLineAndSubheading() throws {
        let long = (0..<30).map { sentence($0, words: 20) }.joined(separator: " ")
        let text = try TestFiles.sample.replacingOccurrences(
            of: "Breathing alone rarely resolves", with: long + " Breathing alone rarely resolves")
        let passages = try TestFiles.parse(text).section("evidence-to-efficacy")!.passages
        #expect(passages.count == 4)
        #expect(passages.dropFirst().allSatisfy { $0.subheading == "Criticisms and Limitations" && $0.line == 22 })
        #expect(passages.map(\.id).last == "mod900/evidence-to-efficacy/4")
    }
}
