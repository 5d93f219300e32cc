import ModSearchCore
import ModSearchProtocol

// The engine's `ExplainOutcome` in the protocol's terms, field for field.

extension ExplainResult {
    init(_ outcome: ExplainOutcome) {
        self.init(query: ExplainedQuery(outcome.query, rewrites: outcome.search.rewrites),
                  search: SearchResult(outcome.search), scores: outcome.hits.map(HitScore.init))
    }
}

extension ExplainedQuery {
    init(_ query: QueryExplanation, rewrites: [QueryRewrite]) {
        self.init(typed: query.typed, searched: query.searched, tree: QueryTreeNode(query.tree),
                  partialTree: query.partialTree.map(QueryTreeNode.init),
                  terms: query.terms.map {
                      QueryTermWeight(term: IndexTerm($0.name), sections: $0.sections, factor: $0.factor, idf: $0.idf)
                  },
                  sections: query.sections, averageLength: query.averageLength,
                  weighting: BM25Settings(query.weighting), partialWeighting: query.partialWeighting.map(BM25Settings.init),
                  rewrites: rewrites.map(Rewrite.init))
    }
}

extension QueryTreeNode {
    init(_ node: QueryNode) {
        self.init(op: node.op, term: node.term.map(IndexTerm.init), pattern: node.pattern, window: node.window,
                  factor: node.factor, children: node.children.map(QueryTreeNode.init))
    }
}

extension IndexTerm {
    init(_ name: TermName) {
        self.init(term: name.term, field: name.field, value: name.value)
    }
}

extension BM25Settings {
    init(_ parameters: BM25Parameters) {
        self.init(k1: parameters.k1, b: parameters.b, minNormLength: parameters.minNormLength)
    }
}

extension HitScore {
    init(_ explanation: ScoreExplanation) {
        let section = explanation.section
        let passage = explanation.passage
        let exact = explanation.exactForms
        self.init(score: explanation.score,
                  section: SectionWeight(weight: section.weight, length: section.length, normLength: section.normLength,
                                         query: section.query, terms: section.terms.map(SectionTermWeight.init)),
                  passage: PassageFactor(local: passage.local, best: passage.best, share: passage.share,
                                         factor: passage.factor),
                  exactForms: ExactFormsFactor(words: exact.words, missing: exact.missing, weight: exact.weight,
                                               factor: exact.factor),
                  partialScale: explanation.partial?.scale)
    }
}

extension SectionTermWeight {
    init(_ part: SectionTermScore) {
        let counted = part.occurrences
        self.init(term: IndexTerm(part.name), wdf: part.wdf,
                  occurrences: TermOccurrences(title: counted.title, titleWeight: counted.titleWeight,
                                                heading: counted.heading, headingWeight: counted.headingWeight,
                                                text: counted.text, textWeight: counted.textWeight),
                  factor: part.factor, idf: part.idf, weight: part.weight)
    }
}
