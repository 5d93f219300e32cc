import CZstd
import Testing
import ModalityDocs
@testable import ModSearchCore

@Suite struct StoredSectionTests {
    static func section(_ texts: [String]) -> StoredSection {
        StoredSection(modality: "MOD032", title: "Compassion-Focused Therapy", section: "explanation",
                      heading: "Explanation", source: "/corpus/mod032.txt",
                      passages: texts.enumerated().map { index, text in
                          StoredSection.StoredPassage(ordinal: index + 1, subheading: index == 1 ? "Books" : nil,
                                                      kind: index == 1 ? .resource : .paragraph, line: 8 + 2 * index,
                                                      text: text)
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

    @Test func packedDataUnpacksToTheSameJSON() throws {
        let json = Self.section(["Some text about shame and self-criticism.", "A second passage."]).jsonBytes
        let packed = SectionData.Packer().pack(json)
        #expect(packed != json && packed.starts(with: [0x28, 0xB5, 0x2F, 0xFD]))
        #expect(try SectionData.Unpacker().json(from: packed) == json)
    }

    /// Every frame starts from the section dictionary built into modsearch, which knows what
    /// sections hold in common, so a section packs smaller than it would alone.
    @Test func framesAreMadeWithTheSectionDictionary() throws {
        let json = Self.section([
            "Compassion-focused therapy helps people who meet their own mistakes with harsh self-criticism "
                + "and shame. Sessions build a kinder inner voice through imagery, breathing and letters written "
                + "to oneself, and the therapist explains how the threat and soothing systems shape emotion.",
            "A workbook with exercises for the week between sessions.",
        ]).jsonBytes
        let packed = SectionData.Packer().pack(json)
        #expect(SectionData.dictionaryID != 0)
        #expect(packed.withUnsafeBytes { ZSTD_getDictID_fromFrame($0.baseAddress, $0.count) } == SectionData.dictionaryID)
        let alone = [UInt8](unsafeUninitializedCapacity: ZSTD_compressBound(json.count)) { out, count in
            count = json.withUnsafeBytes { ZSTD_compress(out.baseAddress, out.count, $0.baseAddress, $0.count, SectionData.level) }
        }
        #expect(packed.count < alone.count * 3 / 4, "\(packed.count) bytes with the dictionary, \(alone.count) without")
        #expect(try SectionData.Unpacker().json(from: packed) == json)
    }

    @Test func plainJSONDataIsReadAsItIs() throws {
        // Indexes written before section data was packed hold the JSON itself.
        let json = Self.section(["Unpacked text."]).jsonBytes
        #expect(try SectionData.Unpacker().json(from: json) == json)
    }

    @Test func damagedFramesAreErrorsNotCrashes() throws {
        let packed = SectionData.Packer().pack(Self.section(["Text long enough to be worth a frame."]).jsonBytes)
        let unpacker = SectionData.Unpacker()
        #expect(throws: StoredDataError.self) { try unpacker.json(from: Array(packed.dropLast(3))) }
        var corrupted = packed
        corrupted[corrupted.count / 2] ^= 0xFF
        corrupted[corrupted.count - 1] ^= 0xFF
        #expect(throws: StoredDataError.self) { try unpacker.json(from: corrupted) }
        // A header claiming more than any section holds is refused before anything is allocated.
        let huge: [UInt8] = [0x28, 0xB5, 0x2F, 0xFD, 0xE0] + [0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00]
        #expect(throws: StoredDataError.self) { try unpacker.json(from: huge) }
        #expect(try unpacker.json(from: packed).count > 0, "the context is usable after errors")
    }
}
