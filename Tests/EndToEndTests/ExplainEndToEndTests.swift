import Foundation
import Testing

/// `modsearch explain` through the real binaries: through the daemon and in process, the same
/// hits as `search`, with parts that multiply back to each hit's score.
@Suite(.removingTemporaryFolders) struct ExplainEndToEndTests {
    /// The records of a JSON Lines output, as dictionaries.
    static func records(_ result: Harness.Result) throws -> [[String: Any]] {
        try result.lines.map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "\(line)")
        }
    }

    static func number(_ value: Any?) -> Double { (value as? NSNumber)?.doubleValue ?? .nan }

    @Test func explainRanksAsSearchAndItsPartsAddUp() throws {
        let session = try Session()
        for query in ["what helps with shame and self-criticism?", "\"window of tolerance\"", "compassion modality:MOD032",
                      "anxiety OR depression", "behaviour activation for low mood"] {
            let searched = try Self.records(try session.modsearch(["--json", "-n", "10", "--", query]))
                .filter { $0["type"] as? String == "hit" }
            var outputs: [String] = []
            for daemon in [["--no-daemon"], []] {
                let result = try session.modsearch(["explain", "--json", "-n", "10"] + daemon + ["--", query])
                #expect(result.status == 0, "\(query): \(result.stderr)")
                outputs.append(result.lines.filter { !$0.contains(#""type":"summary""#) }.joined(separator: "\n"))
                let records = try Self.records(result)
                #expect(records.first?["type"] as? String == "query" && records.last?["type"] as? String == "summary")
                let hits = records.filter { $0["type"] as? String == "hit" }
                let explanations = records.filter { $0["type"] as? String == "explanation" }
                #expect(hits.map { $0["id"] as? String } == searched.map { $0["id"] as? String }, "\(query)")
                #expect(hits.map { Self.number($0["score"]) } == searched.map { Self.number($0["score"]) })
                #expect(explanations.map { $0["hit"] as? String } == hits.map { $0["id"] as? String })
                for (hit, explanation) in zip(hits, explanations) { check(explanation, against: hit, query: query) }
            }
            #expect(outputs[0] == outputs[1], "the daemon and the process explain alike: \(query)")
        }
    }

    private func check(_ explanation: [String: Any], against hit: [String: Any], query: String) {
        let section = explanation["section"] as? [String: Any] ?? [:]
        let terms = section["terms"] as? [[String: Any]] ?? []
        let weight = Self.number(section["weight"])
        #expect(!terms.isEmpty || weight == 0, "\(query)")
        #expect(abs(terms.map { Self.number($0["weight"]) }.reduce(0, +) - weight) < 1e-9, "terms sum: \(query)")
        let partial = explanation["partial_scale"].map { Self.number($0) } ?? 1
        let product = weight * Self.number((explanation["passage"] as? [String: Any])?["factor"])
            * Self.number((explanation["exact_forms"] as? [String: Any])?["factor"]) * partial
        #expect(abs(product - Self.number(hit["score"])) <= 0.00005 + 1e-9, "\(query): \(hit["id"] ?? "")")
    }

    @Test func textSaysWhyAndStatusesAreSearchs() throws {
        let session = try Session()
        let text = try session.modsearch(["explain", "-n", "2", "shame", "self-criticism"])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.hasPrefix("query     shame self-criticism\n"))
        #expect(text.lines.contains { $0.hasPrefix("rewrite   synonyms: ") })
        #expect(text.lines.filter { $0.hasPrefix("   score ") && $0.contains(" = section ") }.count == 2, "\(text.stdout)")
        #expect(text.lines.contains { $0.contains("phrase (window 2)") })

        let nothing = try session.modsearch(["explain", "zzqxnonword"])
        #expect(nothing.status == 1, "nothing matched: \(nothing.stdout)")
        let bad = try session.modsearch(["explain", "--", "AND OR ("])
        #expect(bad.status == 2 && bad.stderr.split(separator: "\n").count == 1, "\(bad.stderr)")
        let usage = try session.modsearch(["explain"])
        #expect(usage.status == 2 && usage.stderr.contains("no query"), "\(usage.stderr)")
    }

    /// The README's example is this build's real output over `Corpus/`.
    @Test func theReadmeExampleIsReal() throws {
        let readme = try String(contentsOfFile: Harness.packageRoot.appendingPathComponent("README.md").path, encoding: .utf8)
        let prompt = "$ modsearch explain "
        let block = try #require(readme.components(separatedBy: "```console\n" + prompt).dropFirst().first?
            .components(separatedBy: "```").first)
        let arguments = block.prefix { $0 != "\n" }.split(separator: " ").map(String.init)
        let result = try Session().modsearch(["explain"] + arguments)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == String(block.drop { $0 != "\n" }.dropFirst()), "README, explain example")
    }
}
