import XapianKit

extension TermName {
    /// The fields of `Schema.Prefix`, longest prefix first: a stem is lower case, so `ZS` and
    /// `ZXH` never begin a plain stem's term.
    private static let fields: [(prefix: String, field: String)] = [
        (Schema.Prefix.stem + Schema.Prefix.heading, "heading"), (Schema.Prefix.stem + Schema.Prefix.title, "title"),
        (Schema.Prefix.stem, "text"), (Schema.Prefix.modality, "modality"), (Schema.Prefix.section, "section"),
        (Schema.Prefix.reference, "related"), (Schema.Prefix.file, "file"), (Schema.Prefix.id, "id"),
    ]

    init(_ term: String) {
        let (prefix, field) = Self.fields.first { term.hasPrefix($0.prefix) } ?? ("", term.isEmpty ? "all" : "text")
        self.init(term: term, field: field, value: String(term.dropFirst(prefix.count)))
    }
}

extension QueryNode {
    /// The node for a query tree, its terms named.
    init(_ query: QueryTree) {
        func node(_ op: String, _ children: [QueryTree] = []) -> QueryNode {
            QueryNode(op: op, term: nil, pattern: nil, window: nil, factor: nil, children: children.map(QueryNode.init))
        }
        func terms(_ terms: [QueryTree.Term]) -> [QueryNode] { terms.map { QueryNode(.term($0)) } }
        switch query {
        case .term(let term):
            self = node("term")
            self.term = TermName(term.name)
        case .wildcard(let pattern):
            self = node("wildcard")
            self.pattern = pattern
        case .phrase(let parts, let window), .near(let parts, let window):
            if case .phrase = query { self = node("phrase") } else { self = node("near") }
            self.window = window
            children = terms(parts)
        case .and(let parts): self = node("and", parts)
        case .or(let parts): self = node("or", parts)
        case .xor(let parts): self = node("xor", parts)
        case .andNot(let first, let second): self = node("and_not", [first, second])
        case .andMaybe(let first, let second): self = node("and_maybe", [first, second])
        case .filter(let first, let second): self = node("filter", [first, second])
        case .scale(let part, let factor):
            self = node("scale", [part])
            self.factor = factor
        case .matchAll: self = node("match_all")
        case .matchNothing: self = node("match_nothing")
        }
    }
}

extension QueryExplanation {
    /// The explanation of a search's plan: its trees (filters included), and the weighted terms of
    /// both with their statistics.
    init(typed: String, searched: String, tree: QueryTree, partialTree: QueryTree?, database: Database,
         weighting: BM25Formula, partialWeighting: BM25Formula?) throws {
        var terms: [TermStatistics] = []
        var listed: Set<String> = []
        for query in [tree] + (partialTree.map { [$0] } ?? []) {
            for (term, factor) in query.weightedTerms.sorted(by: { $0.key < $1.key }) where listed.insert(term).inserted {
                let sections = try database.termFrequency(term)
                terms.append(TermStatistics(name: TermName(term), sections: sections, factor: factor,
                                            idf: weighting.idf(sections: sections)))
            }
        }
        self.init(typed: typed, searched: searched, tree: QueryNode(tree), partialTree: partialTree.map(QueryNode.init),
                  terms: terms, sections: weighting.documents, averageLength: try database.averageLength,
                  weighting: weighting.parameters, partialWeighting: partialWeighting?.parameters)
    }
}
