import XapianKit

/// A query as the engine runs it: Xapian's operators over the terms the index holds (`Z` + stem,
/// `XM` + modality, …), with every parameter Xapian 1.4 keeps out of reach (windows, scale
/// factors) in the open. `QueryCompiler` makes it from what people type; the passage matcher,
/// the scorer and the highlighter read it, and `xapianQuery()` hands it to Xapian.
indirect enum QueryTree: Equatable {
    /// A term with its within-query frequency and its position in the query (0 for none).
    struct Term: Hashable {
        var name: String
        var wqf = 1
        var position = 0
    }

    case term(Term)
    /// Every term that begins with the pattern (Xapian's OP_WILDCARD).
    case wildcard(String)
    /// The terms in order within `window` positions (Xapian's OP_PHRASE, checked by the passage
    /// matcher): a phrase when the window is the number of terms, ADJ when it is larger.
    case phrase([Term], window: Int)
    /// The terms in any order within `window` positions (OP_NEAR, checked by the passage matcher).
    case near([Term], window: Int)
    case and([QueryTree])
    case or([QueryTree])
    case xor([QueryTree])
    /// The first, without what the second matches (OP_AND_NOT).
    case andNot(QueryTree, QueryTree)
    /// The first; the second only adds weight (OP_AND_MAYBE).
    case andMaybe(QueryTree, QueryTree)
    /// The first where the second matches too; the second adds no weight (OP_FILTER).
    case filter(QueryTree, QueryTree)
    /// The weights of the part times the factor (OP_SCALE_WEIGHT; 0 makes a pure filter).
    case scale(QueryTree, factor: Double)
    case matchAll
    case matchNothing

    /// The query for Xapian, built with Xapian's own constructors (which tidy it as they go:
    /// no weight is taken from the right of an AND NOT, so a scale there is dropped). A phrase
    /// or NEAR is the AND of its words, whose positions the passage matcher checks, and an exact
    /// phrase is also filtered by its pairs' terms (`phraseQuery`). `asParsed`: the query Xapian's
    /// parser makes instead (OP_PHRASE and OP_NEAR, which Xapian matches as the AND of their
    /// words in an index without its positions, as this one is).
    func xapianQuery(asParsed: Bool = false) throws(XapianError) -> Query {
        func each(_ parts: [QueryTree]) throws(XapianError) -> [Query] {
            var queries: [Query] = []
            for part in parts { queries.append(try part.xapianQuery(asParsed: asParsed)) }
            return queries
        }
        return switch self {
        case .term(let term): term.query
        case .wildcard(let pattern): try Query(wildcard: pattern)
        case .phrase(let terms, let window):
            asParsed ? try Query(.phrase, terms.map(\.query), parameter: window) : try Self.phraseQuery(terms, window: window)
        case .near(let terms, let window):
            asParsed ? try Query(.near, terms.map(\.query), parameter: window) : try Query(.and, terms.map(\.query))
        case .and(let parts): try Query(.and, each(parts))
        case .or(let parts): try Query(.or, each(parts))
        case .xor(let parts): try Query(.xor, each(parts))
        case .andNot(let first, let second): try Query(.andNot, each([first, second]))
        case .andMaybe(let first, let second): try Query(.andMaybe, each([first, second]))
        case .filter(let first, let second): try Query(.filter, each([first, second]))
        case .scale(let part, let factor): try part.xapianQuery(asParsed: asParsed).scaled(by: factor)
        case .matchAll: .matchAll
        case .matchNothing: .matchNothing
        }
    }

    /// Whether positions decide what matches (a phrase or NEAR somewhere in it): Xapian matches
    /// its words alone, which makes its statistics a poor guide to how many sections match.
    var checksPositions: Bool {
        switch self {
        case .phrase, .near: true
        case .term, .wildcard, .matchAll, .matchNothing: false
        case .and(let parts), .or(let parts), .xor(let parts): parts.contains(where: \.checksPositions)
        case .andNot(let first, let second), .andMaybe(let first, let second), .filter(let first, let second):
            first.checksPositions || second.checksPositions
        case .scale(let part, _): part.checksPositions
        }
    }

    /// The AND of a phrase's words: the index keeps positions out of Xapian's reach (a block
    /// per section, `Schema.Slot.positions`), so the passage matcher checks the phrase in each
    /// section read. An exact phrase (no wider window) is also filtered by the terms of its
    /// words' pairs (`Schema.Prefix.pair`), which every section holding it has, so that few
    /// sections without it are read.
    private static func phraseQuery(_ terms: [Term], window: Int) throws(XapianError) -> Query {
        let words = try Query(.and, terms.map(\.query))
        let pairs = try pairTerms(terms, window: window)
        guard !pairs.isEmpty else { return words }
        return try Query(.filter, [words, try Query(.and, pairs.map { Query(term: $0) })])
    }

    /// The pair terms every section holding the phrase has: those of its words side by side, for
    /// an exact phrase (no wider window).
    static func pairTerms(_ terms: [Term], window: Int) throws(XapianError) -> [String] {
        guard window == terms.count else { return [] }
        var pairs: [String] = []
        for (first, second) in zip(terms, terms.dropFirst()) {
            guard let firstStem = Schema.stem(ofWordTerm: first.name), let secondStem = Schema.stem(ofWordTerm: second.name),
                  let pair = try Schema.pairTerm(firstStem, secondStem), !pairs.contains(pair) else { continue }
            pairs.append(pair)
        }
        return pairs
    }

    /// Terms every section matching the query holds: a position block's list found for one of
    /// them is its own (`DocumentPositions`).
    var requiredTerms: Set<String> {
        switch self {
        case .term(let term): term.name.isEmpty ? [] : [term.name]
        case .phrase(let terms, _), .near(let terms, _): Set(terms.map(\.name))
        case .and(let parts): parts.reduce(into: []) { $0.formUnion($1.requiredTerms) }
        case .or(let parts), .xor(let parts):
            parts.dropFirst().reduce(parts.first?.requiredTerms ?? []) { $0.intersection($1.requiredTerms) }
        case .andNot(let first, _), .andMaybe(let first, _): first.requiredTerms
        case .filter(let first, let second): first.requiredTerms.union(second.requiredTerms)
        case .scale(let part, _): part.requiredTerms
        case .wildcard, .matchAll, .matchNothing: []
        }
    }

    /// Whether nothing can match: the empty query.
    var isEmpty: Bool { self == .matchNothing }
}

extension QueryTree.Term {
    var query: Query { Query(term: name, wqf: wqf, position: position) }
}

extension QueryTree {
    /// Every term of the query, once each, sorted: negated and filter terms too.
    var terms: [String] {
        var found: Set<String> = []
        visitTerms { term, _ in found.insert(term.name) }
        return found.sorted()
    }

    /// Terms that occur only inside phrases and NEAR or ADJ groups: a word that matches one of
    /// them on its own is no match of the query.
    var phraseOnlyTerms: Set<String> {
        var inPhrases: Set<String> = []
        var elsewhere: Set<String> = []
        visitTerms { term, isInPhrase in
            if isInPhrase { inPhrases.insert(term.name) } else { elsewhere.insert(term.name) }
        }
        return inPhrases.subtracting(elsewhere)
    }

    /// Calls `visit` with each term and whether it stands inside a phrase or NEAR group.
    private func visitTerms(_ visit: (Term, Bool) -> Void) {
        switch self {
        case .term(let term): visit(term, false)
        case .phrase(let terms, _), .near(let terms, _): for term in terms { visit(term, true) }
        case .and(let parts), .or(let parts), .xor(let parts): for part in parts { part.visitTerms(visit) }
        case .andNot(let first, let second), .andMaybe(let first, let second), .filter(let first, let second):
            first.visitTerms(visit)
            second.visitTerms(visit)
        case .scale(let part, _): part.visitTerms(visit)
        case .wildcard, .matchAll, .matchNothing: break
        }
    }

    /// The weight factor of each term that adds weight: terms under a filter or a negation add
    /// none, scaled parts add theirs times the factor, a term met twice adds both.
    var weightedTerms: [String: Double] {
        var weights: [String: Double] = [:]
        addWeights(factor: 1, to: &weights)
        return weights
    }

    private func addWeights(factor: Double, to weights: inout [String: Double]) {
        switch self {
        case .term(let term):
            if factor > 0, !term.name.isEmpty { weights[term.name, default: 0] += factor }
        case .phrase(let terms, _), .near(let terms, _):
            for term in terms where factor > 0 { weights[term.name, default: 0] += factor }
        case .and(let parts), .or(let parts), .xor(let parts):
            for part in parts { part.addWeights(factor: factor, to: &weights) }
        case .andMaybe(let first, let second):
            first.addWeights(factor: factor, to: &weights)
            second.addWeights(factor: factor, to: &weights)
        case .andNot(let first, _), .filter(let first, _):
            first.addWeights(factor: factor, to: &weights)
        case .scale(let part, let scale):
            part.addWeights(factor: factor * scale, to: &weights)
        case .wildcard, .matchAll, .matchNothing:
            break
        }
    }

    /// The query that finds the sections that may hold satisfying passages. A negation excludes
    /// a passage, not its whole section, so `A AND_NOT B` looks for sections with `A` (and XOR
    /// for sections with any part); the passages are then checked against the query itself.
    var sectionQuery: QueryTree {
        guard hasNegation else { return self }
        switch self {
        case .andNot(let first, _): return first.sectionQuery
        case .xor(let parts), .or(let parts): return .or(parts.map(\.sectionQuery))
        case .and(let parts): return .and(parts.map(\.sectionQuery))
        case .andMaybe(let first, let second): return .andMaybe(first.sectionQuery, second.sectionQuery)
        case .filter(let first, let second): return .filter(first.sectionQuery, second.sectionQuery)
        case .scale(let part, let factor): return .scale(part.sectionQuery, factor: factor)
        case .term, .wildcard, .phrase, .near, .matchAll, .matchNothing: return self
        }
    }

    private var hasNegation: Bool {
        switch self {
        case .andNot, .xor: true
        case .term, .wildcard, .phrase, .near, .matchAll, .matchNothing: false
        case .and(let parts), .or(let parts): parts.contains(where: \.hasNegation)
        case .andMaybe(let first, let second), .filter(let first, let second): first.hasNegation || second.hasNegation
        case .scale(let part, _): part.hasNegation
        }
    }
}
