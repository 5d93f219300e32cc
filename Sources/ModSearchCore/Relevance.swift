/// Judged queries and the figures that say how well search answers them: top-1 and top-3
/// accuracy and mean reciprocal rank (MRR@10), per kind of query and overall.
public enum Relevance {
    public struct Judgment: Sendable {
        public var query: String
        /// Passage ids, or `MODnnn/section-slug` for any passage of that modality's section.
        public var expected: [String]
        public var kind: String

        func accepts(_ passage: PassageRecord) -> Bool {
            expected.contains { $0 == passage.id || $0 == "\(passage.modality)/\(passage.section)" }
        }
    }

    public struct Metrics: Sendable {
        public var count = 0
        public var top1 = 0
        public var top3 = 0
        public var reciprocalRanks = 0.0

        public var top1Accuracy: Double { count == 0 ? 0 : Double(top1) / Double(count) }
        public var top3Accuracy: Double { count == 0 ? 0 : Double(top3) / Double(count) }
        public var mrr: Double { count == 0 ? 0 : reciprocalRanks / Double(count) }

        mutating func add(rank: Int?) {
            count += 1
            guard let rank else { return }
            if rank == 1 { top1 += 1 }
            if rank <= 3 { top3 += 1 }
            reciprocalRanks += 1 / Double(rank)
        }
    }

    public struct Report: Sendable {
        public var byKind: [String: Metrics] = [:]
        public var overall = Metrics()
        /// Queries whose expected passage was not first: query, kind, rank (nil: not in the top 10).
        public var misses: [(query: String, kind: String, rank: Int?)] = []

        /// A Markdown table: one row per kind, then the overall row.
        public var table: String {
            var lines = ["| kind | queries | top-1 | top-3 | MRR |", "|---|---|---|---|---|"]
            func row(_ name: String, _ m: Metrics) -> String {
                "| \(name) | \(m.count) | \(percent(m.top1Accuracy)) | \(percent(m.top3Accuracy)) | \(fixed(m.mrr)) |"
            }
            for (kind, metrics) in byKind.sorted(by: { $0.key < $1.key }) { lines.append(row(kind, metrics)) }
            lines.append(row("**all**", overall))
            return lines.joined(separator: "\n")
        }
    }

    /// Reads a `query⇥expected⇥kind` file with a header line; `#` lines are comments.
    public static func judgments(tsv: String) -> [Judgment] {
        tsv.split(whereSeparator: \.isNewline).dropFirst().compactMap { line in
            guard !line.hasPrefix("#") else { return nil }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count >= 3, !fields[0].isEmpty else { return nil }
            return Judgment(query: fields[0], expected: fields[1].split(separator: "|").map(String.init), kind: fields[2])
        }
    }

    /// Runs every judged query (top 10) and scores where the first acceptable passage ranks.
    public static func evaluate(_ judgments: [Judgment], with searcher: Searcher) -> Report {
        var report = Report()
        for judgment in judgments {
            let hits = (try? searcher.search(SearchOptions(query: judgment.query, limit: 10)))?.hits ?? []
            let rank = hits.map(\.passage).firstIndex(where: judgment.accepts).map { $0 + 1 }
            report.byKind[judgment.kind, default: Metrics()].add(rank: rank)
            report.overall.add(rank: rank)
            if rank != 1 { report.misses.append((judgment.query, judgment.kind, rank)) }
        }
        return report
    }

    private static func percent(_ value: Double) -> String { "\(Int((value * 100).rounded()))%" }

    private static func fixed(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        return "\(hundredths / 100).\(hundredths % 100 < 10 ? "0" : "")\(hundredths % 100)"
    }
}
