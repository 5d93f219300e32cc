import ModalityDocs
import QueryLanguage

/// A typed query cut into tokens: the one scanner behind every rewriting modsearch makes before
/// `QueryCompiler` reads the text (field values, closing quotes, synonyms, spelling).
///
/// Rewritings work on tokens so that each one knows what it may touch: synonyms and spelling
/// change plain words (and spelling the words of phrases), never fields, operators or `+`/`-`
/// words, and joining the tokens again gives back every other character as typed.
struct QueryText: Equatable {
    enum Kind: Equatable {
        /// Word characters (`WordCharacters`), inner hyphens and apostrophes: `self-criticism`,
        /// `CFT`, `therapist’s`.
        case word
        /// Spaces and tabs between tokens.
        case space
        /// A quoted phrase with its quotes (an unterminated one runs to the end).
        case phrase
        /// `field:value`, possibly signed (`-section:ask`) or quoted (`section:"What Good Looks Like"`).
        case field
        /// Everything else: operators, parentheses, `+word`, `-word`, `wildcard*`, `NEAR/3`.
        case other
    }

    struct Token: Equatable {
        var text: String
        var kind: Kind
    }

    private(set) var tokens: [Token] = []

    /// The query text the tokens spell.
    var text: String { tokens.map(\.text).joined() }

    /// Xapian's operators (it only reads them in capitals).
    static let operators: Set<String> = ["AND", "OR", "NOT", "XOR", "NEAR", "ADJ", "SYN"]
    /// Fields whose values are stored as boolean terms and must be rewritten to the stored form.
    static let booleanFields = ["modality", "section", "related"]

    init(_ query: String) {
        var current = ""
        var inQuote = false
        func flush() {
            guard !current.isEmpty else { return }
            tokens.append(Token(text: current, kind: Self.kind(of: current)))
            current = ""
        }
        for character in query {
            if inQuote {
                current.append(character)
                if character == "\"" {
                    inQuote = false
                    tokens.append(Token(text: current, kind: current.first == "\"" ? .phrase : .field))
                    current = ""
                }
            } else if character == "\"" {
                // `title:"…"` is one field token; a quote anywhere else starts a phrase.
                if !current.hasSuffix(":") { flush() }
                inQuote = true
                current.append(character)
            } else if character == " " || character == "\t" {
                flush()
                if let last = tokens.last, last.kind == .space {
                    tokens[tokens.count - 1].text.append(character)
                } else {
                    tokens.append(Token(text: String(character), kind: .space))
                }
            } else if character == "(" || character == ")" {
                flush()
                tokens.append(Token(text: String(character), kind: .other))
            } else {
                current.append(character)
            }
        }
        if inQuote {
            tokens.append(Token(text: current, kind: current.first == "\"" ? .phrase : .field))
        } else {
            flush()
        }
    }

    private init(tokens: [Token]) { self.tokens = tokens }

    private static func kind(of chunk: String) -> Kind {
        let unsigned = chunk.drop(while: { $0 == "+" || $0 == "-" })
        if let colon = unsigned.firstIndex(of: ":"), colon > unsigned.startIndex,
           unsigned[..<colon].allSatisfy(\.isLetter), unsigned.index(after: colon) < unsigned.endIndex {
            return .field
        }
        let isWord = chunk.first.map(WordCharacters.contains) == true
            && chunk.allSatisfy { WordCharacters.contains($0) || $0 == "-" || $0 == "'" || $0 == "’" }
            && !operators.contains(chunk)
        return isWord ? .word : .other
    }

    /// The typed query with field values in their stored form (`modality:MOD032` →
    /// `modality:mod032`, `section:"Evidence to Efficacy"` → `section:evidence-to-efficacy`) and a
    /// space before each closing quote: the text the rewrites see and the answer reports as
    /// `corrected`, and an unknown section name refused before the index is read.
    ///
    /// Xapian's parser needed both rewrites; `QueryCompiler` reads either form alike (it stores
    /// filter values itself and stems every word of a phrase), so they only keep the reported
    /// text as it was.
    static func prepare(_ query: String) throws(EngineError) -> QueryText {
        var prepared = QueryText(query)
        for index in prepared.tokens.indices {
            let token = prepared.tokens[index]
            switch token.kind {
            case .field:
                prepared.tokens[index].text = try canonicalField(token.text)
            case .phrase:
                prepared.tokens[index].text = spaceBeforeClosingQuote(token.text)
            default:
                break
            }
        }
        return prepared
    }

    private static func canonicalField(_ text: String) throws(EngineError) -> String {
        let sign = text.prefix(while: { $0 == "+" || $0 == "-" })
        let unsigned = text.dropFirst(sign.count)
        guard let colon = unsigned.firstIndex(of: ":") else { return text }
        let name = unsigned[..<colon].lowercased()
        var value = unsigned[unsigned.index(after: colon)...]
        guard booleanFields.contains(name) else { return spaceBeforeClosingQuote(text) }
        if value.first == "\"" {
            value = value.dropFirst()
            if value.last == "\"" { value = value.dropLast() }
        }
        return sign + name + ":" + (try canonicalValue(field: name, value: String(value)))
    }

    private static func spaceBeforeClosingQuote(_ text: String) -> String {
        guard text.hasSuffix("\""), text.filter({ $0 == "\"" }).count >= 2 else { return text }
        let body = text.dropLast()
        return body.last == " " ? text : body + " \""
    }

    /// The canonical stored form of a filter value (used by request filters too).
    static func canonicalValue(field: String, value: String) throws(EngineError) -> String {
        switch field {
        case "section":
            guard let section = CanonicalSection.resolve(value) else {
                let names = CanonicalSection.all.map { $0.alias ?? $0.slug }.joined(separator: ", ")
                throw EngineError(.badQuery, "unknown section '\(value)' (try one of: \(names))")
            }
            return section.slug
        default:
            return value.lowercased()
        }
    }

    /// The same query with each run of word characters in its words and phrases passed through
    /// `replace` (nil keeps the run); hyphens, apostrophes and quotes stay as typed.
    func replacingWords(_ replace: (String) -> String?) -> QueryText {
        QueryText(tokens: tokens.map { token in
            guard token.kind == .word || token.kind == .phrase else { return token }
            var out = ""
            var run = ""
            func flushRun() {
                out += replace(run) ?? run
                run = ""
            }
            for character in token.text {
                if WordCharacters.contains(character) {
                    run.append(character)
                } else {
                    if !run.isEmpty { flushRun() }
                    out.append(character)
                }
            }
            if !run.isEmpty { flushRun() }
            return Token(text: out, kind: token.kind)
        })
    }
}
