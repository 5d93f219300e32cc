import QueryLanguage
import XapianKit

/// Compiles what people type into the `QueryTree` the engine runs: `QueryLanguage` reads the
/// text, and each word becomes the term the indexer wrote for it (lower case, stemmed, `Z` and
/// the field's prefix before it), each filter value its stored form.
struct QueryCompiler {
    /// The fields of the query language, and the prefixes of their terms.
    static let fields = [("title", Schema.Prefix.title), ("heading", Schema.Prefix.heading)]
    static let filters = [("modality", Schema.Prefix.modality), ("section", Schema.Prefix.section),
                          ("related", Schema.Prefix.reference)]
    /// NEAR and ADJ without `/n`: within ten words, Xapian's default.
    static let nearDistance = 10

    private static let prefixes = Dictionary(uniqueKeysWithValues: fields + filters)

    let stemmer: Stemmer

    /// The query for the text; `anyWord` joins words without an operator with OR instead of AND.
    func compile(_ text: String, anyWord: Bool = false) throws(EngineError) -> QueryTree {
        let grammar = QueryGrammar(fields: Self.fields.map(\.0), filters: Self.filters.map(\.0),
                                   joining: anyWord ? .any : .all)
        let syntax: QuerySyntax
        do {
            syntax = try grammar.parse(text)
        } catch {
            throw EngineError(.badQuery, error.message)
        }
        return try compile(syntax)
    }

    func compile(_ syntax: QuerySyntax) throws(EngineError) -> QueryTree {
        switch syntax {
        case .word(let word): return .term(term(word))
        case .phrase(let words):
            // Xapian makes a phrase of one word that word.
            return words.count == 1 ? .term(term(words[0])) : .phrase(words.map(term), window: words.count)
        case .near(let words, let distance, let ordered):
            // `a NEAR/n b`: b at most n words after a, so a window of n + 1 positions, one more
            // for each further word (Xapian's rule).
            let window = (distance ?? Self.nearDistance) - 1 + words.count
            return ordered ? .phrase(words.map(term), window: window) : .near(words.map(term), window: window)
        case .wildcard(let word):
            return .wildcard(prefix(of: word.field) + word.text.lowercased())
        case .filter(let filter):
            let value = try QueryText.canonicalValue(field: filter.field, value: filter.value)
            // Xapian's rule, which keeps a value from running into a prefix: a colon before a value
            // that starts with one (stored values are lower case, so never with a capital).
            let separator = value.hasPrefix(":") ? ":" : ""
            return .term(QueryTree.Term(name: prefix(of: filter.field) + separator + value))
        case .and(let parts): return .and(try compile(parts))
        case .or(let parts): return .or(try compile(parts))
        case .xor(let parts): return .xor(try compile(parts))
        case .andNot(let first, let second): return .andNot(try compile(first), try compile(second))
        case .andMaybe(let first, let second): return .andMaybe(try compile(first), try compile(second))
        case .filtered(let query, let filter): return .filter(try compile(query), try compile(filter))
        case .unweighted(let query): return .scale(try compile(query), factor: 0)
        case .everything: return .matchAll
        case .nothing: return .matchNothing
        }
    }

    private func compile(_ parts: [QuerySyntax]) throws(EngineError) -> [QueryTree] {
        var compiled: [QueryTree] = []
        for part in parts { compiled.append(try compile(part)) }
        return compiled
    }

    /// The term the indexer wrote for the word (STEM_ALL_Z): its position numbers the query's words.
    private func term(_ word: QueryWord) -> QueryTree.Term {
        QueryTree.Term(name: Schema.Prefix.stem + prefix(of: word.field) + stemmer.stem(word.text.lowercased()),
                       position: word.position)
    }

    private func prefix(of field: String?) -> String {
        field.flatMap { Self.prefixes[$0] } ?? ""
    }
}
