import Foundation
import Testing
@testable import ModSearchCore

@Suite struct SynonymTests {
    static let table = SynonymTable(text: """
        # comment
        behaviour, behavior
        CFT, compassion-focused therapy
        self-criticism, inner critic, self-judgment
        ACT, acceptance and commitment therapy
        lonely   # a group of one is no group
        """)

    static func expand(_ query: String) -> String? { table.expand(QueryText(query)) }

    @Test func parsesGroupsAndIgnoresCommentsAndSingletons() {
        #expect(Self.table.groupCount == 4)
        #expect(SynonymTable(text: "").isEmpty)
    }

    @Test func rewritesPlainWordRunsOnly() {
        #expect(Self.expand("behavior activation") == "(behavior OR behaviour) activation")
        #expect(Self.expand("CFT shame") == #"(CFT OR "compassion focused therapy") shame"#)
        #expect(Self.expand("compassion-focused therapy") == "(compassion-focused therapy OR cft)")
        #expect(Self.expand("self-criticism") == #"(self-criticism OR "inner critic" OR "self judgment")"#)
        #expect(Self.expand("nothing to do here") == nil)
        // Other word forms name an entry; an abbreviation only names itself, in any case.
        #expect(Self.expand("inner critics") == #"(inner critics OR "self criticism" OR "self judgment")"#)
        #expect(Self.expand("act") == #"(act OR "acceptance and commitment therapy")"#)
        #expect(Self.expand("acting acts") == nil)
        // Phrases, fields, operators, wildcards and +/- words are not touched.
        #expect(Self.expand(#""behavior" title:behavior +behavior behavior* OR x"#) == nil)
        #expect(Self.expand("(behavior)") == "((behavior OR behaviour))")
    }

    @Test func searchFindsOtherSpellingsButRanksTheTypedWordsFirst() throws {
        let workspace = try Workspace(corpusFiles: ["mod213-behavioural-activation.txt", "mod201-cognitive-behavioural-therapy.txt"])
        try FileManager.default.copyItem(at: Workspace.corpus.appendingPathComponent("synonyms.txt"),
                                         to: workspace.documents.appendingPathComponent("synonyms.txt"))
        let summary = try workspace.index()
        #expect(summary.synonymGroups > 10)
        #expect(summary.files == 2, "synonyms.txt is not a document")

        let american = try workspace.search("behavioral activation")
        #expect(!american.hits.isEmpty, "a US spelling finds the UK text")
        #expect(american.hits.first?.modality == "MOD213")

        // inner critic is a synonym of self-criticism: passages with the typed words come first.
        // (A quoted phrase is searched as typed, without synonyms.)
        let typed = try workspace.search("inner critic", limit: 50)
        let firstAlternativeOnly = typed.hits.firstIndex { !$0.text.lowercased().contains("inner critic") }
        let lastExact = typed.hits.lastIndex { $0.text.lowercased().contains("inner critic") }
        if let firstAlternativeOnly, let lastExact {
            #expect(lastExact < firstAlternativeOnly, "an exact match ranks below a synonym-only match")
        }
        #expect(typed.hits.contains { !$0.text.lowercased().contains("inner critic") }, "synonyms add matches")
    }
}
