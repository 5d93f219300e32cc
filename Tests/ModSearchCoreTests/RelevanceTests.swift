import Foundation
import Testing
import ModSearchCore

/// The judged queries of `Relevance/judgments.tsv` over `Corpus/`: what modsearch ships must
/// rank better than plain Xapian defaults, overall and for every kind of query.
@Suite struct RelevanceTests {
    @Test func shippedTuningBeatsPlainDefaults() throws {
        let url = try #require(Bundle.module.url(forResource: "judgments", withExtension: "tsv", subdirectory: "Relevance"))
        let judgments = Relevance.judgments(tsv: try String(contentsOf: url, encoding: .utf8))
        #expect(judgments.count >= 60)
        #expect(Set(judgments.map(\.kind)).count >= 9)

        var reports: [Relevance.Report] = []
        for tuning in [Tuning.standard, Tuning.plain] {
            let workspace = try Workspace()  // all of Corpus/, synonyms.txt included
            _ = try Indexer(databasePath: workspace.database, tuning: tuning).index([workspace.documents.path])
            reports.append(Relevance.evaluate(judgments, with: try Searcher(databasePath: workspace.database, tuning: tuning)))
        }
        let (shipped, plain) = (reports[0], reports[1])
        print("relevance as shipped:\n\(shipped.table)\nwith plain defaults:\n\(plain.table)")
        #expect(shipped.overall.mrr > plain.overall.mrr)
        for (kind, metrics) in shipped.byKind {
            #expect(metrics.mrr >= plain.byKind[kind]?.mrr ?? 0, "\(kind) ranks worse than with plain defaults")
        }
        // The parts this suite was written to show: other spellings, typos and abbreviations.
        for kind in ["spelling-us", "typo", "abbreviation"] {
            #expect((shipped.byKind[kind]?.mrr ?? 0) > (plain.byKind[kind]?.mrr ?? 0) + 0.1, "\(kind)")
        }
    }
}
