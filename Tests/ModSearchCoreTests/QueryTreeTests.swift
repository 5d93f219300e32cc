import Testing
@testable import ModSearchCore
import XapianKit

/// What the matcher, the scorer and the highlighter read from a compiled query.
@Suite struct QueryTreeTests {
    static func compiled(_ query: String, anyWord: Bool = false) throws -> QueryTree {
        try QueryCompiler(stemmer: try Stemmer(language: Schema.stemmer)).compile(query, anyWord: anyWord)
    }

    @Test func windowsAreXapians() throws {
        #expect(try Self.compiled(#""inner critic voice""#)
                == .phrase([.init(name: "Zinner", position: 1), .init(name: "Zcritic", position: 2),
                            .init(name: "Zvoic", position: 3)], window: 3))
        #expect(try Self.compiled("trauma NEAR body") == .near([.init(name: "Ztrauma", position: 1),
                                                               .init(name: "Zbodi", position: 2)], window: 11))
        #expect(try Self.compiled("a NEAR/3 b NEAR c")
                == .near([.init(name: "Za", position: 1), .init(name: "Zb", position: 2), .init(name: "Zc", position: 3)],
                         window: 5))
        #expect(try Self.compiled("a ADJ/2 b") == .phrase([.init(name: "Za", position: 1), .init(name: "Zb", position: 2)],
                                                         window: 3))
    }

    @Test func fieldsAndFiltersTakeTheirPrefixesAndStoredValues() throws {
        #expect(try Self.compiled(#"Title:Compassion section:"What to Ask a Practitioner""#)
                == .filter(.term(.init(name: "ZScompass", position: 1)),
                           .term(.init(name: "XSwhat-to-ask-a-practitioner"))))
        #expect(try Self.compiled("modality:MOD032") == .scale(.term(.init(name: "XMmod032")), factor: 0))
        #expect(throws: EngineError.self) { try Self.compiled("section:nowhere") }
        #expect(throws: EngineError(.badQuery, "NEAR at position 7 needs a single word after it")) {
            try Self.compiled("trauma NEAR")
        }
    }

    @Test func phraseOnlyTermsAreThoseNowhereElse() throws {
        #expect(try Self.compiled(#""inner critic" critic"#).phraseOnlyTerms == ["Zinner"])
        #expect(try Self.compiled("self-criticism OR trauma NEAR body").phraseOnlyTerms
                == ["Zself", "Zcritic", "Ztrauma", "Zbodi"])
        #expect(try Self.compiled("shame guilt").phraseOnlyTerms.isEmpty)
    }

    @Test func onlyTermsOutsideFiltersAndNegationsAddWeight() throws {
        let query = try Self.compiled("shame -guilt modality:mod032")
        #expect(query.weightedTerms == ["Zshame": 1])
        #expect(query.terms == ["XMmod032", "Zguilt", "Zshame"])
        let synonyms = QueryTree.or([try Self.compiled("CFT"), .scale(try Self.compiled("CFT OR compassion"), factor: 0.5)])
        #expect(synonyms.weightedTerms == ["Zcft": 1.5, "Zcompass": 0.5])
    }

    /// A negation excludes passages, not sections: sections are looked for without it.
    @Test func sectionQueryDropsNegations() throws {
        #expect(try Self.compiled("shame -guilt").sectionQuery == .term(.init(name: "Zshame", position: 1)))
        #expect(try Self.compiled("shame XOR guilt").sectionQuery
                == .or([.term(.init(name: "Zshame", position: 1)), .term(.init(name: "Zguilt", position: 2))]))
        #expect(try Self.compiled("-guilt").sectionQuery == .matchAll)
        let plain = try Self.compiled("shame guilt")
        #expect(plain.sectionQuery == plain)
    }

    /// The one word rule: curly quotes and apostrophes end a word, as they do for the index.
    @Test func exactFormsEndWordsAtPunctuation() {
        var text = "an innate “actualising tendency”, the client’s own"
        let found = text.withUTF8 { bytes in
            ["actualising", "tendency", "client", "innat"].map { ExactForms.contains(bytes, word: Array($0.utf8)) }
        }
        #expect(found == [true, true, true, false])
    }
}
