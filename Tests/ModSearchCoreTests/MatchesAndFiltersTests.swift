import Testing
@testable import ModSearchCore

/// Every match a batch at a time, and filters that name what exists.
@Suite struct MatchesAndFiltersTests {
    @Test func everyMatchComesOnceInBatchesThatEndWithoutACursor() throws {
        let workspace = try Workspace()
        try workspace.index()
        let searcher = try Searcher(databasePath: workspace.database)
        let exact = try searcher.search(SearchOptions(query: "therapy", limit: 0)).total
        #expect(exact.isExact && exact.estimate > 300)
        var ids: [String] = []
        var cursor: Int? = 0
        var batches = 0
        while let from = cursor {
            let batch = try searcher.matches(SearchOptions(query: "therapy", limit: 100), cursor: from)
            #expect(batch.next == nil || batch.hits.count >= 100, "only the last batch is short")
            #expect(batch.hits.allSatisfy { $0.passage.line > 0 && $0.passage.source.hasSuffix(".txt") })
            ids += batch.hits.map(\.id)
            cursor = batch.next
            batches += 1
        }
        #expect(ids.count == exact.estimate && Set(ids).count == ids.count)
        #expect(batches >= exact.estimate / 110)
    }

    @Test func matchesTakeTheFiltersOfASearch() throws {
        let workspace = try Workspace()
        try workspace.index()
        let searcher = try Searcher(databasePath: workspace.database)
        let options = SearchOptions(query: "shame", modalities: ["mod032"], sections: ["explanation"], limit: 1000)
        let batch = try searcher.matches(options, cursor: 0)
        #expect(batch.next == nil && !batch.hits.isEmpty)
        #expect(batch.hits.allSatisfy { $0.id.hasPrefix("mod032/explanation/") })
        #expect(batch.hits.count == (try searcher.search(SearchOptions(query: "shame", modalities: ["MOD032"],
                                                                        sections: ["explanation"], limit: 0))).total.estimate)
    }

    @Test func anUnknownModalityOrSectionNamesTheValidOnes() throws {
        let workspace = try Workspace()
        try workspace.index()
        let searcher = try Searcher(databasePath: workspace.database)
        func message(_ options: SearchOptions) -> String? {
            do {
                _ = try searcher.search(options)
                return nil
            } catch {
                return error.kind == .badOption("modality") || error.kind == .badOption("section") ? error.message : "\(error)"
            }
        }
        #expect(message(SearchOptions(query: "shame", modalities: ["CFT"]))
            == "unknown modality 'CFT' (nearest: MOD032 Compassion-Focused Therapy)")
        #expect(message(SearchOptions(query: "shame", modalities: ["MOD32"]))?.contains("nearest: MOD032 ") == true)
        #expect(message(SearchOptions(query: "shame", modalities: ["XYZZY"]))?.contains("modality ids look like MOD032") == true)
        #expect(message(SearchOptions(query: "shame", sections: ["nosuch"]))
            == "unknown section 'nosuch' (try one of: definition, explanation, evidence, neuroscience, governing, good, ask, resources, related)")
        #expect(message(SearchOptions(query: "shame", modalities: ["mod032"], sections: ["Evidence to Efficacy"])) == nil)
    }

    @Test func nearestModalitiesByNumberInitialsTitleWordOrTypingSlip() {
        let modalities = [(id: "MOD001", title: "Acceptance and Commitment Therapy"), (id: "MOD032", title: "Compassion-Focused Therapy"),
                          (id: "MOD039", title: "Dialectical Behaviour Therapy")]
        #expect(ModalityNames.nearest(to: "ACT", among: modalities) == ["MOD001 Acceptance and Commitment Therapy"])
        #expect(ModalityNames.nearest(to: "cft", among: modalities) == ["MOD032 Compassion-Focused Therapy"])
        #expect(ModalityNames.nearest(to: "32", among: modalities) == ["MOD032 Compassion-Focused Therapy"])
        #expect(ModalityNames.nearest(to: "dialectic", among: modalities) == ["MOD039 Dialectical Behaviour Therapy"])
        #expect(ModalityNames.nearest(to: "MOD0399", among: modalities).first == "MOD039 Dialectical Behaviour Therapy")
        #expect(ModalityNames.nearest(to: "zzz", among: modalities).isEmpty)
    }
}
