extension QueryLexer {
    /// What a `name:` before a word turned out to be.
    private enum FieldStart {
        /// Not a field: the name is a word.
        case none
        /// A filter, a field phrase or a field group, already emitted.
        case emitted
        /// A field word: the word starts at `index`.
        case word(String)
    }

    /// A word, an operator, a field or a filter, and the words joined to it by phrase generators.
    mutating func lexWord() {
        var start = index
        previous = "A"
        var field: String?
        if isFreeText || mode == .explicitSynonym {
            switch lexField() {
            case .emitted: return
            case .word(let name): field = name
            case .none: break
            }
        }
        while true {
            let (text, wasAcronym) = readTerm()
            if isFreeText, !wasAcronym, field == nil, let token = operatorToken(text) {
                emit(token, at: start)
                follows = .anOperator
                return
            }
            let word = QueryWord(text, field: field ?? fieldStack[fieldStack.count - 1], position: position,
                                 offset: characterOffset(start))
            position += 1
            guard emitWord(word, at: start) else { return }
            guard index < scalars.count else { return }
            if Self.isPhraseGenerator(scalars[index]) {
                repeat { index += 1 } while index < scalars.count && Self.isPhraseGenerator(scalars[index])
                guard index < scalars.count, WordCharacters.contains(scalars[index]) else { return }
                mode = .phrasedTerm
                start = index
            } else {
                startGroupIfSpaced()
                return
            }
        }
    }

    /// Emits the word with its role; false when nothing can be joined to it.
    private mutating func emitWord(_ word: QueryWord, at start: Int) -> Bool {
        if isFreeText, index < scalars.count, scalars[index] == "*",
           index + 1 == scalars.count || !WordCharacters.contains(scalars[index + 1]) {
            index += 1
            mode = .normal
            emit(.word(word, .wildcard), at: start)
            return false
        }
        if mode == .phrasedTerm {
            emit(.word(word, .phraseTerm), at: start)
            return true
        }
        if mode == .group, index < scalars.count, Self.isPhraseGenerator(scalars[index]) {
            var next = index
            repeat { next += 1 } while next < scalars.count && Self.isPhraseGenerator(scalars[next])
            // The word starts a phrase, and so is no member of the run.
            if next < scalars.count, WordCharacters.contains(scalars[next]) { mode = .normal }
        }
        emit(.word(word, mode == .group ? .groupTerm : .term), at: start)
        // Inside quotes (or after `~`) nothing joins words but the quotes.
        return mode == .normal || mode == .group
    }

    /// After a word and spaces, another word continues a run (Xapian's term groups).
    private mutating func startGroupIfSpaced() {
        guard isFreeText else { return }
        mode = .normal
        guard !needsTerm, WordCharacters.isSpace(scalars[index]) else { return }
        previous = " "
        skipSpaces()
        if index < scalars.count, WordCharacters.contains(scalars[index]) { mode = .group }
    }

    /// `name:` followed by something that can be a value, where name is a field.
    private mutating func lexField() -> FieldStart {
        var colon = index
        while colon < scalars.count, WordCharacters.contains(scalars[colon]) { colon += 1 }
        guard colon + 1 < scalars.count, scalars[colon] == ":", scalars[colon + 1].value > 0x20,
              scalars[colon + 1] != ")",
              let field = field(named: String(String.UnicodeScalarView(scalars[index..<colon]))) else { return .none }
        var valueStart = colon + 1
        var next = scalars[valueStart]
        if field.isFilter {
            if mode == .group { mode = .normal }
            let start = index
            index = valueStart
            emit(.filter(QueryFilter(field: field.name, value: readFilterValue(), offset: characterOffset(start))),
                 at: start)
            return .emitted
        }
        if Self.isDoubleQuote(next) || next == "(" {
            mode = Self.isDoubleQuote(next) ? .prefixedQuotes : .normal
            emit(mode == .prefixedQuotes ? .quote : .open, at: valueStart)
            index = valueStart + 1
            previous = next
            fieldStack.append(field.name)
            return .emitted
        }
        if next != ":" {
            // `title:/usr` is a title word; `foo::bar` is no field.
            while Self.isPhraseGenerator(next) {
                valueStart += 1
                guard valueStart < scalars.count else { return .none }
                next = scalars[valueStart]
            }
        }
        guard WordCharacters.contains(next) else { return .none }
        index = valueStart
        return .word(field.name)
    }

    /// A filter's value: quoted (`""` stands for `"`), or up to a space or `)`.
    private mutating func readFilterValue() -> String {
        var value = String.UnicodeScalarView()
        if index < scalars.count, Self.isDoubleQuote(scalars[index]) {
            // A value opened with a curly quote may close with any; one opened with `"` only with `"`.
            let curly = scalars[index] != "\""
            index += 1
            while index < scalars.count {
                if scalars[index] == "\"" {
                    index += 1
                    guard index < scalars.count, scalars[index] == "\"" else { break }
                } else if curly, Self.isDoubleQuote(scalars[index]) {
                    index += 1
                    break
                }
                value.append(scalars[index])
                index += 1
            }
        } else {
            while index < scalars.count, scalars[index].value > 0x20, scalars[index] != ")" {
                value.append(scalars[index])
                index += 1
            }
        }
        return String(value)
    }

    /// Xapian reads operators in capitals only; `NEAR/n` and `ADJ/n` need a number from 1 and a
    /// space or the end after it, or they are words.
    private mutating func operatorToken(_ text: String) -> QueryToken? {
        switch text {
        case "AND": return .and
        case "OR": return .or
        case "NOT": return .not
        case "XOR": return .xor
        case "NEAR", "ADJ":
            var distance: Int?
            if index < scalars.count, scalars[index] == "/" {
                var end = index + 1
                var width = 0
                while end < scalars.count, let digit = Self.asciiDigit(scalars[end]) {
                    width = Swift.min(width * 10 + digit, Self.largestDistance)
                    end += 1
                }
                guard width > 0, end == scalars.count || WordCharacters.isSpace(scalars[end]) else { return nil }
                index = end
                distance = width
            }
            return text == "NEAR" ? .near(distance: distance) : .adjacent(distance: distance)
        default:
            return nil
        }
    }

    /// Keeps window arithmetic far from overflow; no passage is this long.
    static let largestDistance = 1_000_000

    static func asciiDigit(_ scalar: Unicode.Scalar) -> Int? {
        scalar.value >= 0x30 && scalar.value <= 0x39 ? Int(scalar.value - 0x30) : nil
    }

    private func field(named name: String) -> Field? {
        fieldsByName[name.lowercased()]
    }
}
