import Testing
import ModalityDocs
@testable import ModSearchCore
import ModSearchProtocol

@Suite struct StoredSectionTests {
    static func section(_ texts: [String]) -> StoredSection {
        StoredSection(modality: "MOD032", title: "Compassion-Focused Therapy", section: "explanation",
                      heading: "Explanation", source: "/corpus/mod032.txt",
                      passages: texts.enumerated().map { index, text in
                          StoredSection.StoredPassage(ordinal: index + 1, subheading: index == 1 ? "Books" : nil,
                                                      kind: index == 1 ? .resource : .paragraph, text: text)
                      })
    }

    @Test(arguments: [
        ["Plain text, with “curly quotes” and an em dash — nothing to escape."],
        [#"A "quoted" word and a back\slash."#, "Line one\nline two\ttab", "Ünïcødé and 😀"],
        [],
    ])
    func roundTrips(_ texts: [String]) throws {
        let original = Self.section(texts)
        #expect(try StoredSection(json: original.jsonBytes) == original)
    }

    @Test func damagedDataIsAnError() {
        #expect(throws: (any Error).self) { try StoredSection(json: Array(#"{"modality":"MOD032"}"#.utf8)) }
        #expect(throws: (any Error).self) { try StoredSection(json: Array("not json".utf8)) }
    }
}
