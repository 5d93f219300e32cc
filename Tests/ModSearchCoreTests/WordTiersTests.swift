import Foundation
import Testing
@testable import ModSearchCore
import ModalityDocs
import XapianKit

/// Word tiers (`Schema.Prefix.wordTier`): the indexer marks the sections where a word weighs
/// most, and a one-word search ranks those alone while its scan stays among them. Read that
/// way, the ranking must be Xapian's ranking of the whole list, item for item, and every search
/// the same as over the same index without the marks.
@Suite struct WordTiersTests {
    /// Words whose stems are themselves, so that `Z` + word is the term.
    static let words = ["lantern", "harbour", "meadow", "ember", "kestrel"]

    /// 40 modalities of nine sections (360 sections, more than are ever counted exactly), each
    /// word in most of them 1 to 12 times (`ember` up to 60), so that many sections tie and the
    /// tiers span many wdfs (a Definition or Explanation word counts twice).
    static func documents() -> [String: String] {
        var seed: UInt64 = 0x5eed
        func next(_ bound: Int) -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((seed >> 33) % UInt64(bound))
        }
        var documents: [String: String] = [:]
        for number in 0..<40 {
            let id = String(format: "MOD%03d", 700 + number)
            var text = "\(id) – Tier Sample \(number)\n\n"
            for section in CanonicalSection.all {
                text += section.heading + "\n\n"
                for _ in 0..<2 {
                    var passage = ["plain", "filler", "text", "here"]
                    for word in words {
                        // "ember" up to 120 times a section, so that it reaches the high tiers.
                        passage += Array(repeating: word, count: next(word == "ember" ? 61 : 13) / 2)
                    }
                    for index in passage.indices.reversed() { passage.swapAt(index, next(index + 1)) }
                    text += passage.joined(separator: " ") + ".\n\n"
                }
            }
            documents["\(id.lowercased())-tier-sample.txt"] = text
        }
        return documents
    }

    /// The index, and a copy of it without the word tiers.
    static let indexes: (tiered: Workspace, plain: String) = {
        let workspace = try! Workspace(documents: documents())
        try! workspace.index()
        let plain = workspace.root.appendingPathComponent("plain").path
        try! FileManager.default.copyItem(atPath: workspace.database, toPath: plain)
        let database = try! WritableDatabase(path: plain)
        var marked = Set<DocID>()
        for term in try! database.allTerms(prefix: Schema.Prefix.wordTier) {
            marked.formUnion(try! database.postings(of: term))
        }
        for id in marked {
            let document = try! database.document(id)
            for (term, _) in try! document.terms() where term.hasPrefix(Schema.Prefix.wordTier) {
                try! document.removeTerm(term)
            }
            try! database.replaceDocument(id, with: document)
        }
        try! database.commit()
        return (workspace, plain)
    }()

    @Test func eachWordOfASectionOfWDF6OrMoreIsMarkedWithItsWDF() throws {
        let database = try Database(path: Self.indexes.tiered.database)
        var marks = 0
        for id in try database.postings(of: "Qmod700/definition") + database.postings(of: "Qmod739/related-therapies") {
            let terms = try database.document(id).terms()
            let expected = Set(terms.compactMap { term, wdf -> String? in
                guard let stem = Schema.stem(ofWordTerm: term), wdf >= Schema.firstWordTier else { return nil }
                return Schema.wordTierTerm(stem: String(stem), wdf: wdf)
            })
            let found = Set(terms.map(\.term).filter { $0.hasPrefix(Schema.Prefix.wordTier) })
            #expect(found == expected)
            #expect(terms.filter { $0.term.hasPrefix(Schema.Prefix.wordTier) }.allSatisfy { $0.wdf == 0 })
            marks += found.count
        }
        #expect(marks > 0, "the sample's sections reach the tiers")
    }

    @Test(arguments: words)
    func aWordsRankingReadFromItsTiersIsXapiansRankingOfTheWholeList(_ word: String) throws {
        let database = try Database(path: Self.indexes.tiered.database)
        let tree = QueryTree.term(.init(name: Schema.Prefix.stem + word))
        let query = try tree.xapianQuery()
        let weighting = Tuning.standard.weighting
        func enquiry(_ query: Query) throws -> Enquire {
            try Enquire(database: database, query: query, weighting: weighting)
        }
        let whole = try enquiry(query)
        // A tier of one section upwards: most ranges end past the tiers' list, which the whole
        // list then serves, and some lie in the tiers' list; one reader for them all, as a scan.
        for needed in [1, 40, 150] {
            let tiers = try #require(try WordTiers(weighing: tree, weighting: weighting, needed: needed,
                                                   database: database))
            let top = try Enquire(database: database, query: tiers.top, weighting: tiers.weighting)
            #expect(try tiers.length == top.mset(maxItems: 1_000).count, "one tier term a section")
            var parts = RankedSections(try enquiry(query), top: top, topLength: tiers.length)
            for (start, count) in [(0, 20), (20, 80), (100, 320), (0, 400), (350, 50), (0, 5), (5, 15)] {
                let expected = try whole.mset(first: start, maxItems: count).map(Self.described)
                let found = try parts.sections(from: start, count: count).map(Self.described)
                #expect(found == expected, "\(word), tier of \(needed)+, sections \(start) + \(count)")
            }
        }
    }

    @Test(arguments: words)
    func aFilteredWordsRankingReadFromItsTiersIsXapiansRankingOfTheWholeList(_ word: String) throws {
        let database = try Database(path: Self.indexes.tiered.database)
        let filters = ["XSdefinition", "XSevidence-to-efficacy", "XMmod705"].map { QueryTree.term(.init(name: $0)) }
        let tree = QueryTree.filter(.term(.init(name: Schema.Prefix.stem + word)), .or(filters))
        let weighting = Tuning.standard.weighting
        let whole = try Enquire(database: database, query: try tree.xapianQuery(), weighting: weighting)
        let tiers = try #require(try WordTiers(weighing: tree, weighting: weighting, needed: 150, database: database))
        let top = try Enquire(database: database, query: tiers.top, weighting: tiers.weighting)
        let topLength = try top.mset(maxItems: 1_000).count
        #expect(topLength > 5 && topLength < 150, "the filter keeps some of the tiers' sections")
        var parts = RankedSections(whole, top: top)
        for (start, count) in [(0, 5), (0, topLength), (5, 10), (topLength - 2, 10)] {
            let expected = try whole.mset(first: start, maxItems: count).map(Self.described)
            let found = try parts.sections(from: start, count: count).map(Self.described)
            #expect(found == expected, "\(word) filtered, sections \(start) + \(count)")
        }
    }

    static func described(_ item: MSetItem) -> String { "\(item.docID) \(item.weight) \(item.percent)%" }

    @Test func theTiersOfEmberReachHigh() throws {
        let database = try Database(path: Self.indexes.tiered.database)
        let highest = try database.allTerms(prefix: Schema.wordTierPrefix(stem: "ember"))
            .compactMap { Schema.wdf(ofWordTier: $0, stem: "ember") }.max()
        #expect((highest ?? 0) >= 64)
    }

    @Test func tiersServeOnlyAWordsOwnWeightUnderBM25WithoutLengths() throws {
        let database = try Database(path: Self.indexes.tiered.database)
        func tiers(_ tree: QueryTree, _ weighting: Enquire.Weighting = Tuning.standard.weighting) throws -> WordTiers? {
            try WordTiers(weighing: tree, weighting: weighting, needed: 100, database: database)
        }
        let lantern = QueryTree.term(.init(name: "Zlantern"))
        #expect(try tiers(lantern) != nil)
        let filtered = try tiers(.filter(lantern, .term(.init(name: "XSdefinition"))))
        #expect(filtered != nil, "a filter adds no weight")
        #expect(filtered?.length == nil, "the filter's share of the tiers is not known")
        #expect(try tiers(lantern, Tuning.standard.partialWeighting) == nil, "lengths count under b > 0")
        #expect(try tiers(lantern, Tuning.plain.weighting) == nil)
        #expect(try tiers(.or([lantern, .term(.init(name: "Zember"))])) == nil, "two words")
        #expect(try tiers(.term(.init(name: "ZSlantern"))) == nil, "a field's term")
        #expect(try WordTiers(weighing: lantern, weighting: Tuning.standard.weighting,
                              needed: 100, database: Database(path: Self.indexes.plain)) == nil, "no marks")
    }

    @Test(arguments: words)
    func searchesAreTheSameWithAndWithoutTheTiers(_ word: String) throws {
        let tiered = try Searcher(databasePath: Self.indexes.tiered.database)
        let plain = try Searcher(databasePath: Self.indexes.plain)
        let pages = [SearchOptions(query: word, limit: 1), SearchOptions(query: word),
                     SearchOptions(query: word, offset: 10, limit: 10), SearchOptions(query: word, limit: 30),
                     SearchOptions(query: word, sections: ["evidence"]),
                     SearchOptions(query: word, modalities: ["MOD705", "MOD731"]),
                     SearchOptions(query: word, grouping: .modality), SearchOptions(query: word, limit: 0)]
        for options in pages {
            let expected = try plain.search(options)
            let found = try tiered.search(options)
            #expect(found.hits == expected.hits, "\(options)")
            #expect(found.total == expected.total, "\(options)")
            #expect(!found.hits.isEmpty || options.limit == 0)
        }
    }
}
