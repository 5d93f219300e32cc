import Foundation
import Testing
import ModSearchCore

/// The judged queries of `Relevance/judgments.tsv` over `Corpus/`, held to issue #7's targets:
/// MRR at least 0.85 overall and 0.7 for every kind of query. Plain Xapian defaults are run
/// beside them, so the gain of modsearch's choices stays visible in the output.
///
/// `Relevance/heldout.tsv` was written after the synonym list and spelling rules were tuned
/// against `judgments.tsv`, to show whether those changes carry over to queries they never saw.
@Suite struct RelevanceTests {
    static let overallTarget = 0.85
    static let kindTarget = 0.7

    static func judgments(_ name: String) throws -> [Relevance.Judgment] {
        let url = try #require(Bundle.module.url(forResource: name, withExtension: "tsv", subdirectory: "Relevance"))
        return Relevance.judgments(tsv: try String(contentsOf: url, encoding: .utf8))
    }

    static func evaluate(_ judgments: [Relevance.Judgment], tuning: Tuning) throws -> Relevance.Report {
        let workspace = try Workspace()  // all of Corpus/, synonyms.txt included
        _ = try Indexer(databasePath: workspace.database, tuning: tuning).index([workspace.documents.path])
        return Relevance.evaluate(judgments, with: try Searcher(databasePath: workspace.database, tuning: tuning))
    }

    @Test func shippedTuningMeetsTheTargets() throws {
        let judgments = try Self.judgments("judgments")
        #expect(judgments.count >= 60)
        #expect(Set(judgments.map(\.kind)).count >= 9)

        let shipped = try Self.evaluate(judgments, tuning: .standard)
        let plain = try Self.evaluate(judgments, tuning: .plain)
        print("relevance as shipped:\n\(shipped.table)\nwith plain defaults:\n\(plain.table)")

        var targets = shipped.byKind.mapValues { ($0.mrr, Self.kindTarget) }
        targets["all"] = (shipped.overall.mrr, Self.overallTarget)
        for (kind, (mrr, target)) in targets.sorted(by: { $0.key < $1.key }) {
            #expect(mrr >= target, "\(kind): MRR \(mrr) is below \(target)")
        }

        // Every part of the tuning must pay its way against Xapian out of the box.
        #expect(shipped.overall.mrr > plain.overall.mrr)
        for (kind, metrics) in shipped.byKind {
            #expect(metrics.mrr >= plain.byKind[kind]?.mrr ?? 0, "\(kind) ranks worse than with plain defaults")
        }
    }

    @Test func heldOutQueriesDoAsWell() throws {
        let judgments = try Self.judgments("heldout")
        #expect(judgments.count >= 20)
        let shipped = try Self.evaluate(judgments, tuning: .standard)
        print("held-out relevance as shipped:\n\(shipped.table)")
        #expect(shipped.overall.mrr >= Self.overallTarget)
    }
}
