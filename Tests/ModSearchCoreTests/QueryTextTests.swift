import Foundation
import Testing
@testable import ModSearchCore

@Suite struct QueryTextTests {
    @Test func tokensKnowWhatTheyAre() {
        let query = QueryText(#"self-criticism "inner critic" -section:ask +shame title:"x y" NEAR/3 (CFT OR act*)"#)
        let kinds = query.tokens.filter { $0.kind != .space }.map { "\($0.kind):\($0.text)" }
        #expect(kinds == ["word:self-criticism", #"phrase:"inner critic""#, "field:-section:ask", "other:+shame",
                          #"field:title:"x y""#, "other:NEAR/3", "other:(", "word:CFT", "other:OR", "other:act*",
                          "other:)"])
        #expect(query.text == #"self-criticism "inner critic" -section:ask +shame title:"x y" NEAR/3 (CFT OR act*)"#)
        #expect(QueryText(#""unterminated phrase"#).tokens.map(\.kind) == [.phrase])
    }

    @Test func prepareRewritesBooleanFieldsAndClosingQuotes() throws {
        #expect(try QueryText.prepare("Modality:MOD032 shame").text == "modality:mod032 shame")
        #expect(try QueryText.prepare(#"section:"Evidence to Efficacy" trials"#).text == "section:evidence-to-efficacy trials")
        #expect(try QueryText.prepare("-section:ASK (related:MOD039)").text == "-section:what-to-ask-a-practitioner (related:mod039)")
        #expect(try QueryText.prepare(#""inner critics" title:"tricky brains""#).text == #""inner critics " title:"tricky brains ""#)
        // Not a field: nothing after the colon.
        #expect(try QueryText.prepare("section: evidence").text == "section: evidence")
        #expect { try QueryText.prepare("section:nowhere") } throws: { error in
            (error as? EngineError)?.kind == .badQuery
        }
    }

    @Test func replacingWordsTouchesWordsAndPhrasesOnly() {
        let query = QueryText(#"self-critcism "reciprical roles" title:reciprical +reciprical"#)
        let fixed = query.replacingWords { ["critcism": "criticism", "reciprical": "reciprocal"][$0] }
        #expect(fixed.text == #"self-criticism "reciprocal roles" title:reciprical +reciprical"#)
    }
}

/// Spelling against the real corpus: words the index lacks are corrected up front, words it has are not.
@Suite struct SpellingTests {
    static let workspace: Workspace = {
        let workspace = try! Workspace()
        try! workspace.index()
        return workspace
    }()

    @Test func aWordTheIndexLacksIsCorrectedEvenBesideGoodWords() throws {
        let result = try Self.workspace.search("interpersonal pyschotherapy grief")
        // Xapian's own correction also turns the indexed "grief" into "brief".
        #expect(result.corrected == "interpersonal psychotherapy grief")
        #expect(result.hits.first?.modality == "MOD212")
    }

    @Test func wordsInPhrasesAreCorrectedToo() throws {
        let result = try Self.workspace.search(#""reciprical roles""#)
        #expect(result.corrected?.hasPrefix(#""reciprocal roles"#) == true)
        #expect(!result.hits.isEmpty)
        #expect(result.hits.allSatisfy { $0.text.lowercased().contains("reciprocal role") })
    }

    @Test func indexedWordsOtherFormsAndUSSpellingsAreLeftAlone() throws {
        for query in ["polyvagal theory", "pendulating", "catastrophizing", "behavioral experiments"] {
            let result = try Self.workspace.search(query)
            #expect(result.corrected == nil, "\(query)")
            #expect(!result.hits.isEmpty, "\(query)")
        }
        #expect(try Self.workspace.search("polyvagel theory").corrected == "polyvagal theory")
    }

    @Test func aCorrectionThatFindsNothingIsOnlySuggested() throws {
        let result = try Self.workspace.search("genogrm", modality: ["MOD032"])
        #expect(result.hits.isEmpty)
        #expect(result.corrected == nil)
        #expect(result.suggestion == "genogram")
    }

    @Test func whenNoPassageHasEveryWordThoseWithSomeAreShown() throws {
        let result = try Self.workspace.search("genogrm zzzzqqq")
        #expect(result.corrected == "genogram zzzzqqq")
        #expect(result.rewrites == [QueryRewrite(.spelling, from: "genogrm", to: "genogram"),
                                    QueryRewrite(.unknownWord, from: "zzzzqqq", to: nil),
                                    QueryRewrite(.partial, from: "genogram zzzzqqq", to: "genogram OR zzzzqqq")],
                "corrected, an unknown word searched as typed, then passages with some of the words")
        #expect(!result.hits.isEmpty && result.hits.allSatisfy(\.partial) && result.total == .exactly(0))
        #expect(result.hits.allSatisfy { $0.text.lowercased().contains("genogram") })
        #expect(!result.searchedAsTyped)
        // A count or a page past the end is not "nothing matched"; the count is of passages
        // with all the words.
        let all = try Self.workspace.search("genogram family", limit: 0)
        #expect(all.total.estimate == (try Self.workspace.search("genogram family", limit: 100)).hits.filter { !$0.partial }.count)
        #expect(try Self.workspace.search("genogram zzzzqqq", limit: 0).total.estimate == 0)
        // Operators keep their meaning: no relaxing of an explicit AND.
        #expect(try Self.workspace.search("genogram AND zzzzqqq").hits.isEmpty)
    }
}
