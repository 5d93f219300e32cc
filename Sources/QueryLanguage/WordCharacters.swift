/// What belongs to a word, for every part of modsearch that cuts text into words: the query
/// parser, the highlighter, the ranking's exact-form check and the query rewriting.
///
/// The rule is Xapian's (`Xapian::Unicode::is_wordchar`): letters, marks, numbers and connector
/// punctuation such as `_`. The index holds the words Xapian's term generator cut by this rule,
/// so anything cutting by another rule would look for words the index does not have.
public enum WordCharacters {
    /// Whether the scalar belongs to a word.
    public static func contains(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return isWordByte(ascii: UInt8(scalar.value)) }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber, .letterNumber, .otherNumber,
             .connectorPunctuation:
            return true
        default:
            return false
        }
    }

    /// Whether the character belongs to a word: its base scalar does (marks follow their base).
    public static func contains(_ character: Character) -> Bool {
        character.unicodeScalars.first.map(contains) ?? false
    }

    /// The rule for an ASCII byte (below 0x80): letters, digits and `_`.
    @inlinable
    public static func isWordByte(ascii byte: UInt8) -> Bool {
        (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "_")
    }

    /// Whether the byte at `index` of UTF-8 text is part of a word character. ASCII bytes are
    /// answered on the spot (most text); any other byte by the scalar it belongs to, so every byte
    /// of a character gets the same answer. Bytes of malformed UTF-8 belong to no word.
    @inlinable
    public static func isWordByte(_ text: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        let byte = text[index]
        return byte < 0x80 ? isWordByte(ascii: byte) : isWordScalar(around: index, in: text)
    }

    /// The scalar whose UTF-8 encoding holds the byte at `index`, by the rule.
    @usableFromInline
    static func isWordScalar(around index: Int, in text: UnsafeBufferPointer<UInt8>) -> Bool {
        var lead = index
        while lead > 0, index - lead < 3, text[lead] & 0xC0 == 0x80 { lead -= 1 }
        let first = text[lead]
        let length = first >= 0xF0 ? 4 : first >= 0xE0 ? 3 : first >= 0xC0 ? 2 : 0
        guard length > 0, index < lead + length, lead + length <= text.count else { return false }
        var value = UInt32(first) & (0xFF >> UInt32(length + 1))
        for offset in 1..<length {
            let continuation = text[lead + offset]
            guard continuation & 0xC0 == 0x80 else { return false }
            value = value << 6 | UInt32(continuation & 0x3F)
        }
        return Unicode.Scalar(value).map(contains) ?? false
    }

    /// Xapian's white space (`Xapian::Unicode::is_whitespace`): separators and control characters.
    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .spaceSeparator, .lineSeparator, .paragraphSeparator: true
        default: false
        }
    }
}
