import XapianKit

extension Searcher {
    /// Searches as `search` does and explains the answer: the query as searched, and every
    /// hit's score in its parts.
    public func explain(_ options: SearchOptions) throws(EngineError) -> ExplainOutcome {
        try searching(options) { outcome, searched in
            let plan = searched.plan
            func filtered(_ query: QueryTree) -> QueryTree {
                guard let filter = searched.filter else { return query }
                return query.isEmpty ? filter : .filter(query, filter)
            }
            let database = xapianDatabase
            let strict = try ScoreExplainer.RankedQuery(filtered(plan.query), label: "all", weighting: tuning.weighting,
                                                        database: database)
            let partial = try plan.partial.map {
                try ScoreExplainer.RankedQuery(filtered($0), label: "some", weighting: tuning.partialWeighting,
                                               database: database)
            }
            let exactWords = searched.builder.exactWords(of: plan)
            let scorer = PassageScorer(passageShare: tuning.passageShare,
                                       exact: ExactForms(words: exactWords, weight: tuning.exactFormWeight))
            let explainer = ScoreExplainer(database: database, tuning: tuning, strict: strict, partial: partial,
                                           scorer: scorer,
                                           exactWords: scorer.readsText ? exactWords.map { $0.lowercased() } : [],
                                           partialScale: searched.ranking.partialScale)
            var sections = searched.ranking.sections
            let hits = try searched.ranking.passages.map { passage in
                try checkDeadline()
                return try explainer.explain(passage, in: try loadSection(passage.document, into: &sections))
            }
            let query = try QueryExplanation(typed: options.query, searched: plan.strictText,
                                             tree: filtered(plan.query), partialTree: plan.partial.map(filtered),
                                             database: database, weighting: strict.formula,
                                             partialWeighting: partial?.formula)
            return ExplainOutcome(search: outcome, query: query, hits: hits)
        }
    }
}
