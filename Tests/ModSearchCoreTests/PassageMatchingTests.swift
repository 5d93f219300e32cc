import Foundation
import Testing
import ModSearchCore
import XapianKit

/// One Xapian document per section: every hit must be a passage that satisfies the query by itself.
@Suite struct PassageMatchingTests {
    static let document = """
        MOD901 – Lantern Therapy

        Definition

        Alpha kestrel words here, with a marigold.

        Beta osprey words there, and another marigold marigold.

        Related Therapies

        Compassion-Focused Therapy (CFT) (MOD032): kestrel again.

        """

    static let shared: Workspace = {
        let workspace = try! Workspace(documents: ["mod901-lantern.txt": document])
        try! workspace.index()
        return workspace
    }()

    /// The ids of the passages satisfying the query itself (not those with only some of its
    /// words; none when it was corrected).
    func ids(_ query: String) throws -> [String] {
        let result = try Self.shared.search(query)
        return result.corrected == nil ? result.hits.filter { !$0.partial }.map(\.id) : []
    }

    @Test func andNeedsBothWordsInOnePassage() throws {
        #expect(try ids("kestrel osprey").isEmpty, "the words are in two passages of one section")
        let relaxed = try Self.shared.search("kestrel osprey")
        #expect(relaxed.rewrites == [QueryRewrite(.partial, from: "kestrel osprey", to: "kestrel OR osprey")],
                "the answer says it shows passages with either word")
        #expect(relaxed.total == .exactly(0) && relaxed.hits.count == 3 && relaxed.hits.allSatisfy(\.partial))
        #expect(try ids("kestrel words") == ["mod901/definition/1"])
        #expect(try ids("kestrel OR osprey").sorted() == ["mod901/definition/1", "mod901/definition/2",
                                                         "mod901/related-therapies/1"])
    }

    @Test func phrasesAndNearStayInsideAPassage() throws {
        #expect(try ids(#""words there""#) == ["mod901/definition/2"])
        #expect(try ids(#""marigold beta""#).isEmpty, "a phrase never spans two passages")
        #expect(try ids("marigold NEAR beta") == ["mod901/definition/2"])
        #expect(try ids("alpha NEAR osprey").isEmpty)
    }

    /// "doxibikop" and "lapebadax" have the same position-block fingerprint under the first salt,
    /// which this section's block takes: the block alone would give a search for the second the
    /// passage of the first.
    @Test func aWordTheSectionLacksFindsNoOtherWordsPassage() throws {
        let workspace = try Workspace(documents: ["mod902-beacon.txt": """
            MOD902 – Beacon Therapy

            Definition

            A marigold passage.

            A doxibikop passage.

            """])
        try workspace.index()
        #expect(try workspace.search("marigold OR lapebadax").hits.map(\.id) == ["mod902/definition/1"])
        #expect(try workspace.search("marigold OR doxibikop").hits.map(\.id).sorted()
                == ["mod902/definition/1", "mod902/definition/2"])
    }

    @Test func notWildcardsAndFieldsPerPassage() throws {
        #expect(try ids("words -kestrel") == ["mod901/definition/2"], "a NOT excludes passages, not sections")
        #expect(try ids("kestrel XOR marigold").sorted() == ["mod901/definition/2", "mod901/related-therapies/1"])
        #expect(try ids("kest*").sorted() == ["mod901/definition/1", "mod901/related-therapies/1"])
        #expect(try ids("kestrel related:MOD032") == ["mod901/related-therapies/1"])
        #expect(try ids("osprey related:MOD032").isEmpty)
    }

    @Test func titleAndHeadingWordsBelongToEveryPassageOfTheSection() throws {
        #expect(try ids("lantern osprey") == ["mod901/definition/2"])
        #expect(try ids("definition kestrel") == ["mod901/definition/1"])
        #expect(try ids(#"title:lantern"#).count == 3)
    }

    @Test func thePassageWithMoreOfTheWordRanksFirst() throws {
        #expect(try ids("marigold") == ["mod901/definition/2", "mod901/definition/1"])
    }

    @Test func countsAndFacetsArePassages() throws {
        let counted = try Self.shared.search("words", limit: 0, facets: true)
        #expect(counted.total == .exactly(2))
        #expect(counted.facets?.modality == ["MOD901": 2] && counted.facets?.section == ["definition": 2])
        let bySection = try Self.shared.search("kestrel", grouping: .section)
        #expect(bySection.hits.map(\.id).sorted() == ["mod901/definition/1", "mod901/related-therapies/1"])
    }

    @Test func getFindsAPassageInsideItsSection() throws {
        let searcher = try Searcher(databasePath: Self.shared.database)
        #expect(try searcher.passage(id: "MOD901/definition/2").text.hasPrefix("Beta osprey"))
        #expect(throws: EngineError(.notFound, "no passage with id 'mod901/definition/9'")) {
            try searcher.passage(id: "mod901/definition/9")
        }
    }

    @Test func parallelBuildEqualsOneWriter() throws {
        let workspace = try Workspace()
        let serial = try workspace.index(workers: 1, into: workspace.root.path + "/serial")
        let parallel = try workspace.index(workers: 2, into: workspace.root.path + "/parallel")
        #expect(parallel.indexed == serial.indexed && parallel.passages == serial.passages)
        #expect(parallel.synonymGroups == serial.synonymGroups)
        // Each worker writes its spelling data into a shard of its own; merged, it is the one writer's.
        let spelling = try Database(path: workspace.root.path + "/parallel").metadata(Schema.Metadata.spelling)
        let serialSpelling = try Database(path: workspace.root.path + "/serial").metadata(Schema.Metadata.spelling)
        #expect(!spelling.isEmpty && spelling == serialSpelling)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: workspace.root.path)
            .filter { $0.contains(".build-") }
        #expect(leftovers.isEmpty)
        let one = try Searcher(databasePath: workspace.root.path + "/serial")
        let two = try Searcher(databasePath: workspace.root.path + "/parallel")
        #expect(try one.stats().passages == two.stats().passages)
        // Whole answers, equal scores in id order: the two builds number their documents differently,
        // and Xapian breaks ties by document number.
        func scored(_ searcher: Searcher, _ query: String) throws -> [String] {
            try searcher.search(SearchOptions(query: query, limit: 1000)).hits
                .sorted { $0.score > $1.score || ($0.score == $1.score && $0.id < $1.id) }.map { "\($0.score) \($0.id)" }
        }
        for query in ["self-criticism", "compassion", #""two-chair dialogue""#, "mindfulness NEAR breathing", "CFT"] {
            #expect(try scored(one, query) == scored(two, query), "\(query)")
        }
        let check = try run("/usr/bin/xapian-check", [workspace.root.path + "/parallel"])
        #expect(check.status == 0, "\(check.output)")
        // A second run over the filled database is incremental and finds nothing to do.
        let again = try workspace.index(workers: 2, into: workspace.root.path + "/parallel")
        #expect(again.unchanged == again.files && again.indexed == 0)
    }

    @Test func parallelBuildKeepsTheFirstFileOfADuplicateModality() throws {
        var documents: [String: String] = [:]
        for n in 0..<6 {
            documents["mod9\(10 + n)-doc.txt"] = "MOD9\(10 + n) – Doc \(n)\n\nDefinition\n\nOwl number \(n).\n"
        }
        documents["mod999-copy.txt"] = "MOD910 – Copy\n\nDefinition\n\nOwl copy.\n"
        let workspace = try Workspace(documents: documents)
        let summary = try workspace.index(workers: 2)
        #expect(summary.indexed == 6 && summary.skipped.map(\.file).map { ($0 as NSString).lastPathComponent } == ["mod999-copy.txt"])
        let kept = try Searcher(databasePath: workspace.database).passage(id: "mod910/definition/1")
        #expect(kept.title == "Doc 0")
    }

    @Test func aSectionBeyondTheLimitIsIndexedWithAWarning() throws {
        let bullets = (1...Schema.maxPassages + 2).map { "- Item number \($0) about herons." }.joined(separator: "\n")
        let workspace = try Workspace(documents: ["mod950-long.txt": "MOD950 – Long\n\nDefinition\n\n\(bullets)\n"])
        let summary = try workspace.index()
        #expect(summary.warnings.contains { $0.contains("cannot be found by searching") })
        let counted = try workspace.search("herons", limit: 0)
        #expect(counted.total.estimate == Schema.maxPassages)
        let searcher = try Searcher(databasePath: workspace.database)
        #expect(try searcher.passage(id: "mod950/definition/\(Schema.maxPassages + 2)").text.hasPrefix("Item number"))
    }

    @Test func hostileInputIsAnswerNotACrash() throws {
        #expect(try ids("beta NEAR/5000 marigold") == ["mod901/definition/2"], "a window wider than a passage")
        _ = try Self.shared.search("beta NEAR/4294967295 marigold")  // Xapian's parser wraps the width
        #expect(try ids("alpha NEAR/3000000 osprey").isEmpty, "still one passage at a time")
        let searcher = try Searcher(databasePath: Self.shared.database)
        for id in ["mod901/definition/-9223372036854775808", "mod901/definition/0", "mod901/definition/x"] {
            #expect(throws: EngineError(.notFound, "no passage with id '\(id)'")) { try searcher.passage(id: id) }
        }
        let deep = try searcher.search(SearchOptions(query: "words", offset: Int.max - 5, limit: 10))
        #expect(deep.hits.isEmpty && deep.total.lower > 0, "a page past the end, of a query that matches")
    }

    @Test func aPassageTooLongForItsRangeIsCutWithAWarning() throws {
        let tokens = Array(repeating: "a", count: Int(Schema.passageStride) + 50).joined(separator: ",")
        let text = "MOD951 – Commas\n\nDefinition\n\nLapwing \(tokens) curlew.\n\nSecond passage with a curlew.\n"
        let workspace = try Workspace(documents: ["mod951-commas.txt": text])
        let summary = try workspace.index()
        #expect(summary.indexed == 1)
        #expect(summary.warnings.contains { $0.contains("definition/1 is too long") })
        #expect(try workspace.search("lapwing").hits.map(\.id) == ["mod951/definition/1"])
        #expect(try workspace.search("curlew").hits.map(\.id) == ["mod951/definition/2"], "the cut end is not searched")
    }

    @Test func collapsingByModalityLooksPastASectionWithoutAPassage() throws {
        let text = """
            MOD960 – Heron Therapy

            Definition

            Kestrel kestrel kestrel kestrel, a kestrel.

            Osprey osprey osprey osprey, an osprey.

            Explanation

            One kestrel and one osprey together.

            """
        let workspace = try Workspace(documents: ["mod960-heron.txt": text])
        try workspace.index()
        let result = try workspace.search("kestrel osprey", grouping: .modality)
        #expect(result.corrected == nil)
        #expect(result.hits.map(\.id) == ["mod960/explanation/1"])
    }

    /// A count reads passages from positions alone where it can; a word of the title or heading,
    /// a filter or a NOT holds for every passage, and must count the passages the section has.
    @Test(arguments: ["lantern", "definition", "lantern marigold", "-kestrel", "words -kestrel", "modality:MOD901",
                      "kestrel OR lantern", "marigold XOR therapy", #""lantern therapy""#, "kestrel related:MOD032",
                      "marigold NEAR beta"])
    func aCountAgreesWithThePassagesListed(query: String) throws {
        let counted = try Self.shared.search(query, limit: 0)
        let listed = try Self.shared.search(query, limit: 100)
        #expect(listed.corrected == nil)
        #expect(counted.total == .exactly(listed.hits.filter { !$0.partial }.count))
    }
}
