import QueryLanguage

/// A syntax tree in one line, close to Xapian's query descriptions: `((a AND b) OR "c d")`.
func render(_ syntax: QuerySyntax) -> String {
    switch syntax {
    case .word(let word): render(word)
    case .phrase(let words): "\"" + words.map(render).joined(separator: " ") + "\""
    case .near(let words, let distance, let ordered):
        (ordered ? "ADJ" : "NEAR") + (distance.map { "/\($0)" } ?? "") + "(" + words.map(render).joined(separator: " ") + ")"
    case .wildcard(let word): render(word) + "*"
    case .filter(let filter): filter.field + ":" + filter.value
    case .and(let parts): "(" + parts.map(render).joined(separator: " AND ") + ")"
    case .or(let parts): "(" + parts.map(render).joined(separator: " OR ") + ")"
    case .xor(let parts): "(" + parts.map(render).joined(separator: " XOR ") + ")"
    case .andNot(let left, let right): "(" + render(left) + " AND_NOT " + render(right) + ")"
    case .andMaybe(let left, let right): "(" + render(left) + " AND_MAYBE " + render(right) + ")"
    case .filtered(let query, let filter): "(" + render(query) + " FILTER " + render(filter) + ")"
    case .unweighted(let query): "0 * " + render(query)
    case .everything: "<all>"
    case .nothing: "<nothing>"
    }
}

private func render(_ word: QueryWord) -> String {
    (word.field.map { $0 + ":" } ?? "") + word.text
}

let modsearchGrammar = QueryGrammar(fields: ["title", "heading"], filters: ["modality", "section", "related"])
