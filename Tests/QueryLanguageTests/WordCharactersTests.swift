import QueryLanguage
import Testing

@Suite struct WordCharactersTests {
    @Test func lettersMarksNumbersAndUnderscoreBelongToWords() {
        for character: Character in ["a", "Z", "7", "_", "é", "ß", "Ж", "中", "²", "½", "e\u{301}"] {
            #expect(WordCharacters.contains(character), "\(character)")
        }
        for character: Character in [" ", "-", "'", "’", "“", "—", "…", "\u{A0}", "€", "×", "·", "@"] {
            #expect(!WordCharacters.contains(character), "\(character)")
        }
    }

    /// Every byte of a character gets the character's answer, so byte scans cut text where
    /// character scans do.
    @Test func bytesAgreeWithTheirCharacters() {
        let text = "Ab_9 café — l’homme ½ 中文 € ✓ 𝔄x\u{A0}y"
        var bytes = Array(text.utf8)
        bytes.withUnsafeBufferPointer { buffer in
            var offset = 0
            for scalar in text.unicodeScalars {
                let length = String(scalar).utf8.count
                for index in offset..<offset + length {
                    #expect(WordCharacters.isWordByte(buffer, at: index) == WordCharacters.contains(scalar),
                            "\(scalar) byte \(index - offset)")
                }
                offset += length
            }
        }
        bytes = [0x61, 0xE2, 0x80]  // a truncated character
        bytes.withUnsafeBufferPointer { #expect(!WordCharacters.isWordByte($0, at: 1)) }
    }
}
