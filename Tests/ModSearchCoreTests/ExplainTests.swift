import Foundation
import Testing
import XapianKit
@testable import ModSearchCore

/// `explain` takes every hit's score apart: the parts must multiply back to the score `search`
/// shows, the section's terms must add up to Xapian's own weight, and the ranking must be
/// search's.
@Suite struct ExplainTests {
    /// The benchmark mix, plain-language questions (partial matches, function words, UK forms,
    /// compounds, typos, synonyms) and the operators of the query language.
    static let questions = [
        "what helps with shame and self-criticism?", "how do therapists work with trauma held in the body",
        "behavior activation for depression", "metaanalysis of mindfulness", "transferrence", "compasion focused",
        "is there evidence for couples therapy", "grief after losing a parent", "wellbeing", "anger",
    ]
    static let operators = [
        "trauma -body", "compassion NOT shame", "shame AND_MAYBE guilt", "critic NEAR/3 inner",
        "title:compassion", "heading:evidence therapy", "(anxiety OR panic) AND exposure", "emotion ADJ regulation",
        "relat*", "related:MOD032",
    ]
    static var mix: [String] {
        let file = Workspace.packageRoot.appendingPathComponent("Benchmarks/queries.txt")
        let benchmark = ((try? String(contentsOf: file, encoding: .utf8)) ?? "").split(separator: "\n")
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty && !$0.hasPrefix("#") }
        return benchmark + questions + operators
    }

    @Test func thePartsOfEveryScoreAddUpToIt() throws {
        let workspace = try Workspace()
        try workspace.index()
        let searcher = try Searcher(databasePath: workspace.database)
        #expect(Self.mix.count > 30)
        var seen = (hits: 0, partial: 0, synonyms: 0, shaded: 0, inexact: 0, fields: 0)
        for query in Self.mix {
            for grouping in [nil, PassageGrouping.modality] {
                let options = SearchOptions(query: query, limit: 20, grouping: grouping)
                let explained = try searcher.explain(options)
                let searched = try searcher.search(options)
                #expect(explained.search.hits == searched.hits, "explain ranks \(query) as search does")
                #expect(explained.search.total == searched.total)
                #expect(explained.hits.map(\.id) == searched.hits.map(\.id))
                for (hit, explanation) in zip(searched.hits, explained.hits) {
                    check(explanation, against: hit, query: query)
                    seen.hits += 1
                    if explanation.partial != nil { seen.partial += 1 }
                    if explanation.section.terms.contains(where: { $0.factor < 1 }) { seen.synonyms += 1 }
                    if explanation.passage.factor < 1 { seen.shaded += 1 }
                    if explanation.exactForms.factor < 1 { seen.inexact += 1 }
                    if explanation.section.terms.contains(where: { $0.occurrences.title + $0.occurrences.heading > 0 }) {
                        seen.fields += 1
                    }
                }
            }
        }
        // Every part is exercised somewhere in the mix, so none of the checks is vacuous.
        #expect(seen.hits > 500 && seen.partial > 0 && seen.synonyms > 0 && seen.shaded > 0 && seen.inexact > 0
                    && seen.fields > 0, "\(seen)")
    }

    private func check(_ explanation: ScoreExplanation, against hit: PassageHit, query: String,
                       sourceLocation: SourceLocation = #_sourceLocation) {
        let context = "\(query): \(hit.id)"
        let section = explanation.section
        let termSum = section.terms.map(\.weight).reduce(0, +)
        #expect(abs(termSum - section.weight) < 1e-9, "terms add up to Xapian's weight: \(context)",
                sourceLocation: sourceLocation)
        for term in section.terms {
            let counted = term.occurrences
            #expect(counted.title * counted.titleWeight + counted.heading * counted.headingWeight
                        + counted.text * counted.textWeight == term.wdf, "wdf from its fields: \(context) \(term.name.term)",
                    sourceLocation: sourceLocation)
        }
        let share = explanation.passage
        // A query of filters alone weighs no passage: each keeps its section's whole weight.
        let relative = share.best > 0 ? share.local / share.best : 1
        #expect(abs(share.factor - (1 - share.share + share.share * relative)) < 1e-9 && share.local <= share.best,
                "passage share: \(context)", sourceLocation: sourceLocation)
        let exact = explanation.exactForms
        let expectedExact = exact.words.isEmpty
            ? 1 : 1 - exact.weight * Double(exact.missing.count) / Double(exact.words.count)
        #expect(abs(exact.factor - expectedExact) < 1e-12, "exact forms: \(context)", sourceLocation: sourceLocation)
        let product = section.weight * share.factor * exact.factor * (explanation.partial?.scale ?? 1)
        #expect(abs(product - explanation.score) < 1e-9, "parts multiply to the score: \(context)",
                sourceLocation: sourceLocation)
        #expect(abs(explanation.score - hit.score) <= 0.00005 + 1e-12, "score shown by search: \(context)",
                sourceLocation: sourceLocation)
        #expect((explanation.partial != nil) == hit.partial, sourceLocation: sourceLocation)
    }

    /// The formula, term by term, against Xapian's weight of a one-term query for each weighting.
    @Test func theBM25FormulaIsXapians() throws {
        let workspace = try Workspace()
        try workspace.index()
        let database = try Database(path: workspace.database)
        let averageLength = try database.averageLength
        for weighting in [Tuning.standard.weighting, Tuning.standard.partialWeighting, Tuning.plain.weighting] {
            let formula = try #require(BM25Formula(weighting, documents: try database.documentCount,
                                                   averageLength: averageLength))
            for term in ["Zcompass", "Ztherapi", "Zshame", "ZScompass", "Zpolyvag"] {
                let enquire = try Enquire(database: database)
                try enquire.setQuery(Query(term: term))
                try enquire.setWeighting(weighting)
                let matches = try enquire.mset(first: 0, maxItems: 5)
                #expect(!matches.isEmpty, "\(term) is in the corpus")
                let idf = formula.idf(sections: try database.termFrequency(term))
                for item in matches {
                    let wdf = try database.document(item.docID).terms().first { $0.term == term }?.wdf ?? 0
                    let normLength = formula.normLength(try database.documentLength(item.docID))
                    let part = formula.part(wdf: wdf, normLength: normLength, factor: 1, idf: idf)
                    #expect(abs(part - item.weight) < 1e-9, "\(term) in \(item.docID): \(part) vs \(item.weight)")
                }
            }
        }
    }

    @Test func theQueryIsShownAsSearched() throws {
        let workspace = try Workspace()
        try workspace.index()
        let searcher = try Searcher(databasePath: workspace.database)
        let explained = try searcher.explain(SearchOptions(query: "\"inner critic\" title:compassion -shame",
                                                           modalities: ["MOD032"]))
        let tree = explained.query.tree
        #expect(tree.op == "filter", "the modality filter")
        func ops(_ node: QueryNode) -> [String] { [node.op] + node.children.flatMap(ops) }
        #expect(ops(tree).contains("phrase") && ops(tree).contains("and_not"))
        func terms(_ node: QueryNode) -> [TermName] { (node.term.map { [$0] } ?? []) + node.children.flatMap(terms) }
        #expect(terms(tree).contains(TermName(term: "ZScompass", field: "title", value: "compass")))
        #expect(terms(tree.children[1]) == [TermName(term: "XMmod032", field: "modality", value: "mod032")])
        let weighted = Set(explained.query.terms.map(\.name.term))
        #expect(weighted.contains("Zinner") && weighted.contains("ZScompass") && !weighted.contains("Zshame"),
                "a negated word adds no weight")
        #expect(explained.query.terms.allSatisfy { $0.sections > 0 && $0.idf > 0 })

        let question = try searcher.explain(SearchOptions(query: "behavior activation"))
        #expect(question.query.partialTree != nil && question.query.partialWeighting?.b == Tuning.standard.partialB)
    }
}
