/// One token of a query, as Xapian's lexer hands them to its grammar.
enum QueryToken: Equatable {
    /// How a word stands to the words before it.
    enum Role: Equatable {
        /// A word on its own, or the first of a run.
        case term
        /// A later word of a run of words separated by spaces only.
        case groupTerm
        /// A later word of words joined by `-`, `/`, `.`, `:`, `\` or `@`.
        case phraseTerm
        /// A word followed by `*`.
        case wildcard
    }

    case word(QueryWord, Role)
    case filter(QueryFilter)
    case quote, love, hate, hateAfterAnd, open, close, synonym
    case and, or, not, xor
    case near(distance: Int?), adjacent(distance: Int?)
}

/// Cuts a query into tokens the way Xapian 1.4's QueryParser does (`queryparser.lemony`), with
/// the flags modsearch uses: boolean operators in capitals, phrases, `+`/`-`, `*` and `~`.
///
/// It follows Xapian's lexer step by step, quirks included (`a- b` starts no run of words,
/// `NEAR/3)` is the phrase `near 3`), because which tokens come out decides the shape of the tree.
struct QueryLexer {
    /// What the lexer is inside of.
    enum Mode { case normal, quotes, prefixedQuotes, phrasedTerm, group, explicitSynonym }
    /// What the previous token leaves for the next one: Xapian's `just_had_operator` jumps.
    enum Follows { case nothing, anOperator, anOperatorNeedingTerm }

    struct Field {
        let name: String
        let isFilter: Bool
    }

    let scalars: [Unicode.Scalar]
    /// The character offset of each scalar, and of the end.
    private let characterOffsets: [Int]
    let fieldsByName: [String: Field]
    var index = 0
    var mode = Mode.normal
    /// The character before the current one as Xapian keeps it: `" "` after spaces, `"A"` after a word.
    var previous: Unicode.Scalar = " "
    var follows = Follows.nothing
    private var afterOperator = false
    var needsTerm = false
    /// The field of words inside `title:(…)` and `title:"…"`, innermost last.
    var fieldStack: [String?] = [nil]
    var position = 1
    private(set) var tokens: [(token: QueryToken, offset: Int)] = []

    init(_ text: String, fields: [String: Field]) {
        var scalars: [Unicode.Scalar] = []
        var offsets: [Int] = []
        for (offset, character) in text.enumerated() {
            for scalar in character.unicodeScalars {
                scalars.append(scalar)
                offsets.append(offset)
            }
        }
        offsets.append(text.count)
        self.scalars = scalars
        self.characterOffsets = offsets
        self.fieldsByName = fields
    }

    /// The tokens of the whole query.
    mutating func run() -> [(token: QueryToken, offset: Int)] {
        while index < scalars.count {
            beginStep()
            if mode == .phrasedTerm { mode = .normal }
            if WordCharacters.isSpace(scalars[index]) {
                previous = " "
                skipSpaces()
                if index == scalars.count { break }
            }
            if WordCharacters.contains(scalars[index]) {
                lexWord()
            } else {
                lexSymbol()
            }
        }
        return tokens
    }

    private mutating func beginStep() {
        switch follows {
        case .nothing:
            if mode == .explicitSynonym { mode = .normal }
            (afterOperator, needsTerm) = (false, false)
        case .anOperator:
            mode = .normal
            (afterOperator, needsTerm) = (true, false)
        case .anOperatorNeedingTerm:
            (afterOperator, needsTerm) = (true, true)
        }
        follows = .nothing
    }

    func characterOffset(_ scalarIndex: Int) -> Int { characterOffsets[scalarIndex] }

    mutating func emit(_ token: QueryToken, at scalarIndex: Int) {
        tokens.append((token, characterOffsets[scalarIndex]))
    }

    mutating func skipSpaces() {
        while index < scalars.count, WordCharacters.isSpace(scalars[index]) { index += 1 }
    }

    /// Outside quotes, joined words and `~word`: where operators, wildcards and runs of words are read.
    var isFreeText: Bool { mode == .normal || mode == .group }

    // MARK: - punctuation

    /// A character between words: quotes, signs, parentheses and `~` mean something; the rest is skipped.
    private mutating func lexSymbol() {
        let before = previous
        let start = index
        let symbol = scalars[index]
        index += 1
        previous = symbol
        if mode == .group { mode = .normal }
        switch symbol {
        case "\"", "\u{201C}", "\u{201D}": lexQuote(at: start)
        case "+", "-": lexSign(symbol, before: before, at: start)
        case "(": lexOpen(before: before, at: start)
        case ")":
            guard mode == .normal else { return }
            if fieldStack.count > 1 { fieldStack.removeLast() }
            emit(.close, at: start)
        case "~": lexSynonym(before: before, at: start)
        default: break
        }
    }

    private mutating func lexQuote(at start: Int) {
        if mode == .normal {
            skipSpaces()
            // A quote at the end opens nothing, and `""` is no phrase.
            guard index < scalars.count else { return }
            if Self.isDoubleQuote(scalars[index]) {
                previous = scalars[index]
                index += 1
                return
            }
        } else if scalars[start] == "\"", index < scalars.count, scalars[index] == "\"" {
            // Inside a phrase Xapian 1.4.22 passes over `""` (ASCII quotes only): the phrase goes on.
            previous = scalars[index]
            index += 1
            return
        }
        emit(.quote, at: start)
        if mode == .normal {
            mode = .quotes
        } else {
            if mode == .prefixedQuotes { fieldStack.removeLast() }
            mode = .normal
        }
    }

    /// `+word`, `-word`: only after a space or `(`, and before something else than a space or sign.
    private mutating func lexSign(_ sign: Unicode.Scalar, before: Unicode.Scalar, at start: Int) {
        guard index < scalars.count, before.value <= 0x20 || before == "(" else { return }
        let next = scalars[index]
        if WordCharacters.isSpace(next) || next == "+" || next == "-" {
            previous = next
            index += 1
            return
        }
        guard mode == .normal else { return }
        emit(sign == "+" ? .love : afterOperator ? .hateAfterAnd : .hate, at: start)
        follows = .anOperatorNeedingTerm
    }

    private mutating func lexOpen(before: Unicode.Scalar, at start: Int) {
        skipSpaces()
        guard index < scalars.count, before.value <= 0x20 || "()+-".unicodeScalars.contains(before) else { return }
        if scalars[index] == ")" {
            previous = ")"
            index += 1
            return
        }
        guard mode == .normal else { return }
        fieldStack.append(fieldStack[fieldStack.count - 1])
        emit(.open, at: start)
    }

    /// `~word`: Xapian's explicit synonyms.
    private mutating func lexSynonym(before: Unicode.Scalar, at start: Int) {
        guard index < scalars.count, mode == .normal, before.value <= 0x20 || "+-(".unicodeScalars.contains(before),
              WordCharacters.contains(scalars[index]) else { return }
        emit(.synonym, at: start)
        mode = .explicitSynonym
        follows = .anOperatorNeedingTerm
    }

    static func isDoubleQuote(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "\"" || scalar == "\u{201C}" || scalar == "\u{201D}"
    }

    /// Characters that join the words on either side into a phrase.
    static func isPhraseGenerator(_ scalar: Unicode.Scalar) -> Bool {
        ".-/:\\@".unicodeScalars.contains(scalar)
    }
}
