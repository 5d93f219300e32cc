import XapianKit

/// Takes a ranked passage's score apart the way the ranking put it together: Xapian's BM25
/// weight of the section (`SectionTerms`, `BM25Formula`), times the passage's share of it and its
/// exact-form factor (`PassageScorer`), times the partial scale for a passage with some of the
/// words (`Ranking.partialScale`). Made only for `explain`, so search pays nothing for it.
struct ScoreExplainer {
    /// A query the plan ranked with: every word, or some of them.
    struct RankedQuery {
        let label: String
        let sectionTree: QueryTree
        let sectionQuery: Query
        let matcher: PassageMatcher
        let weighting: Enquire.Weighting
        let formula: BM25Formula

        init(_ query: QueryTree, label: String, weighting: Enquire.Weighting, database: Database) throws {
            guard let formula = BM25Formula(weighting, documents: try database.documentCount,
                                            averageLength: try database.averageLength) else {
                throw EngineError(.internalFailure, "explain reads BM25 weights only")
            }
            self.label = label
            sectionTree = query.sectionQuery
            sectionQuery = try sectionTree.xapianQuery()
            matcher = try PassageMatcher(query: query, database: database)
            self.weighting = weighting
            self.formula = formula
        }
    }

    let database: Database
    let tuning: Tuning
    let strict: RankedQuery
    let partial: RankedQuery?
    let scorer: PassageScorer
    /// The typed words the exact-form factor looks for (none when it is off).
    let exactWords: [String]
    let partialScale: Double?

    func explain(_ passage: RankedPassage, in section: StoredSection) throws -> ScoreExplanation {
        guard let query = passage.partial ? partial : strict, let stored = section.passage(passage.ordinal) else {
            throw EngineError(.internalFailure, "no explanation for \(section.passageID(passage.ordinal))")
        }
        let sectionScore = try score(of: passage.document, in: section, query: query)
        let share = try self.share(of: passage, query: query)
        let exact = exactForms(in: stored.text)
        var score = sectionScore.weight * (share.factor * exact.factor)
        var partial: PartialScale?
        if passage.partial {
            let scale = partialScale ?? 1
            score *= scale
            partial = PartialScale(scale: scale)
        }
        return ScoreExplanation(id: section.passageID(passage.ordinal), score: score, section: sectionScore,
                                passage: share, exactForms: exact, partial: partial)
    }

    /// Xapian's weight of the section for the query, and the terms that make it up.
    private func score(of document: DocID, in section: StoredSection, query: RankedQuery) throws -> SectionScore {
        var terms = try SectionTerms(database: database, document: document)
        guard let leaves = try terms.leaves(of: query.sectionTree, wqfFactor: query.formula.queryFactor) else {
            throw EngineError(.internalFailure, "the query does not match section \(section.key)")
        }
        var factors: [String: Double] = [:]
        var order: [String] = []
        for (term, factor) in leaves {
            if factors[term] == nil { order.append(term) }
            factors[term, default: 0] += factor
        }
        let length = try database.documentLength(document)
        let normLength = query.formula.normLength(length)
        let textWeight = Schema.primarySections.contains(section.section) ? tuning.primaryTextWeight : 1
        let parts = try order.map { term in
            let name = TermName(term)
            let idf = query.formula.idf(sections: try database.termFrequency(term))
            let wdf = terms.wdf[term] ?? 0
            return SectionTermScore(name: name, wdf: wdf,
                                    occurrences: try terms.occurrences(of: name, tuning: tuning, textWeight: textWeight),
                                    factor: factors[term] ?? 0, idf: idf,
                                    weight: query.formula.part(wdf: wdf, normLength: normLength,
                                                               factor: factors[term] ?? 0, idf: idf))
        }
        return SectionScore(weight: try xapianWeight(of: document, key: section.key, query: query), length: length,
                            normLength: normLength, query: query.label, terms: parts)
    }

    /// The section's weight as Xapian ranks it: the section query restricted to that section.
    private func xapianWeight(of document: DocID, key: String, query: RankedQuery) throws -> Double {
        let enquire = try Enquire(database: database,
                                  query: try Query(.filter, [query.sectionQuery, Query(term: Schema.Prefix.id + key)]),
                                  weighting: query.weighting)
        let found = try enquire.mset(first: 0, maxItems: 1)
        guard let item = found.first, item.docID == document else {
            throw EngineError(.internalFailure, "Xapian does not match section \(key)")
        }
        return item.weight
    }

    private func share(of passage: RankedPassage, query: RankedQuery) throws -> PassageShare {
        let found = try query.matcher.passages(in: passage.document)
        guard let best = found.first, let local = found.first(where: { $0.ordinal == passage.ordinal }) else {
            throw EngineError(.internalFailure, "passage \(passage.ordinal) does not satisfy the query")
        }
        return PassageShare(local: local.score, best: best.score, share: scorer.passageShare,
                            factor: scorer.shade(local.score, best: best.score))
    }

    private func exactForms(in text: String) -> ExactFormFactor {
        var text = text
        let missing = text.withUTF8 { bytes in
            exactWords.filter { !ExactForms.contains(bytes, word: Array($0.utf8)) }
        }
        return ExactFormFactor(words: exactWords, missing: missing, weight: tuning.exactFormWeight,
                               factor: scorer.exact.factor(text))
    }
}
