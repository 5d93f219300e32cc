import Foundation
import Testing
@testable import ModSearchCore
import ModalityDocs
import XapianKit

/// Pair terms (`Schema.Prefix.pair`): an exact phrase is filtered by the terms of its words'
/// pairs, so every section holding the phrase must hold them, or the phrase would lose matches.
@Suite struct PairTermsTests {
    @Test func anExactPhraseOfWordsIsFilteredByItsPairsAndNothingElseIs() throws {
        let filtered = try QueryTreeTests.compiled(#""emotion regulation skills""#).xapianQuery().description
        let pairs = [try Schema.pairTerm("emot", "regul"), try Schema.pairTerm("regul", "skill")].compactMap { $0 }
        #expect(pairs.count == 2)
        #expect(filtered.contains("FILTER") && pairs.allSatisfy(filtered.contains), "\(filtered)")
        // A function word's pairs are not indexed, a field's words have none, and NEAR or a wider
        // window does not need its words side by side.
        for query in [#""window of tolerance""#, #"title:"compassion focused""#, "emotion NEAR regulation",
                      "emotion ADJ/2 regulation", "emotion regulation"] {
            let description = try QueryTreeTests.compiled(query).xapianQuery().description
            #expect(!description.contains(Schema.Prefix.pair), "\(query): \(description)")
        }
        #expect(try Schema.pairTerm("the", "bodi") == nil)
    }

    /// Runs of two and three words of `Corpus/` (a few hundred, taken across its files), and a few
    /// phrases that hold nowhere: the filtered phrase matches every section whose positions hold
    /// it, and only sections holding its words.
    @Test func everyPhraseOfTheCorpusMatchesEverySectionItsPositionsHold() throws {
        let workspace = try Workspace()
        try workspace.index()
        let database = try Database(path: workspace.database)
        let stemmer = try Stemmer(language: Schema.stemmer)
        var phrases: [[String]] = [["emotion", "regulation"], ["inner", "critic"], ["randomised", "critic"],
                                   ["compassion", "focused", "therapy"], ["therapy", "compassion"]]
        let files = try FileManager.default.contentsOfDirectory(atPath: Workspace.corpus.path).filter { $0.hasSuffix(".txt") }
        for file in files.sorted() {
            let text = try String(contentsOf: Workspace.corpus.appendingPathComponent(file), encoding: .utf8)
            let words = text.lowercased().split { !$0.isLetter }.map(String.init)
            for start in stride(from: 0, to: max(words.count - 3, 0), by: 61) {
                phrases.append(Array(words[start..<start + 2 + start % 2]))
            }
        }
        #expect(phrases.count > 300)
        var filtered = 0
        var matched = 0
        for words in phrases {
            let terms = words.enumerated().map { QueryTree.Term(name: "Z" + stemmer.stem($1), position: $0 + 1) }
            let tree = QueryTree.phrase(terms, window: terms.count)
            let query = try tree.xapianQuery()
            if query.description.contains(Schema.Prefix.pair) { filtered += 1 }
            let words = try Self.sections(matching: tree.xapianQuery(asParsed: true), in: database)
            let matcher = try PassageMatcher(query: tree, database: database)
            let holding = try words.filter { !(try matcher.satisfying(in: $0)).isEmpty }
            let found = try Self.sections(matching: query, in: database)
            #expect(holding.isSubset(of: found) && found.isSubset(of: words), "\(words)")
            if !holding.isEmpty { matched += 1 }
        }
        #expect(filtered > phrases.count / 3, "\(filtered) of \(phrases.count) phrases filtered")
        #expect(matched > phrases.count / 2, "\(matched) of \(phrases.count) phrases matched")
    }

    static func sections(matching query: Query, in database: Database) throws -> Set<DocID> {
        let enquire = try Enquire(database: database, query: query, weighting: .boolean)
        return Set(try enquire.mset(maxItems: try database.documentCount).map(\.docID))
    }

    /// A phrase in more sections than are counted exactly gets an estimated total: from Xapian's
    /// statistics of the phrase without its pair filters, which Xapian would take for independent
    /// of the words and so estimate several times too low. Here both words are in each of 2,250
    /// sections, side by side in one of four (Xapian's guess for a phrase: a quarter of its words'
    /// AND, so the estimate is close), the pair's term in a quarter of the sections.
    @Test func aPhraseInManySectionsIsEstimatedFromItsWordsNotItsPairs() throws {
        var documents: [String: String] = [:]
        for number in 0..<250 {
            let id = String(format: "MOD%03d", 300 + number)
            var text = "\(id) – Pair Sample \(number)\n\n"
            for (index, section) in CanonicalSection.all.enumerated() {
                let phrase = (number + index) % 4 == 0 ? "quiet lantern harbour" : "harbour quiet lantern"
                text += section.heading + "\n\nA \(phrase) stands by the meadow and the ember.\n\n"
            }
            documents["\(id.lowercased())-pair-sample.txt"] = text
        }
        let workspace = try Workspace(documents: documents)
        try workspace.index()
        let exact = try workspace.search(#""lantern harbour""#, limit: 10, facets: true).total
        let estimated = try workspace.search(#""lantern harbour""#, limit: 10).total
        #expect(exact.lower == exact.upper && exact.estimate > 500, "\(exact)")
        #expect(estimated.lower < estimated.upper, "an estimate: \(estimated)")
        #expect(abs(estimated.estimate - exact.estimate) * 4 <= exact.estimate,
                "\(estimated.estimate) estimated, \(exact.estimate) match")
    }
}
