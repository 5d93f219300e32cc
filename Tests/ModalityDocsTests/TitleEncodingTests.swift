import Testing
@testable import ModalityDocs

/// A title line in another encoding is refused, named as the reason; one converted to UTF-8
/// carelessly (its dash now U+FFFD) is still read.
@Suite struct TitleEncodingTests {
    static let body = Array("\n\nDefinition\n\nA made-up approach.\n\nExplanation\n\nIt explains.\n".utf8)

    @Test func aWindows1252DashIsRefusedNamingTheTitleLine() {
        let bytes = Array("MOD950 ".utf8) + [0x96] + Array(" Latin Therapy".utf8) + Self.body
        #expect(throws: DocumentError(file: "latin.txt", reason: .notUTF8(firstLine: 1, lines: 1))) {
            try ModalityParser().parse(bytes: bytes, source: "latin.txt")
        }
    }

    @Test func aReplacementCharacterStillSeparatesIdAndName() throws {
        let modality = try ModalityParser().parse(bytes: Array("MOD950 \u{FFFD} Latin Therapy".utf8) + Self.body,
                                                  source: "latin.txt")
        #expect(modality.id == "MOD950" && modality.title == "Latin Therapy")
        #expect(modality.warnings.isEmpty)
    }
}
