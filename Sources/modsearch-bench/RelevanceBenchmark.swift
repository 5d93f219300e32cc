import ArgumentParser
import Foundation
import ModSearchCore

/// `modsearch-bench relevance`: the relevance suite with modsearch's tuning and with plain defaults.
struct RelevanceBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "relevance",
        abstract: "Top-1, top-3 and MRR per kind of query over Corpus/, as shipped and with plain Xapian defaults.")

    @Option(help: "Folder of documents (and synonyms.txt).") var corpus = "Corpus"
    @Option(help: "Judged queries (query⇥expected⇥kind).") var judgments = "Tests/ModSearchCoreTests/Relevance/judgments.tsv"
    @Flag(help: "Also list the queries whose expected passage did not come first.") var misses = false
    @Option(help: "Try another BM25 k1 (instead of the shipped value).") var k1: Double?
    @Option(help: "Try another BM25 b.") var b: Double?
    @Option(help: "Try another title weight.") var titleWeight: Int?
    @Option(help: "Try another heading weight.") var headingWeight: Int?
    @Option(help: "Try another passage share (0–1).") var passageShare: Double?
    @Option(help: "Try another weight of Definition and Explanation words.") var primaryTextWeight: Int?
    @Option(help: "Try another weight for exact (unstemmed) forms of the typed words.") var exactFormWeight: Double?

    func run() throws {
        let judged = Relevance.judgments(tsv: try String(contentsOfFile: judgments, encoding: .utf8))
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("modsearch-relevance-\(getpid())").path
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        var tried = Tuning.standard
        tried.k1 = k1 ?? tried.k1
        tried.b = b ?? tried.b
        tried.titleWeight = titleWeight ?? tried.titleWeight
        tried.headingWeight = headingWeight ?? tried.headingWeight
        tried.passageShare = passageShare ?? tried.passageShare
        tried.primaryTextWeight = primaryTextWeight ?? tried.primaryTextWeight
        tried.exactFormWeight = exactFormWeight ?? tried.exactFormWeight
        for (name, tuning) in [(tried == .standard ? "modsearch as shipped" : "modsearch with \(tried)", tried),
                               ("plain defaults (no synonyms, no spelling, equal field weights, BM25 k1=1)", Tuning.plain)] {
            let database = scratch + "/" + (tuning == .plain ? "plain" : "tuned")
            _ = try Indexer(databasePath: database, tuning: tuning).index([corpus])
            let report = Relevance.evaluate(judged, with: try Searcher(databasePath: database, tuning: tuning))
            print("\n\(name), \(judged.count) queries:\n\n\(report.table)")
            if misses {
                for miss in report.misses { print("  miss: [\(miss.kind)] \(miss.query) → \(miss.rank.map(String.init) ?? "not in top 10")") }
            }
        }
    }
}
