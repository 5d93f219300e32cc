import Testing
@testable import ModSearchCore

/// The parts of the ranking that decide when to stop and what total to report.
@Suite struct RankingPartsTests {
    private func stops(_ rule: inout StopRule, _ weight: Double) -> Bool { rule.stops(before: weight) }

    @Test func theScanGoesOnUntilThePageIsFull() {
        var rule = StopRule(wanted: 2, lookahead: 5)
        #expect(!stops(&rule, 0.1), "nothing read yet")
        rule.record(top: 3)
        #expect(!stops(&rule, 0.1), "one section of the two wanted")
        rule.record(top: 5)
        #expect(rule.pageIsFull)
        #expect(rule.tops == [5, 3], "best first")
    }

    @Test func itStopsWhenNoLaterSectionCanEnterThePage() {
        var rule = StopRule(wanted: 2, lookahead: 5)
        rule.record(top: 5)
        rule.record(top: 3)
        #expect(!stops(&rule, 4), "a section of weight 4 may hold a passage above 3")
        #expect(stops(&rule, 3), "one of weight 3 cannot beat the second best")
        #expect(stops(&rule, 2.5))
    }

    @Test func itLooksAheadOnlySoFar() {
        var rule = StopRule(wanted: 1, lookahead: 2)
        rule.record(top: 1)
        #expect(!stops(&rule, 9))
        rule.record(top: 0.5)
        #expect(!stops(&rule, 9))
        #expect(stops(&rule, 9), "the third section past a full page")
    }

    @Test func aTotalIsExactWhenTheWholeListWasRead() {
        var ceilingRead = false
        let total = TotalEstimate.total(found: 7, sample: (3, 7), exhausted: true, sectionEstimate: 40,
                                        ceiling: { ceilingRead = true; return 1000 })
        #expect(total == .exactly(7) && total.isExact)
        #expect(!ceilingRead, "an exact total needs no bound")
    }

    @Test func anEstimateExtrapolatesWithinItsBounds() {
        let total = TotalEstimate.total(found: 9, sample: (3, 6), exhausted: false, sectionEstimate: 10,
                                        ceiling: { 100 })
        #expect(total == MatchCount(estimate: 20, lower: 9, upper: 100), "two passages a sampled section, ten sections")
        let same = TotalEstimate.total(found: 15, sample: (3, 6), exhausted: false, sectionEstimate: 10,
                                       ceiling: { 100 })
        #expect(same.estimate == 20, "more sections read for a longer page: the same estimate")
        let fewer = TotalEstimate.total(found: 8, sample: (3, 6), exhausted: false, sectionEstimate: 1,
                                        ceiling: { 100 })
        #expect(fewer.estimate == 8, "never below what was found")
        let capped = TotalEstimate.total(found: 6, sample: (1, 6), exhausted: false, sectionEstimate: 50,
                                         ceiling: { 100 })
        #expect(capped == MatchCount(estimate: 100, lower: 6, upper: 100), "never above what the index holds")
    }

    @Test func pagesAreCutAfterTheOffsetInScoreOrder() {
        let page = PageRequest(offset: 1, limit: 2)
        #expect(page.wanted == 3 && !page.countsEveryMatch)
        #expect(PageRequest(limit: 0).countsEveryMatch, "a count reads every match")
        #expect(PageRequest(offset: Int.max, limit: Int.max).wanted == SearchOptions.maxOffset + SearchOptions.maxLimit)
    }

    @Test func scorerKeepsTheBestPassageWholeAndShadesTheRest() {
        let scorer = PassageScorer(passageShare: 0.5, exact: ExactForms(words: ["critic"], weight: 0.2))
        let texts = [1: "the inner critics", 2: "an inner critic", 3: "critic"]
        let factors = scorer.factors([(ordinal: 1, score: 4), (ordinal: 2, score: 2), (ordinal: 3, score: 2)]) {
            texts[$0] ?? ""
        }
        #expect(factors.map(\.ordinal) == [1, 2, 3], "best first, ties by ordinal")
        #expect(factors.map(\.factor) == [0.8, 0.75, 0.75], "the best lacks the typed form: 1 − 0.2; the others half shaded")
    }
}

/// Totals through the whole search: exact where every match was read, and a count agrees.
@Suite struct SearchTotalsTests {
    @Test(arguments: ["self-criticism", "compassion", "trauma body", "shame OR guilt", "\"inner critic\"",
                      "therapy", "the", "section:evidence trials", "meta-analyses"])
    func totalsAgreeWithTheCount(query: String) throws {
        let workspace = SearcherTests.shared
        let counted = try workspace.search(query, limit: 0)
        #expect(counted.total.isExact)
        let passages = try Searcher(databasePath: workspace.database).stats().passages
        for limit in [1, 10, 100] {
            let total = try workspace.search(query, limit: limit).total
            #expect(total.lower <= counted.total.estimate && counted.total.estimate <= total.upper,
                    "\(query) -n \(limit): \(total) against \(counted.total)")
            #expect(total.upper <= passages, "\(query) -n \(limit): no more than the index holds")
            if total.isExact { #expect(total == counted.total, "\(query) -n \(limit)") }
        }
        let estimates = try [1, 10, 100].map { try workspace.search(query, limit: $0).total.estimate }
        #expect(Set(estimates).count == 1, "\(query): the same total for -n 1, 10 and 100: \(estimates) (count \(counted.total.estimate))")
    }
}

/// Totals of match lists too long to count on every search: estimated from a fixed sample.
@Suite struct EstimatedTotalsTests {
    static let sections = ["Definition", "Explanation", "Evidence to Efficacy", "Neuroscience and Physiology",
                           "Governing Body", "What Good Looks Like", "What to Ask a Practitioner",
                           "Self-Study Resources", "Related Therapies"]
    static let words = ["alpha", "beta", "gamma", "delta", "omega", "kappa", "sigma", "theta"]

    /// 60 documents of 9 sections, each of three passages of words drawn with a fixed seed.
    static let workspace: Workspace = {
        var state: UInt64 = 7
        func word() -> String {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return words[Int(state >> 33) % words.count]
        }
        var documents: [String: String] = [:]
        for number in 0..<60 {
            var text = "MOD\(7000 + number) – Synthetic \(number)\n\n"
            for heading in sections {
                text += heading + "\n\n"
                for _ in 0..<3 { text += (0..<6).map { _ in word() }.joined(separator: " ") + ".\n\n" }
            }
            documents["mod\(7000 + number).txt"] = text
        }
        let workspace = try! Workspace(documents: documents)
        try! workspace.index()
        return workspace
    }()

    @Test(arguments: ["alpha", "alpha beta", "\"gamma delta\"", "omega OR kappa"])
    func estimatesDoNotMoveWithThePageSize(query: String) throws {
        let counted = try Self.workspace.search(query, limit: 0).total
        #expect(counted.isExact)
        let passages = try Searcher(databasePath: Self.workspace.database).stats().passages
        let totals = try [1, 10, 100].map { try Self.workspace.search(query, limit: $0).total }
        #expect(Set(totals.map(\.estimate)).count == 1, "\(query): \(totals)")
        if query == "alpha" { #expect(!totals[0].isExact, "more sections than are counted on every search") }
        for total in totals {
            #expect(total.isExact ? total == counted : total.lower <= counted.estimate && counted.estimate <= total.upper,
                    "\(query): \(total) against the count \(counted)")
            #expect(total.lower <= total.estimate && total.estimate <= total.upper && total.upper <= passages)
        }
    }
}
