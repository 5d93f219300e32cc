extension QueryLexer {
    /// What a character between two word characters does to a word.
    private enum Infix {
        /// Ends the word.
        case breaks
        /// Is left out, the word goes on (zero-width characters).
        case ignored
        /// Belongs to the word, as this character.
        case kept(Unicode.Scalar)
    }

    /// The word starting at `index` (Xapian's `parse_term`): initials (`U.S.A.` → `USA`), then
    /// word characters with the joiners Unicode keeps inside words (`therapist’s`, `AT&T`,
    /// `1,000`), then up to three `+` or `#` (`C++`, `C#`). The index's terms never
    /// start unstemmed, so Xapian's check of the index for the form without the suffix always
    /// keeps the suffix.
    mutating func readTerm() -> (text: String, wasAcronym: Bool) {
        if let initials = readInitials() { return (initials, true) }
        var term = String.UnicodeScalarView()
        var last = scalars[index]
        term.append(last)
        index += 1
        reading: while index < scalars.count {
            var scalar = scalars[index]
            if !WordCharacters.contains(scalar) {
                guard index + 1 < scalars.count, case let next = scalars[index + 1], WordCharacters.contains(next)
                else { break }
                let between = Self.isDecimalDigit(last) && Self.isDecimalDigit(next)
                    ? Self.digitInfix(scalar) : Self.wordInfix(scalar)
                switch between {
                case .breaks: break reading
                case .ignored:
                    index += 1
                    continue reading
                case .kept(let kept): scalar = kept
                }
            }
            term.append(scalar)
            last = scalar
            index += 1
        }
        appendSuffix(to: &term)
        return (String(term), false)
    }

    /// Capitals separated by dots, two or more, not followed by a word character.
    private mutating func readInitials() -> String? {
        guard Self.isASCIIUppercase(scalars[index]) else { return nil }
        var letters = String.UnicodeScalarView()
        var end = index
        while true {
            letters.append(scalars[end])
            end += 1
            guard end < scalars.count, scalars[end] == "." else { break }
            end += 1
            guard end < scalars.count, Self.isASCIIUppercase(scalars[end]) else { break }
        }
        guard letters.count > 1, end == scalars.count || !WordCharacters.contains(scalars[end]) else { return nil }
        index = end
        return String(letters)
    }

    private mutating func appendSuffix(to term: inout String.UnicodeScalarView) {
        guard index < scalars.count, Self.isSuffix(scalars[index]) else { return }
        var suffix = String.UnicodeScalarView()
        var end = index
        repeat {
            // Four or more are no suffix.
            if suffix.count == 3 { return }
            suffix.append(scalars[end])
            end += 1
        } while end < scalars.count && Self.isSuffix(scalars[end])
        guard end == scalars.count || !WordCharacters.contains(scalars[end]) else { return }
        term.append(contentsOf: suffix)
        index = end
    }

    private static func wordInfix(_ scalar: Unicode.Scalar) -> Infix {
        switch scalar {
        case "'", "&", "\u{B7}", "\u{5F4}", "\u{2027}": .kept(scalar)
        case "\u{2019}", "\u{201B}": .kept("'")
        case "\u{200B}"..."\u{200D}", "\u{2060}", "\u{FEFF}": .ignored
        default: .breaks
        }
    }

    /// Between digits: the separators of Unicode's word rules (`1,000`, `3.14`).
    private static func digitInfix(_ scalar: Unicode.Scalar) -> Infix {
        switch scalar {
        case ",", ".", ";", "\u{37E}", "\u{589}", "\u{60D}", "\u{7F8}", "\u{2044}", "\u{FE10}", "\u{FE13}", "\u{FE14}":
            .kept(scalar)
        case "\u{200B}"..."\u{200D}", "\u{2060}", "\u{FEFF}": .ignored
        default: .breaks
        }
    }

    private static func isDecimalDigit(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.generalCategory == .decimalNumber
    }

    private static func isASCIIUppercase(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value >= 0x41 && scalar.value <= 0x5A
    }

    private static func isSuffix(_ scalar: Unicode.Scalar) -> Bool { scalar == "+" || scalar == "#" }
}
