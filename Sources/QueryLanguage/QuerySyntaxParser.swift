/// Reads tokens into a `QuerySyntax` with Xapian's grammar (`queryparser.lemony`), by precedence
/// climbing over its operators and Xapian's own assembly of the items between them.
struct QuerySyntaxParser {
    typealias Token = (token: QueryToken, offset: Int)

    /// A binary operator, loosest first.
    private enum Operator {
        case or, xor, and, andNot, not

        var precedence: Int {
            switch self {
            case .or: 1
            case .xor: 2
            case .and, .andNot, .not: 3
            }
        }

        var name: String {
            switch self {
            case .or: "OR"
            case .xor: "XOR"
            case .and: "AND"
            case .andNot: "AND NOT"
            case .not: "NOT"
            }
        }
    }

    let tokens: [Token]
    let joining: QueryGrammar.Joining
    var index = 0

    init(tokens: [(token: QueryToken, offset: Int)], joining: QueryGrammar.Joining) {
        self.tokens = Self.droppingUnmatchedCloses(tokens)
        self.joining = joining
    }

    /// A `)` with no `(` open before it means nothing, except after an operator, which it leaves
    /// without a word after it (an error, as in Xapian); a `(` left open closes at the end.
    private static func droppingUnmatchedCloses(_ tokens: [Token]) -> [Token] {
        var open = 0
        var kept: [Token] = []
        for token in tokens {
            switch token.token {
            case .open: open += 1
            case .close where open > 0: open -= 1
            case .close:
                switch kept.last?.token {
                case .and, .or, .not, .xor: break
                default: continue
                }
            default: break
            }
            kept.append(token)
        }
        return kept
    }

    mutating func parse() throws(QuerySyntaxError) -> QuerySyntax {
        let syntax = try expression(from: 1)
        if index < tokens.count {
            throw QuerySyntaxError("cannot read the query from position \(tokens[index].offset)",
                                   offset: tokens[index].offset)
        }
        return syntax ?? .nothing
    }

    var next: QueryToken? { index < tokens.count ? tokens[index].token : nil }

    private func token(after offset: Int) -> QueryToken? {
        index + offset < tokens.count ? tokens[index + offset].token : nil
    }

    // MARK: - operators

    /// Operators of at least `precedence` and their operands, left to right; nil when empty.
    private mutating func expression(from precedence: Int) throws(QuerySyntaxError) -> QuerySyntax? {
        var left = try run()
        while case let (op, width)? = peekOperator(), op.precedence >= precedence {
            let offset = tokens[index].offset
            index += width
            let right = try expression(from: op.precedence + 1)
            left = try Self.combine(op, left, right, at: offset)
        }
        return left
    }

    /// The operator at the current token and how many tokens it takes (`AND NOT`, `AND -`).
    private func peekOperator() -> (Operator, Int)? {
        switch next {
        case .or: (.or, 1)
        case .xor: (.xor, 1)
        case .not: (.not, 1)
        case .and:
            switch token(after: 1) {
            case .not, .hateAfterAnd: (.andNot, 2)
            default: (.and, 1)
            }
        default: nil
        }
    }

    private static func combine(_ op: Operator, _ left: QuerySyntax?, _ right: QuerySyntax?,
                                at offset: Int) throws(QuerySyntaxError) -> QuerySyntax {
        // `NOT word` alone is everything but the word (Xapian's FLAG_PURE_NOT).
        guard let left = left ?? (op == .not ? .everything : nil) else {
            throw QuerySyntaxError("\(op.name) at position \(offset) needs a word before it", offset: offset)
        }
        guard let right else { throw QuerySyntaxError("\(op.name) at position \(offset) needs a word after it", offset: offset) }
        switch op {
        case .or: return Join.or.join(left, right)
        case .xor: return Join.xor.join(left, right)
        case .and: return Join.and.join(left, right)
        case .andNot, .not: return .andNot(left, right)
        }
    }

    // MARK: - items

    /// Items up to the next operator (Xapian's `prob`): words and what joins them, phrases,
    /// groups, `+`/`-` items and filters, put together as Xapian does; nil when there are none.
    private mutating func run() throws(QuerySyntaxError) -> QuerySyntax? {
        var run = ItemRun(joining: joining)
        while let token = next {
            let offset = tokens[index].offset
            switch token {
            case .word, .quote, .open, .synonym:
                for item in try items() { run.add(item) }
            case .love, .hate:
                index += 1
                try signed(required: token == .love, into: &run)
            case .filter(let filter):
                index += 1
                run.addFilter(filter)
            case .hateAfterAnd:
                let after = index > 0 ? Self.name(of: tokens[index - 1].token) : "an operator"
                throw QuerySyntaxError("- at position \(offset) can follow AND but not \(after)", offset: offset)
            case .near, .adjacent:
                throw QuerySyntaxError("\(Self.name(of: token)) at position \(offset) needs a single word before it",
                                       offset: offset)
            case .close, .and, .or, .not, .xor:
                return run.syntax
            }
        }
        return run.syntax
    }

    private static func name(of token: QueryToken) -> String {
        switch token {
        case .and: "AND"
        case .or: "OR"
        case .not: "NOT"
        case .xor: "XOR"
        case .near: "NEAR"
        case .adjacent: "ADJ"
        default: "an operator"
        }
    }

    /// The item after `+` or `-`; a sign before nothing it can apply to is ignored.
    private mutating func signed(required: Bool, into run: inout ItemRun) throws(QuerySyntaxError) {
        switch next {
        case .filter(let filter):
            index += 1
            if required { run.addFilter(filter) } else { run.exclude(.filter(filter)) }
        case .word, .quote, .open, .synonym:
            for item in try items() {
                if required { run.require(item) } else { run.exclude(item) }
            }
        default:
            break
        }
    }

    /// The item starting at the current token: usually one, two where a run of words ends in a
    /// NEAR or ADJ chain, none for an empty phrase or group.
    private mutating func items() throws(QuerySyntaxError) -> [QuerySyntax] {
        switch next {
        case .synonym:
            // `~word` asks Xapian for the word's synonyms from the index, which holds none:
            // modsearch's synonyms rewrite every query (`SynonymTable`).
            index += 1
            return try items()
        case .quote:
            return phrase().map { [$0] } ?? []
        case .open:
            return try parenthesized().map { [$0] } ?? []
        case .word(let word, .wildcard):
            index += 1
            return [.wildcard(word)]
        case .word:
            return try words()
        default:
            return []
        }
    }

    /// A quoted phrase; an unterminated one runs to the end.
    private mutating func phrase() -> QuerySyntax? {
        index += 1
        var words: [QueryWord] = []
        while case .word(let word, _)? = next {
            words.append(word)
            index += 1
        }
        if next == .quote { index += 1 }
        return words.isEmpty ? nil : .phrase(words)
    }

    private mutating func parenthesized() throws(QuerySyntaxError) -> QuerySyntax? {
        index += 1
        let inner = try expression(from: 1)
        if next == .close { index += 1 }
        return inner
    }
}
