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
            let error = try #require(throws: XapianError.self) { try qp.parseQuery("AND OR (", flags: .boolean) }
            #expect(error.kind == "QueryParserError")
            #expect(error.isQueryParserError)
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
            #expect(try ids(enquire.mset(maxItems: 10)) == ["a1"])

            // Same field ORs, different fields AND.
            try enquire.setQuery(try qp.parseQuery("modality:mod032 modality:mod010 section:definition"))
            #expect(Set(try ids(enquire.mset(maxItems: 10))) == ["a1", "b1"])

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
            try db.addDocument(doc)
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

    /// (description, hits) for query against a one-passage database.
    func phraseProbe(text: String, query: String, strategy: StemmingStrategy) throws -> (String, Int) {
        try withTempDirectory { dir in
            let db = try WritableDatabase(path: dir + "/db")
            try index([Passage(id: "p", text: text)], into: db, strategy: strategy)
            let parsed = try makeParser(db, strategy: strategy).parseQuery(query)
            let enquire = try Enquire(database: db)
            try enquire.setQuery(parsed)
            return (parsed.description, try enquire.mset(maxItems: 10).count)
        }
    }

    @Test func phraseWithStemSomeFullPositions() throws {
        // Under .some, phrase words are never stemmed: "criticised" is not in the text.
        let text = "Clients learn to criticise harshly and to soothe distress."
        let some = try phraseProbe(text: text, query: "\"criticised harshly\"", strategy: .some)
        #expect(some == ("Query((criticised@1 PHRASE 2 harshly@2))", 0))

        // Under .someFullPositions, phrase words are stemmed, and the phrase matches the
        // other word form ...
        let full = try phraseProbe(text: text, query: "\"criticised harshly\"", strategy: .someFullPositions)
        #expect(full == ("Query((Zcriticis@1 PHRASE 2 harshly@2))", 1))

        // ... except the word just before the closing quote: a word followed by `"` is
        // never stemmed (Xapian's STEM_SOME rule), so here "criticised" stays literal.
        let reversed = "They harshly criticise themselves."
        let lastWord = try phraseProbe(text: reversed, query: "\"harshly criticised\"", strategy: .someFullPositions)
        #expect(lastWord == ("Query((Zharsh@1 PHRASE 2 criticised@2))", 0))
        // A space before the closing quote, or a hyphenated phrase, stems every word.
        let spaced = try phraseProbe(text: reversed, query: "\"harshly criticised \"", strategy: .someFullPositions)
        #expect(spaced == ("Query((Zharsh@1 PHRASE 2 Zcriticis@2))", 1))
        let hyphen = try phraseProbe(text: reversed, query: "harshly-criticised", strategy: .someFullPositions)
        #expect(hyphen == ("Query((Zharsh@1 PHRASE 2 Zcriticis@2))", 1))
    }

    @Test func spellingSuggestionAndCorrection() throws {
        try withTempDirectory { dir in
            let db = try WritableDatabase(path: dir + "/db")
            try index(samplePassages, into: db, spelling: true)
            try db.addSpelling("mindfulness", frequencyIncrement: 5)
            try db.commit()
            #expect(try db.spellingSuggestion(for: "mindfulnes") == "mindfulness")
            #expect(try db.spellingSuggestion(for: "depresion") == "depression")   // from indexing
            #expect(try db.spellingSuggestion(for: "zzzzqqq") == nil)

            let qp = try makeParser(db)
            _ = try qp.parseQuery("compasion therapy", flags: [.default, .spellingCorrection])
            #expect(qp.correctedQueryString == "compassion therapy")
            _ = try qp.parseQuery("therapy", flags: [.default, .spellingCorrection])
            #expect(qp.correctedQueryString == nil)
        }
    }

    @Test func synonyms() throws {
        try withSampleDatabase { db in
            try db.addSynonym("cbt", for: "cognitive")
            try db.addSynonym("Zcbt", for: "Zcognit")
            try db.addSynonym("mbct", for: "mindfulness")
            try db.commit()
            #expect(try db.synonyms(of: "cognitive") == ["cbt"])
            #expect(try db.synonymKeys() == ["Zcognit", "cognitive", "mindfulness"])

            let qp = try makeParser(db)
            let query = try qp.parseQuery("mindfulness", flags: [.default, .autoSynonyms])
            #expect(query.description.contains("SYNONYM"))
            #expect(query.terms.contains("mbct"))

            try db.clearSynonyms(for: "mindfulness")
            #expect(try db.synonyms(of: "mindfulness").isEmpty)
            try db.removeSynonym("cbt", for: "cognitive")
            #expect(try db.synonyms(of: "cognitive").isEmpty)
        }
    }

    @Test func collapseKeyKeepsOnePerGroup() throws {
        try withSampleDatabase { db in
            let enquire = try Enquire(database: db)
            try enquire.setQuery(Query(.or, terms: ["therapi", "Ztherapi", "Zdepress", "Ztrial", "Zcognit", "Zthe"]))
            let all = try enquire.mset(maxItems: 10)
            enquire.setCollapseKey(0)
            let collapsed = try enquire.mset(maxItems: 10)
            #expect(all.count > collapsed.count)
            let modalities = try collapsed.map { try $0.collapseKey() }
            #expect(Set(modalities).count == modalities.count)
            #expect(collapsed.contains { $0.collapseCount > 0 })
            enquire.setCollapseKey(nil)
            #expect(try enquire.mset(maxItems: 10).count == all.count)
        }
    }

    @Test func valueCountSpyCountsFacets() throws {
        try withSampleDatabase { db in
            let enquire = try Enquire(database: db)
            let modality = try enquire.addValueCountSpy(slot: 0)
            let section = try enquire.addValueCountSpy(slot: 1)
            try enquire.setQuery(.matchAll)
            let mset = try enquire.mset(maxItems: 2, checkAtLeast: try db.documentCount)
            #expect(mset.count == 2)
            #expect(mset.matchesEstimated == samplePassages.count)
            #expect(modality.total == samplePassages.count)
            #expect(modality.counts == ["mod032": 3, "mod010": 2, "mod045": 1])
            #expect(modality.sortedCounts.map(\.value) == ["mod032", "mod010", "mod045"])
            #expect(section.counts["definition"] == 3)
        }
    }

    @Test func snippetHighlightsMatches() throws {
        try withSampleDatabase { db in
            let qp = try makeParser(db)
            let enquire = try Enquire(database: db)
            try enquire.setQuery(try qp.parseQuery("shame"))
            let mset = try enquire.mset(maxItems: 10)
            let text = try #require(mset.first).document().data()
            let snippet = try mset.snippet(text: text, length: 60, stemmer: "english",
                                           highlight: ("[", "]"), omit: "…")
            #expect(snippet.contains("[shame]"))
            #expect(snippet.hasPrefix("…"))
            // Xapian escapes HTML in the text.
            let escaped = try mset.snippet(text: "shame & <blame>", stemmer: "english", flags: [],
                                           highlight: ("[", "]"))
            #expect(escaped == "[shame] &amp; &lt;blame&gt;")
            let none = try mset.snippet(text: "nothing here", stemmer: "english", flags: .emptyWithoutMatch)
            #expect(none == "")
        }
    }

    @Test func relevanceFeedbackExpandsTerms() throws {
        try withSampleDatabase { db in
            let enquire = try Enquire(database: db)
            try enquire.setQuery(Query(term: "Zdepress"))
            let mset = try enquire.mset(maxItems: 10)
            let rset = RSet(mset.map(\.docID))
            #expect(rset.count == 2)
            let terms = try enquire.expandTerms(maxItems: 10, rset: rset, excludePrefixed: true)
            #expect(!terms.isEmpty)
            #expect(terms.allSatisfy { !($0.term.first?.isUppercase ?? false) })
            #expect(terms.map(\.term).contains("trials"))
            let withPrefixed = try enquire.expandTerms(maxItems: 50, rset: rset)
            #expect(withPrefixed.contains { $0.term.hasPrefix("Z") })
            #expect(try enquire.matchingTerms(mset[0].docID) == ["Zdepress"])
        }
    }

    @Test func queryCombinators() throws {
        try withSampleDatabase { db in
            let enquire = try Enquire(database: db)
            let depression = Query(term: "Zdepress")
            let cognitive = Query(term: "Zcognit")
            let and = try Query(.and, [depression, cognitive])
            #expect(and.description == "Query((Zdepress AND Zcognit))")
            #expect(and.terms == ["Zcognit", "Zdepress"])
            try enquire.setQuery(and)
            #expect(try ids(enquire.mset(maxItems: 10)) == ["b2"])

            try enquire.setQuery(try Query(.andNot, [depression, cognitive]))
            #expect(try ids(enquire.mset(maxItems: 10)) == ["a3"])

            let filtered = try Query(.filter, [depression, Query(term: "XMmod010")])
            try enquire.setQuery(filtered)
            #expect(try ids(enquire.mset(maxItems: 10)) == ["b2"])

            let phrase = try Query(.phrase, terms: ["cognitive", "therapy"])
            try enquire.setQuery(phrase)
            #expect(try ids(enquire.mset(maxItems: 10)) == ["b2"])
            let near = try Query(.near, terms: ["evidence", "cognitive"], parameter: 6)
            try enquire.setQuery(near)
            #expect(try ids(enquire.mset(maxItems: 10)) == ["b2"])

            let scaled = try depression.scaled(by: 2)
            #expect(scaled.description.contains("2 * Zdepress"))
            #expect(throws: XapianError.self) { try depression.scaled(by: -1) }

            #expect(Query.matchNothing.isEmpty)
            #expect(!Query.matchAll.isEmpty)
            try enquire.setQuery(try Query(.or, [Query.matchNothing, depression]))
            #expect(try enquire.mset(maxItems: 10).count == 2)

            try enquire.setQuery(try Query(wildcard: "XM"))
            #expect(try enquire.mset(maxItems: 10).count == samplePassages.count)
            try enquire.setQuery(try Query(valueRange: 0, from: "mod030", to: "mod050"))
            #expect(try enquire.mset(maxItems: 10).count == 4)
        }
    }

    @Test func weightingSortingAndPaging() throws {
        try withSampleDatabase { db in
            let enquire = try Enquire(database: db)
            try enquire.setQuery(try makeParser(db).parseQuery("therapy depression trials"))
            try enquire.setWeighting(.bm25(k1: 1.2, b: 0.75))
            let bm25 = try enquire.mset(maxItems: 10)
            #expect(bm25.count >= 3)
            #expect(zip(bm25, bm25.dropFirst()).allSatisfy { $0.weight >= $1.weight })
            try enquire.setWeighting(.bm25Plus())
            #expect(try enquire.mset(maxItems: 10).count == bm25.count)
            try enquire.setWeighting(.tfIdf())
            #expect(try enquire.mset(maxItems: 10).count == bm25.count)
            try enquire.setWeighting(.bm25(k1: -1))   // Xapian clamps bad parameters, no error

            try enquire.setWeighting(.boolean)
            enquire.setSort(.value(slot: 1))
            let sorted = try enquire.mset(maxItems: 10)
            let sections = try sorted.map { try $0.document().value(slot: 1) }
            #expect(sections == sections.sorted())

            enquire.setSort(.relevance)
            try enquire.setWeighting(.bm25())
            let page = try enquire.mset(first: 1, maxItems: 1)
            #expect(page.count == 1)
            #expect(page.firstItem == 1)
            #expect(page[0].rank == 1)
            #expect(page.matchesLowerBound <= page.matchesEstimated)
            #expect(page.matchesEstimated <= page.matchesUpperBound)
        }
    }

    @Test func stopper() throws {
        let stopper = Stopper(["the", "a", "and"])
        #expect(stopper.contains("the"))
        #expect(!stopper.contains("therapy"))
        try withTempDirectory { dir in
            let db = try WritableDatabase(path: dir + "/db")
            let tg = TermGenerator()
            try tg.setStemmer("english")
            tg.stopper = stopper
            tg.stopStrategy = .all
            let doc = Document()
            tg.document = doc
            try tg.indexText("the cat and the hat")
            #expect(try doc.terms().map(\.term) == ["Zcat", "Zhat", "cat", "hat"])
            let qp = QueryParser()
            try qp.setStemmer("english")
            qp.stopper = stopper
            #expect(try qp.parseQuery("the cat").description == "Query(Zcat@2)")
            _ = db
        }
    }
}
