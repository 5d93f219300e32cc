import Foundation
import Synchronization
import Testing
import XapianKit
@testable import ModSearchCore

/// What an index run leaves when it is interrupted, finds nothing, or rebuilds.
@Suite struct IndexRunTests {
    static let eight = ["mod001-acceptance-and-commitment-therapy.txt", "mod032-compassion-focused-therapy.txt",
                        "mod039-dialectical-behaviour-therapy.txt", "mod050-emotion-focused-therapy.txt",
                        "mod077-integrative-body-psychotherapy.txt", "mod106-mindfulness-based-stress-reduction.txt",
                        "mod110-mindfulness-based-cognitive-therapy.txt", "mod152-somatic-experiencing.txt"]

    /// Files and folders beside the database whose names start with it.
    static func leftovers(_ workspace: Workspace) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: workspace.root.path).filter { $0.hasPrefix("db") }.sorted()
    }

    /// Says "interrupted" from its `after`-th question on.
    final class Countdown: Sendable {
        private let left: Mutex<Int>
        init(after: Int) { left = Mutex(after) }
        func ask() -> Bool { left.withLock { $0 -= 1; return $0 < 0 } }
    }

    @Test(arguments: [1, 2])
    func anInterruptedFirstRunLeavesNoIndex(workers: Int) throws {
        let workspace = try Workspace(corpusFiles: Self.eight)
        let countdown = Countdown(after: 3)
        #expect(throws: IndexError.self) {
            try Indexer(databasePath: workspace.database, workers: workers)
                .index([workspace.documents.path], interrupted: { countdown.ask() })
        }
        #expect(try Self.leftovers(workspace) == [])
    }

    @Test(arguments: [1, 2])
    func anInterruptedRunLeavesThePreviousIndex(workers: Int) throws {
        let workspace = try Workspace(corpusFiles: Self.eight)
        try workspace.remove(Self.eight[0])
        let first = try workspace.index()
        let revision = try Database(path: workspace.database).revision
        try FileManager.default.copyItem(at: Workspace.corpus.appendingPathComponent(Self.eight[0]),
                                         to: workspace.documents.appendingPathComponent(Self.eight[0]))
        let countdown = Countdown(after: 1)
        do {
            _ = try Indexer(databasePath: workspace.database, workers: workers)
                .index([workspace.documents.path], rebuild: workers > 1, interrupted: { countdown.ask() })
            Issue.record("not interrupted")
        } catch {
            guard case .interrupted = error else { Issue.record("\(error)"); return }
        }
        let database = try Database(path: workspace.database)
        #expect(try database.revision == revision)
        #expect(try database.metadata(Schema.Metadata.passages) == String(first.passages))
        #expect(try Self.leftovers(workspace) == ["db"])
    }

    @Test func aFolderWithoutDocumentsIsAWarningAndNoIndex() throws {
        let workspace = try Workspace(documents: [:])
        let summary = try workspace.index()
        #expect(summary.files == 0 && summary.warnings == ["\(workspace.documents.path): no documents (*.txt files) in this folder"])
        #expect(try Self.leftovers(workspace) == [])
    }

    @Test func aRebuildBuildsANewDatabaseAsideOnEveryWorker() throws {
        let workspace = try Workspace(corpusFiles: Self.eight)
        let first = try workspace.index(workers: 2)
        let before = try FileManager.default.attributesOfItem(atPath: workspace.database)[.systemFileNumber] as? Int
        let rebuilt = try workspace.index(rebuild: true, workers: 2)
        let after = try FileManager.default.attributesOfItem(atPath: workspace.database)[.systemFileNumber] as? Int
        #expect(rebuilt.indexed == 8 && rebuilt.passages == first.passages)
        #expect(before != after)
        #expect(try Self.leftovers(workspace) == ["db"])
    }

    /// Each worker of a parallel build starts a new shard every `filesPerShard` files: the merge
    /// holds every file of every shard, and a modality's second file is dropped from whichever
    /// shard holds it, as one writer would refuse it.
    @Test func aBuildInSeveralShardsPerWorkerEqualsOneWriter() throws {
        let workspace = try Workspace(corpusFiles: Self.eight)
        try workspace.write("mod999-copy.txt", "MOD032 – Copy\n\nDefinition\n\nOwl copy.\n")
        let serialPath = workspace.root.path + "/serial"
        let serial = try Indexer(databasePath: serialPath, workers: 1).index([workspace.documents.path])
        let indexer = try Indexer(databasePath: workspace.database, workers: 2)
        indexer.filesPerShard = 2
        let sharded = try indexer.index([workspace.documents.path])
        #expect(sharded.indexed == 8 && sharded.indexed == serial.indexed && sharded.passages == serial.passages)
        #expect(sharded.skipped.map(\.file) == [workspace.documents.path + "/mod999-copy.txt"])
        #expect(sharded.skipped.map(\.reason) == serial.skipped.map(\.reason))
        func scored(_ database: String, _ query: String) throws -> [String] {
            try Searcher(databasePath: database).search(SearchOptions(query: query, limit: 1000)).hits
                .sorted { $0.score > $1.score || ($0.score == $1.score && $0.id < $1.id) }.map { "\($0.score) \($0.id)" }
        }
        for query in ["self-criticism", "compassion", "owl", #""body scan""#, "mindfulness NEAR breathing"] {
            #expect(try scored(workspace.database, query) == scored(serialPath, query), "\(query)")
        }
        #expect(try scored(workspace.database, "owl").isEmpty, "the copy's text is not in the index")
        let check = try run("/usr/bin/xapian-check", [workspace.database])
        #expect(check.status == 0, "\(check.output)")
        #expect(try Self.leftovers(workspace) == ["db"])
    }

    @Test func aWorkerWritesAtMost32Shards() {
        #expect(ParallelBuild.filesPerShard(of: 5_000, wanted: 2_500) == 2_500)
        #expect(ParallelBuild.filesPerShard(of: 80_000, wanted: 2_500) == 2_500)
        #expect(ParallelBuild.filesPerShard(of: 500_000, wanted: 2_500) == 15_625, "a million files on 2 workers")
        #expect(ParallelBuild.filesPerShard(of: 65, wanted: 2) == 3)
    }

    @Test func aDocumentWithMostSectionsMissingIsWarnedAbout() throws {
        let whole = try String(contentsOf: Workspace.corpus.appendingPathComponent(Self.eight[1]), encoding: .utf8)
        let cut = try #require(whole.components(separatedBy: "\nEvidence to Efficacy\n").first)
        let workspace = try Workspace(documents: ["mod032.txt": cut])
        let summary = try workspace.index()
        #expect(summary.indexed == 1)
        #expect(summary.warnings.contains { $0.hasSuffix("mod032.txt: only 2 of the 9 sections; missing Evidence to Efficacy, "
            + "Neuroscience and Physiology, Governing Body, What Good Looks Like, What to Ask a Practitioner, "
            + "Self-Study Resources, Related Therapies") }, "\(summary.warnings)")
        #expect(try Workspace(corpusFiles: [Self.eight[1]]).index().warnings.isEmpty)
    }
}
