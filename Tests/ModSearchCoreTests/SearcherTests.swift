import Foundation
import Testing
import ModSearchCore
import XapianKit

@Suite struct SearcherTests {
    /// One index of the whole corpus, shared by the read-only tests of this suite.
    static let shared: Workspace = {
        let workspace = try! Workspace()
        try! workspace.index()
        return workspace
    }()

    /// A running searcher whose index another modsearch rebuilds in its own schema refuses it, as
    /// opening it would be refused (its phrases would find nothing without pair terms), and serves
    /// it again once it is ours.
    @Test func anIndexRebuiltInAnotherSchemaIsRefusedUntilItIsOursAgain() throws {
        let workspace = try Workspace()
        try workspace.index()
        let searcher = try Searcher(databasePath: workspace.database)
        #expect(try searcher.search(SearchOptions(query: #""inner critic""#)).total.estimate > 0)
        func markSchema(_ version: String) throws {
            let database = try WritableDatabase(path: workspace.database, mode: .open)
            try database.setMetadata(Schema.Metadata.schema, to: version)
            try database.commit()
            try database.close()
        }
        try markSchema("7")
        #expect(searcher.refresh())
        #expect(throws: EngineError(.unavailable, "the index at \(workspace.database) has schema 7, this modsearch reads "
                                    + "schema \(Schema.version); run `modsearch index`, which rebuilds it")) {
            try searcher.search(SearchOptions(query: #""inner critic""#))
        }
        try markSchema(Schema.version)
        #expect(searcher.refresh())
        #expect(try searcher.search(SearchOptions(query: #""inner critic""#)).total.estimate > 0)
    }

    @Test func selfCriticismFindsManyModalitiesWithHighlights() throws {
        let result = try Self.shared.search("self-criticism", limit: 20)
        #expect(result.hits.count == 20)
        #expect(result.hits.map(\.rank) == Array(1...20))
        #expect(Set(result.hits.map(\.modality)).count >= 5)
        for hit in result.hits {
            #expect(!hit.highlights.isEmpty, "\(hit.id) has no highlight")
            for span in hit.highlights {
                let bytes = Array(hit.snippet.utf8)
                let word = String(decoding: bytes[span], as: UTF8.self).lowercased()
                let synonyms = ["self-critic", "self critic", "inner critic", "self-judg", "self judg"]
                #expect(synonyms.contains { word.hasPrefix($0) }, "\(hit.id): highlighted '\(word)'")
            }
        }
    }

    @Test(arguments: [("self-critical", "self-criticism"), ("self-criticism", "self-critical")])
    func theFormTypedRanksFirst(typed: String, other: String) throws {
        let hits = try Self.shared.search(typed, limit: 20).hits
        #expect(hits.prefix(3).allSatisfy { $0.text.lowercased().contains(typed) }, "\(hits.prefix(3).map(\.id))")
        #expect(hits.contains { $0.text.lowercased().contains(other) && !$0.text.lowercased().contains(typed) },
                "other forms of the words are found too")
    }

    @Test func filtersByModalityAndSection() throws {
        let result = try Self.shared.search("compassion", modality: ["mod032"], section: ["Evidence to Efficacy"])
        #expect(!result.hits.isEmpty)
        #expect(result.hits.allSatisfy { $0.modality == "MOD032" && $0.section == "evidence-to-efficacy" })
        let typed = try Self.shared.search("compassion modality:MOD032 section:evidence")
        #expect(typed.hits.map(\.id) == result.hits.map(\.id))
        let quoted = try Self.shared.search(#"compassion section:"What to Ask a Practitioner""#)
        #expect(quoted.hits.allSatisfy { $0.section == "what-to-ask-a-practitioner" })
    }

    @Test func collapseGivesOnePassagePerModality() throws {
        let result = try Self.shared.search("self-criticism", limit: 50, grouping: .modality)
        let modalities = result.hits.map(\.modality)
        #expect(Set(modalities).count == modalities.count)
        #expect(modalities.count >= 8)
    }

    @Test func facetsCountPerModalityAndSection() throws {
        let result = try Self.shared.search("trauma", limit: 5, facets: true)
        let facets = try #require(result.facets)
        #expect(facets.modality.values.reduce(0, +) == result.total.estimate)
        #expect(facets.section.values.reduce(0, +) == result.total.estimate)
        #expect(facets.modality["MOD152"] ?? 0 > 0)
    }

    @Test func malformedQueryIsABadQuerySayingWhere() throws {
        #expect(throws: EngineError(.badQuery, "AND at position 0 needs a word before it")) {
            try Self.shared.search("AND OR (")
        }
    }

    /// Where Xapian's parser fell back to plain words, the query language has rules of its own.
    @Test func exclusionsAloneFindEverythingElseAndNearTakesTheWordsNextToIt() throws {
        let result = try Self.shared.search("-trauma", limit: 20)
        #expect(result.hits.count == 20)
        #expect(result.hits.allSatisfy { hit in
            !hit.text.lowercased().split(whereSeparator: { !$0.isLetter }).contains("trauma")
        })
        let near = try Self.shared.search("somatic trauma NEAR body", limit: 5).hits.map(\.id)
        #expect(!near.isEmpty)
        #expect(near == (try Self.shared.search("somatic (trauma NEAR body)", limit: 5)).hits.map(\.id))
    }

    @Test func unknownSectionIsABadQuery() {
        #expect {
            try Self.shared.search("x section:nowhere")
        } throws: { error in
            guard let error = error as? EngineError else { return false }
            return error.kind == .badQuery && error.message.hasPrefix("unknown section 'nowhere' (try one of: ")
        }
    }

    @Test func missingDatabaseIsUnavailable() {
        #expect {
            _ = try Searcher(databasePath: "/nonexistent/modsearch-db")
        } throws: { error in
            guard let error = error as? EngineError else { return false }
            return error.kind == .unavailable && error.message.hasPrefix("no index at /nonexistent/modsearch-db")
        }
    }

    @Test func misspellingIsCorrected() throws {
        let result = try Self.shared.search("compasion")
        #expect(result.corrected == "compassion")
        #expect(!result.hits.isEmpty)
    }

    @Test func getReturnsOnePassageAndUnknownIdsAreNotFound() throws {
        let searcher = try Searcher(databasePath: Self.shared.database)
        let hit = try searcher.passage(id: "mod032/definition/1")
        #expect(hit.modality == "MOD032" && hit.section == "definition" && hit.ordinal == 1)
        #expect(throws: EngineError(.notFound, "no passage with id 'mod999/definition/1'")) {
            try searcher.passage(id: "mod999/definition/1")
        }
    }

    @Test func relatedPassagesComeFromOtherModalities() throws {
        let searcher = try Searcher(databasePath: Self.shared.database)
        let related = try searcher.related(target: "mod032/definition/1")
        #expect(!related.hits.isEmpty)
        #expect(related.hits.allSatisfy { $0.modality != "MOD032" })
    }

    @Test func relatedModalityListsReferencesBothWays() throws {
        let searcher = try Searcher(databasePath: Self.shared.database)
        let related = try searcher.related(target: "MOD032")
        #expect(related.references?.contains("MOD001") == true)
        #expect(related.referencedBy?.contains("MOD001") == true)
        let modalities = related.hits.map(\.modality)
        #expect(!modalities.isEmpty && !modalities.contains("MOD032") && Set(modalities).count == modalities.count)
    }

    @Test func statsCountPassagesAndModalities() throws {
        let stats = try Searcher(databasePath: Self.shared.database).stats()
        #expect(stats.modalities == 24)
        #expect(stats.documents == 24 * 9, "one document per section")
        let counted = try Self.shared.search("modality:MOD032", limit: 0, facets: true)
        #expect(counted.total.estimate == counted.facets?.modality["MOD032"])
        #expect(stats.passages > stats.documents * 4)
        #expect(stats.revision >= 1)
    }

    @Test func searcherSeesANewRevisionAfterRefresh() throws {
        let workspace = try Workspace(corpusFiles: ["mod032-compassion-focused-therapy.txt"])
        try workspace.index()
        let searcher = try Searcher(databasePath: workspace.database)
        #expect(try searcher.search(SearchOptions(query: "zebrafinch")).hits.isEmpty)
        try workspace.write("mod900-new.txt", "MOD900 – New\n\nDefinition\n\nA zebrafinch document.\n")
        try workspace.index()
        searcher.refresh()
        #expect(try searcher.search(SearchOptions(query: "zebrafinch")).hits.map(\.modality) == ["MOD900"])
    }

    /// A rebuilt index numbers its sections afresh (built in shards and merged, as
    /// `modsearch index --rebuild` builds it), so sections decoded from the old revision must not
    /// stand in for the new revision's.
    @Test func searcherShowsARebuiltSectionsNewText() throws {
        let file = "mod032-compassion-focused-therapy.txt"
        let others = try FileManager.default.contentsOfDirectory(atPath: Workspace.corpus.path)
            .filter { $0.hasPrefix("mod") && $0 != file }.sorted().prefix(3)
        let workspace = try Workspace(corpusFiles: [file] + others)
        try workspace.index(workers: 2)
        let searcher = try Searcher(databasePath: workspace.database)
        let before = try searcher.search(SearchOptions(query: "psychotherapy section:definition"))
        #expect(before.hits.first?.passage.id == "mod032/definition/1")
        try workspace.write(file, try workspace.read(file).replacingOccurrences(
            of: "is an evolution-informed psychotherapy", with: "is a zebrafinch-informed psychotherapy"))
        try workspace.index(rebuild: true, workers: 2)
        #expect(searcher.refresh())
        let after = try searcher.search(SearchOptions(query: "psychotherapy section:definition"))
        #expect(after.hits.first?.passage.id == "mod032/definition/1")
        #expect(after.hits.first?.passage.text.contains("zebrafinch") == true)
        #expect(try searcher.passage(id: "mod032/definition/1").text.contains("zebrafinch"))
    }
}
