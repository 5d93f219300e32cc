import Foundation
import Testing
@testable import ModSearchCore
import ModSearchProtocol

@Suite struct SynonymTests {
    static let table = SynonymTable(text: """
        # comment
        behaviour, behavior
        CFT, compassion-focused therapy
        self-criticism, inner critic, self-judgment
        lonely   # a group of one is no group
        """)

    @Test func parsesGroupsAndIgnoresCommentsAndSingletons() {
        #expect(Self.table.groupCount == 3)
        #expect(SynonymTable(text: "").isEmpty)
    }

    @Test func rewritesPlainWordRunsOnly() {
        #expect(Self.table.expand(QueryText("behavior activation")) == "(behavior OR behaviour) activation")
        #expect(Self.table.expand(QueryText("CFT shame")) == #"(CFT OR "compassion focused therapy") shame"#)
        #expect(Self.table.expand(QueryText("compassion-focused therapy")) == "(compassion-focused therapy OR cft)")
        #expect(Self.table.expand(QueryText("self-criticism")) == #"(self-criticism OR "inner critic" OR "self judgment")"#)
        #expect(Self.table.expand(QueryText("nothing to do here")) == nil)
        // Phrases, fields, operators, wildcards and +/- words are not touched.
        #expect(Self.table.expand(QueryText(#""behavior" title:behavior +behavior behavior* OR x"#)) == nil)
        #expect(Self.table.expand(QueryText("(behavior)")) == "((behavior OR behaviour))")
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
