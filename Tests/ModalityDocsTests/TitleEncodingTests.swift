import Testing
@testable import ModalityDocs

/// A title line in another encoding: read when only its dash is foreign, named as the reason when
/// it cannot be read at all.
@Suite struct TitleEncodingTests {
    static let body = Array("\n\nDefinition\n\nA made-up approach.\n\nExplanation\n\nIt explains.\n".utf8)

    @Test func aWindows1252DashStillSeparatesIdAndName() throws {
        let modality = try ModalityParser().parse(bytes: Array("MOD950 ".utf8) + [0x96] + Array(" Latin Therapy".utf8) + Self.body,
                                                  source: "latin.txt")
        #expect(modality.id == "MOD950" && modality.title == "Latin Therapy")
        #expect(modality.warnings == ["latin.txt:1: invalid UTF-8 replaced with U+FFFD"])
    }

    @Test func aTitleThatDoesNotDecodeIsNamedAsTheReason() {
        let bytes: [UInt8] = [0xAB, 0xBB] + Array("MOD952 – Quote Therapy".utf8) + Self.body
        #expect(throws: DocumentError(file: "quote.txt", reason: .noReadableTitle(line: 1))) {
            try ModalityParser().parse(bytes: bytes, source: "quote.txt")
        }
        #expect(DocumentError.Reason.noReadableTitle(line: 1).description.contains("not UTF-8"))
    }
}
