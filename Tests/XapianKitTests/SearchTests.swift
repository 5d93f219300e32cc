import Testing
import XapianKit

@Suite struct SearchTests {
    /// A fresh database holding the sample passages.
    func withSampleDatabase(strategy: StemmingStrategy = .some, _ body: (WritableDatabase) throws -> Void) throws {
        try withTempDirectory { dir in
            let db = try WritableDatabase(path: dir + "/db")
            try index(samplePassages, into: db, strategy: strategy)
            try body(db)
        }
    }

    @Test func malformedQueryThrowsQueryParserError() throws {
        try withSampleDatabase { db in
            let qp = try makeParser(db)
            let error = try #require(throws: XapianError.self) { try qp.parseQuery("AND OR (") }
            #expect(error.kind == "QueryParserError")
            #expect(error.message == "Syntax: <expression> AND <expression>")
            // Unbalanced brackets and quotes are accepted.
            _ = try qp.parseQuery("(foo", flags: .default)
            _ = try qp.parseQuery("\"unterminated", flags: .default)
        }
    }

    @Test func unknownStemmerThrows() throws {
        let qp = QueryParser()
        let error = try #require(throws: XapianError.self) { try qp.setStemmer("klingon") }
        #expect(error.kind == "InvalidArgumentError")
        try qp.setStemmer("none")
        try qp.setStemmer("")
    }

    @Test func booleanPrefixFilters() throws {
        try withSampleDatabase { db in
            let qp = try makeParser(db)
            try qp.addBooleanPrefix("modality", "XM")
            try qp.addBooleanPrefix("section", "XS")
            let enquire = try Enquire(database: db)

            try enquire.setQuery(try qp.parseQuery("therapy modality:mod032"))
            #expect(try ids(enquire.mset(maxItems: 10), in: db) == ["a1"])

            // Same field ORs, different fields AND.
            try enquire.setQuery(try qp.parseQuery("modality:mod032 modality:mod010 section:definition"))
            #expect(Set(try ids(enquire.mset(maxItems: 10), in: db)) == ["a1", "b1"])

            // A capitalised value gets a ':' inserted, so it no longer matches.
            let upper = try qp.parseQuery("modality:MOD032")
            #expect(upper.description.contains("XM:MOD032"))

            // The filter alone matches without weight.
            try enquire.setQuery(try qp.parseQuery("section:evidence-to-efficacy"))
            let filtered = try enquire.mset(maxItems: 10)
            #expect(filtered.count == 2)
            #expect(filtered.allSatisfy { $0.weight == 0 })
        }
    }

    @Test func freeTextPrefix() throws {
        try withTempDirectory { dir in
            let db = try WritableDatabase(path: dir + "/db")
            let tg = TermGenerator()
            try tg.setStemmer("english")
            let doc = Document()
            tg.document = doc
            try tg.indexText("Compassion-focused Therapy", prefix: "S")
            tg.increaseTermPosition()
            try tg.indexText("Body text about kindness")
            #expect(tg.termPosition > 100)
            try doc.addBooleanTerm("Qp")
            try db.replaceDocument(uniqueTerm: "Qp", doc)
            try db.commit()
            #expect(try db.termExists("Scompassion"))
            #expect(try db.termExists("ZStherapi"))

            let qp = try makeParser(db)
            try qp.addPrefix("title", "S")
            let enquire = try Enquire(database: db)
            try enquire.setQuery(try qp.parseQuery("title:therapy"))
            #expect(try enquire.mset(maxItems: 10).count == 1)
            try enquire.setQuery(try qp.parseQuery("title:kindness"))
            #expect(try enquire.mset(maxItems: 10).isEmpty)
        }
    }

    @Test func spellingSuggestionsAndFrequencies() throws {
        try withTempDirectory { dir in
            let db = try WritableDatabase(path: dir + "/db")
            try index(samplePassages, into: db, spelling: true)
            try db.addSpelling("mindfulness", frequencyIncrement: 5)
            try db.commit()
            #expect(try db.spellingSuggestion(for: "mindfulnes") == "mindfulness")
            #expect(try db.spellingSuggestion(for: "depresion") == "depression")   // from indexing
            #expect(try db.spellingSuggestion(for: "zzzzqqq") == nil)

            #expect(try db.spellingFrequency(of: "mindfulness") == 6)   // once indexed, 5 added
            #expect(try db.spellingWords(prefix: "mind").map(\.word) == ["mindfulness"])
            try db.removeSpelling("mindfulness", frequencyDecrement: 5)
            #expect(try db.spellingFrequency(of: "mindfulness") == 1)
            try db.removeSpelling("mindfulness")
            try db.commit()
            #expect(try db.spellingFrequency(of: "mindfulness") == 0)
        }
    }

    @Test func collapseKeyKeepsOnePerGroup() throws {
        try withSampleDatabase { db in
            let enquire = try Enquire(database: db)
            let terms = ["therapi", "Ztherapi", "Zdepress", "Ztrial", "Zcognit", "Zthe"]
            try enquire.setQuery(Query(.or, terms.map { Query(term: $0) }))
            let all = try enquire.mset(maxItems: 10)
            enquire.setCollapseKey(0)
            let collapsed = try enquire.mset(maxItems: 10)
            #expect(all.count > collapsed.count)
            let modalities = try collapsed.map { try db.valueBytes(slot: 0, of: $0.docID) }
            #expect(Set(modalities).count == modalities.count)
            #expect(collapsed.contains { $0.collapseCount > 0 })
            enquire.setCollapseKey(nil)
            #expect(try enquire.mset(maxItems: 10).count == all.count)
        }
    }

    @Test func relevanceFeedbackExpandsTerms() throws {
        try withSampleDatabase { db in
            let enquire = try Enquire(database: db)
            try enquire.setQuery(Query(term: "Zdepress"))
            let mset = try enquire.mset(maxItems: 10)
            #expect(mset.count == 2)
            let rset = RSet(mset.map(\.docID))
            let terms = try enquire.expandTerms(maxItems: 10, rset: rset, wordsPrefixed: "")
            #expect(!terms.isEmpty)
            #expect(terms.allSatisfy { !($0.term.first?.isUppercase ?? false) })
            #expect(terms.map(\.term).contains("trials"))
            let withPrefixed = try enquire.expandTerms(maxItems: 50, rset: rset)
            #expect(withPrefixed.contains { $0.term.hasPrefix("Z") })
            #expect(withPrefixed.contains { $0.term.hasPrefix("XM") }, "a filter term weighs too, unless left out")
            let stems = try enquire.expandTerms(maxItems: 50, rset: rset, wordsPrefixed: "Z")
            #expect(!stems.isEmpty)
            #expect(stems.allSatisfy { $0.term.hasPrefix("Z") && !($0.term.dropFirst().first?.isUppercase ?? true) })
        }
    }

    @Test func queryCombinators() throws {
        try withSampleDatabase { db in
            let enquire = try Enquire(database: db)
            let depression = Query(term: "Zdepress")
            let cognitive = Query(term: "Zcognit")
            let and = try Query(.and, [depression, cognitive])
            #expect(and.description == "Query((Zdepress AND Zcognit))")
            try enquire.setQuery(and)
            #expect(try ids(enquire.mset(maxItems: 10), in: db) == ["b2"])

            try enquire.setQuery(try Query(.andNot, [depression, cognitive]))
            #expect(try ids(enquire.mset(maxItems: 10), in: db) == ["a3"])

            let filtered = try Query(.filter, [depression, Query(term: "XMmod010")])
            try enquire.setQuery(filtered)
            #expect(try ids(enquire.mset(maxItems: 10), in: db) == ["b2"])

            let phrase = try Query(.phrase, [Query(term: "cognitive", position: 1), Query(term: "therapy", position: 2)])
            try enquire.setQuery(phrase)
            #expect(try ids(enquire.mset(maxItems: 10), in: db) == ["b2"])
            let near = try Query(.near, [Query(term: "evidence", position: 1), Query(term: "cognitive", position: 2)],
                                 parameter: 6)
            try enquire.setQuery(near)
            #expect(try ids(enquire.mset(maxItems: 10), in: db) == ["b2"])

            let scaled = try depression.scaled(by: 2)
            #expect(scaled.description.contains("2 * Zdepress"))
            #expect(throws: XapianError.self) { try depression.scaled(by: -1) }

            #expect(Query.matchNothing.description == "Query()")
            #expect(Query.matchAll.description == "Query(<alldocuments>)")
            try enquire.setQuery(try Query(.or, [Query.matchNothing, depression]))
            #expect(try enquire.mset(maxItems: 10).count == 2)

            try enquire.setQuery(try Query(wildcard: "XM"))
            #expect(try enquire.mset(maxItems: 10).count == samplePassages.count)
        }
    }

    @Test func weightingTimeLimitAndPaging() throws {
        try withSampleDatabase { db in
            let enquire = try Enquire(database: db)
            try enquire.setQuery(try makeParser(db).parseQuery("therapy depression trials"))
            try enquire.setWeighting(.bm25(k1: 1.2, b: 0.75))
            let bm25 = try enquire.mset(maxItems: 10)
            #expect(bm25.count >= 3)
            #expect(zip(bm25, bm25.dropFirst()).allSatisfy { $0.weight >= $1.weight })
            try enquire.setWeighting(.bm25Plus())
            #expect(try enquire.mset(maxItems: 10).count == bm25.count)
            try enquire.setWeighting(.bm25(k1: -1))   // Xapian clamps bad parameters, no error

            try enquire.setWeighting(.boolean)
            let unweighted = try enquire.mset(maxItems: 10)
            #expect(unweighted.count == bm25.count)
            #expect(unweighted.allSatisfy { $0.weight == 0 })

            // A time limit far off changes nothing; 0 turns it off again.
            try enquire.setWeighting(.bm25())
            enquire.setTimeLimit(60)
            let all = try enquire.mset(maxItems: 10)
            #expect(all.count == bm25.count)
            enquire.setTimeLimit(0)

            let page = try enquire.mset(first: 1, maxItems: 1)
            #expect(page.count == 1)
            #expect(page[0].docID == all[1].docID)
            #expect(page.matchesLowerBound <= page.matchesEstimated)
            #expect(page.matchesEstimated <= page.matchesUpperBound)
        }
    }

    /// The listing names every document of the match list, however short the page, and gives up
    /// past its limit.
    @Test func aMatchListsTheDocumentsItFound() throws {
        try withSampleDatabase { db in
            let enquire = try Enquire(database: db)
            try enquire.setQuery(try makeParser(db).parseQuery("therapy OR depression"))
            let all = try enquire.mset(maxItems: 1000)
            #expect(all.count >= 3)
            let (page, listed) = try enquire.msetListingMatches(maxItems: 1, checkAtLeast: 1000, limit: 1000)
            #expect(page.count == 1)
            #expect(page[0].docID == all[0].docID)
            #expect(listed?.sorted() == all.map(\.docID).sorted())
            #expect(page.matchesLowerBound == listed?.count && page.matchesUpperBound == listed?.count)
            let (_, tooMany) = try enquire.msetListingMatches(maxItems: 1, checkAtLeast: 1000, limit: all.count - 1)
            #expect(tooMany == nil)
        }
    }
}
