import Testing
@testable import ModSearchCore

/// What a search does with the words as typed, and how it says so (issue: answers to the
/// question asked).
@Suite struct RewritesTests {
    private var corpus: Workspace { SearcherTests.shared }

    private func kinds(_ query: String) throws -> [QueryRewrite.Kind] {
        try corpus.search(query).rewrites.map(\.kind)
    }

    @Test func wordsTheIndexLacksAreNotTurnedIntoOtherWords() throws {
        for word in ["café", "naïve", "stats", "xyzzyq"] {
            let result = try corpus.search(word)
            #expect(result.rewrites == [QueryRewrite(.unknownWord, from: word, to: nil)], "\(word): \(result.rewrites)")
            #expect(result.hits.isEmpty && result.corrected == nil)
        }
    }

    @Test func aKnownWordBesideAnUnknownOneIsSearchedWithoutIt() throws {
        let result = try corpus.search("shame zebra")
        #expect(result.rewrites.map(\.kind) == [.unknownWord, .partial])
        #expect(result.total == .exactly(0), "no passage has both words")
        #expect(result.hits.count == 10 && result.hits.allSatisfy { $0.partial && $0.text.lowercased().contains("shame") })
        #expect(!result.hits.contains { $0.text.lowercased().contains("cobra") })
        #expect(result.searchedAsTyped, "nothing typed was replaced")
    }

    @Test func typosAreStillCorrectedAndSaySo() throws {
        let result = try corpus.search("compasion")
        #expect(result.rewrites == [QueryRewrite(.spelling, from: "compasion", to: "compassion")])
        #expect(result.corrected == "compassion" && !result.hits.isEmpty && !result.searchedAsTyped)
        #expect(try kinds("catastrophizing").contains(.ukSpelling))
    }

    @Test func exactSearchesTheWordsAsTyped() throws {
        let searcher = try Searcher(databasePath: corpus.database)
        let typo = try searcher.search(SearchOptions(query: "compasion", exact: true))
        #expect(typo.hits.isEmpty && typo.rewrites.isEmpty && typo.corrected == nil)
        let some = try searcher.search(SearchOptions(query: "shame zebra", exact: true))
        #expect(some.hits.isEmpty && some.rewrites.isEmpty)
        let us = try searcher.search(SearchOptions(query: "catastrophizing", exact: true))
        #expect(us.rewrites.isEmpty, "no UK form added (the stem still matches catastrophising)")
    }

    @Test func compoundsAndClassicalPluralsFindEachOther() throws {
        let counts = try ["meta-analysis", "meta analysis", "metaanalysis", "meta-analyses"].map {
            try corpus.search($0, limit: 0).total.estimate
        }
        #expect(counts[0] > 0 && Set(counts).count == 1, "\(counts)")
        #expect(try corpus.search("meta-analysis", limit: 0, section: ["evidence"]).total.estimate > 0)
        let wellbeing = try ["wellbeing", "well-being"].map { try corpus.search($0, limit: 0).total.estimate }
        #expect(wellbeing[0] > 0 && wellbeing[0] == wellbeing[1], "\(wellbeing)")
        let critical = try corpus.search("self-critical", limit: 100).hits.map(\.id)
        let criticism = try corpus.search("self criticism", limit: 100).hits.map(\.id)
        #expect(!Set(critical).isDisjoint(with: criticism))
    }

    @Test func aPlainQuestionFillsThePageAllWordsFirst() throws {
        let result = try corpus.search("how do I find an accredited practitioner")
        #expect(result.hits.count == 10)
        let strict = result.hits.prefix { !$0.partial }
        #expect(strict.count == result.total.estimate || strict.count == 10)
        #expect(result.hits.map(\.score) == result.hits.map(\.score).sorted(by: >), "passages with some words score below")
        #expect(try corpus.search("the").hits.count == 10, "a function word alone still finds passages")
        #expect(try corpus.search("shame or guilt").hits.count == 10, "lower-case or is a word")
    }

    @Test func operatorsKeepTheirMeaning() throws {
        for query in ["shame AND zebra", "\"shame zebra\"", "shame +zebra", "title:shame zebra"] {
            let result = try corpus.search(query)
            #expect(result.hits.isEmpty && !result.rewrites.contains { $0.kind == .partial }, "\(query)")
        }
    }
}
