import Testing
import XapianKit

/// `WordIndexer` against the Xapian `TermGenerator` it stands in for: the same texts indexed
/// by both, the same way, must give the same terms, within-document frequencies, positions (ours
/// in the document's position block) and spelling data.
@Suite struct WordIndexerTests {
    /// Texts that walk the word rules: acronyms, joining characters, digits, suffixes, zero-width
    /// characters, case, scripts without spaces, marks, lengths at and over the limit.
    static let texts = [
        "Compassion-focused therapy (CFT) helps people with harsh self-criticism.",
        "The U.S.A. and the U.K.; P.T.O. A.B.C.d U.N. x.Y.Z e.g. i.e. E.G. Ph.D. PhD's A. B. I",
        "M&S, AT&T and R&D; rock'n'roll, don’t, o‛clock, end' 'quoted' ‘curly’ “double” 's ’s",
        "C++ and C# and F#, fish+chips, a++++b, x+++ y#+#+ c+ +d ++",
        "Figures: 3,000.50 and 1.2.3; 4;5 ٣٫٤ ١٢٣ 12/05, 7–8, 5'6 1,a a,1 2.x",
        "zero\u{200B}width join\u{200D}er word\u{FEFF}mark 1\u{200B}2 \u{200B}lead trail\u{200B}",
        "Naïve café, ÉCOLE, Straße, İstanbul, ǅemal, Ωμέγα, ﬁne, e\u{301}cole, n\u{303}",
        "東京大学で勉強する; 한국어 텍스트; ภาษาไทย",
        "x² ½ Ⅻ snake_case __init__ _ _x_ 3d 4th mp3 1st-class",
        "emoji 🙂 between🙂words, tab\tnewline\nend. ALLCAPS WORDS AND MiXeD CaSe",
        "well-being meta-analysis self–compassion mindfulness-based",
        String(repeating: "a", count: 64) + " " + String(repeating: "b", count: 65) + " "
            + String(repeating: "é", count: 32) + " " + String(repeating: "ü", count: 33),
        String(repeating: "A.", count: 40) + " " + String(repeating: "Q.", count: 20) + "Z",
        "", "   ", "!!!", "...", "'", "+", "a", "A", "I.", "9",
    ]

    /// Pieces joined at random into further texts, so that rules meet in ways no list foresees.
    static let pieces = ["word", "A", "B.", "C", "1", "22", "x", "é", "Ω", "東", "_", "therapy", "DBT", "ü",
                         "٣", "²", "🙂", "n\u{303}"]
    static let joiners = ["", " ", ".", "'", "’", "+", "#", ",", "&", "-", ";", "\u{200B}", "\n", "·", "++"]

    static func randomTexts(count: Int) -> [String] {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        return (0..<count).map { _ in
            (0..<(1 + next(40))).map { _ in pieces[next(pieces.count)] + joiners[next(joiners.count)] }.joined()
        }
    }

    /// Each text indexed as a title field, then as plain text from position 0, then after a gap,
    /// with different wdf increments; the term position after each text, which callers read.
    private typealias Indexing = (_ text: String, _ wdf: Int, _ prefix: String, _ spelling: Bool) throws -> Void

    private static func indexAll(_ texts: [String], document: (Int) throws -> Void, position: () -> Int,
                                 setPosition: (Int) -> Void, indexing: Indexing) throws -> [Int] {
        var positions: [Int] = []
        for (number, text) in texts.enumerated() {
            try document(number)
            try indexing(text, 3, "S", false)
            positions.append(position())
            setPosition(0)
            try indexing(text, 2, "", true)
            positions.append(position())
            setPosition(position() + 100)
            try indexing(text, 1, "", true)
            positions.append(position())
        }
        return positions
    }

    @Test func makesTheTermsPositionsAndSpellingOfXapiansTermGenerator() throws {
        let texts = Self.texts + Self.randomTexts(count: 300)
        try withTempDirectory { dir in
            let theirs = try WritableDatabase(path: dir + "/termgenerator", mode: .createOrOverwrite)
            let ours = try WritableDatabase(path: dir + "/wordindexer", mode: .createOrOverwrite)

            let generator = TermGenerator()
            try generator.setStemmer("english")
            generator.stemmingStrategy = .allZ
            try generator.setDatabase(theirs)
            var document = Document()
            let theirPositions = try Self.indexAll(
                texts,
                document: { number in
                    if number > 0 { _ = try theirs.replaceDocument(uniqueTerm: "Q\(number - 1)", document) }
                    document = Document()
                    try document.addBooleanTerm("Q\(number)")
                    generator.document = document
                },
                position: { generator.termPosition }, setPosition: { generator.termPosition = $0 },
                indexing: { text, wdf, prefix, spelling in
                    generator.flags = spelling ? .spelling : []
                    try generator.indexText(text, wdfIncrement: wdf, prefix: prefix)
                })
            _ = try theirs.replaceDocument(uniqueTerm: "Q\(texts.count - 1)", document)

            let indexer = try WordIndexer(stemmer: "english")
            let ourPositions = try Self.indexAll(
                texts,
                document: { number in
                    if number > 0 {
                        try document.setValue(bytes: try indexer.positionBlock(), slot: 0)
                        _ = try ours.replaceDocument(uniqueTerm: "Q\(number - 1)", document)
                    }
                    // Spelling words added in several batches sum as they do one at a time.
                    if number % 7 == 0 { try indexer.addSpelling(to: ours) }
                    document = Document()
                    try document.addBooleanTerm("Q\(number)")
                    indexer.document = document
                },
                position: { indexer.termPosition }, setPosition: { indexer.termPosition = $0 },
                indexing: { text, wdf, prefix, spelling in
                    try indexer.indexText(text, wdfIncrement: wdf, prefix: prefix, spelling: spelling)
                })
            try document.setValue(bytes: try indexer.positionBlock(), slot: 0)
            _ = try ours.replaceDocument(uniqueTerm: "Q\(texts.count - 1)", document)
            try indexer.addSpelling(to: ours)
            try theirs.commit()
            try ours.commit()

            #expect(ourPositions == theirPositions)
            let theirTerms = try theirs.allTerms()
            #expect(Set(try ours.allTerms()).symmetricDifference(theirTerms).sorted() == [])
            #expect(theirTerms.count > 300)
            for (number, text) in texts.enumerated() {
                let id = try #require(try theirs.postings(of: "Q\(number)").first)
                let expected = try theirs.document(id).terms()
                let got = try ours.document(id).terms()
                #expect(got.map(\.term) == expected.map(\.term), "text \(number): \(text.debugDescription)")
                #expect(got.map(\.wdf) == expected.map(\.wdf), "text \(number): \(text.debugDescription)")
                let block = try ours.valueBytes(slot: 0, of: id)
                for (term, _) in expected {
                    #expect(try PositionBlock.positions(of: term, in: block) == theirs.positions(of: term, in: id),
                            "text \(number), \(term): \(text.debugDescription)")
                    #expect(try ours.positions(of: term, in: id).isEmpty, "positions are kept out of glass")
                }
            }
            let theirWords = try theirs.spellingWords(prefix: "").map { "\($0.word) \($0.frequency)" }
            let ourWords = try ours.spellingWords(prefix: "").map { "\($0.word) \($0.frequency)" }
            #expect(Set(ourWords).symmetricDifference(theirWords).sorted() == [])
            #expect(theirWords.count > 50)
        }
    }

    /// Each two unprefixed words at consecutive positions get their pair's term; words apart, a
    /// field's words and function words get none, and a document starts with no word before it.
    @Test func marksThePairsOfUnprefixedWordsSideBySide() throws {
        let indexer = try WordIndexer(stemmer: "english")
        try indexer.markPairs(prefix: "XP")
        func pair(_ first: String, _ second: String) throws -> String {
            try #require(try PairTerms.term(prefix: "XP", first: first, second: second))
        }
        let first = Document()
        indexer.document = first
        try indexer.indexText("Emotional regulation", prefix: "S", spelling: false)
        indexer.termPosition = 0
        try indexer.indexText("Emotional regulation", spelling: false)
        indexer.increaseTermPosition()
        try indexer.indexText("skills of the inner critic", spelling: false)
        let pairs = Set(try first.terms().map(\.term).filter { $0.hasPrefix("XP") })
        #expect(pairs == [try pair("emot", "regul"), try pair("inner", "critic")])
        #expect(try first.terms().first { $0.term == (try pair("emot", "regul")) }?.wdf == 0)

        let second = Document()
        indexer.document = second
        try indexer.indexText("inner critic voice", spelling: false)
        #expect(Set(try second.terms().map(\.term).filter { $0.hasPrefix("XP") })
                == [try pair("inner", "critic"), try pair("critic", "voic")])
        // Only the word before is remembered, so going back would miss pairs.
        indexer.termPosition = 0
        #expect(throws: XapianError.self) { try indexer.indexText("again", spelling: false) }
        // A term names the schema's buckets: another hash or bucket count needs a new schema.
        #expect(try PairTerms.term(prefix: "XP", first: "emot", second: "regul") == "XP\(Self.emotionRegulation)")
        #expect(try PairTerms.term(prefix: "XP", first: "the", second: "critic") == nil)
        #expect(try PairTerms.term(prefix: "XP", first: "", second: "critic") == nil)
    }

    /// The indexer remembers at most 200,000 words as written; counts for the spelling data of the
    /// words it forgets when it starts afresh are kept until they are added.
    @Test func countsTheSpellingOfWordsPastWhatItRemembers() throws {
        try withTempDirectory { dir in
            let database = try WritableDatabase(path: dir + "/db", mode: .createOrOverwrite)
            let indexer = try WordIndexer(stemmer: "english")
            for part in 0..<5 {
                indexer.document = Document()
                let words = (part * 41_000..<(part + 1) * 41_000).map { "w\($0)" }
                try indexer.indexText("early " + words.joined(separator: " ") + " early", spelling: true)
            }
            try indexer.addSpelling(to: database)
            try database.commit()
            #expect(try database.spellingFrequency(of: "early") == 10)
            #expect(try database.spellingFrequency(of: "w0") == 1)
            #expect(try database.spellingFrequency(of: "w204999") == 1)
            #expect(try database.spellingWords(prefix: "w").count == 205_000)
        }
    }

    /// Two terms whose fingerprints collide under the first salt (found by search) each find
    /// their own positions: the block takes the next salt that tells them apart.
    @Test func aPositionBlockTellsTermsWithTheSameFingerprintApart() throws {
        let indexer = try WordIndexer(stemmer: "english")
        indexer.document = Document()
        try indexer.indexText("doxibikop one two", prefix: "", spelling: false)
        indexer.termPosition = 3 * 4096 + 7
        try indexer.indexText("lapebadax doxibikop", prefix: "", spelling: false)
        try indexer.addPosting("XRmod001", position: 9 * 4096 + 1, wdfIncrement: 0)
        let block = try indexer.positionBlock()
        #expect(block.first != 0, "the first salt does not tell the two apart")
        #expect(try PositionBlock.positions(of: "Zdoxibikop", in: block) == [1, 3 * 4096 + 9])
        #expect(try PositionBlock.positions(of: "Zlapebadax", in: block) == [3 * 4096 + 8])
        #expect(try PositionBlock.positions(of: "XRmod001", in: block) == [9 * 4096 + 1])
        #expect(try PositionBlock.positions(of: "Zmissing", in: block) == [])
        #expect(try PositionBlock.positions(of: "Zone", in: []) == [], "a section without a block has no positions")
    }

    @Test func refusesToWorkWithoutAStemmer() {
        #expect(throws: XapianError.self) { try WordIndexer(stemmer: "none") }
        #expect(throws: XapianError.self) { try WordIndexer(stemmer: "klingon") }
    }

    /// The bucket of `emot` then `regul`, as pair_terms.cpp names it (FNV-1a, 2^12 buckets).
    static let emotionRegulation = "9i"
}
