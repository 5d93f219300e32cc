import Foundation
import Synchronization
import Testing
import XapianKit
@testable import ModSearchCore

/// An index watcher's pieces: the batches changes are gathered into, and the update of only the
/// changed paths (`Indexer.update(changed:roots:)`).
@Suite struct WatchUpdateTests {
    static let three = ["mod001-acceptance-and-commitment-therapy.txt", "mod032-compassion-focused-therapy.txt",
                        "mod039-dialectical-behaviour-therapy.txt"]

    static func indexedPaths(_ workspace: Workspace) throws -> [String] {
        try FileRecord.all(in: Database(path: workspace.database)).values.map(\.path).sorted()
    }

    static func update(_ workspace: Workspace, _ names: [String]) throws -> IndexSummary {
        let root = SourceFiles.absolute(workspace.documents.path)
        return try Indexer(databasePath: workspace.database, workers: 1)
            .update(changed: names.map { root + "/" + $0 }, roots: [root])
    }

    @Test func aChangeIsDueAQuietSpellAfterIt() {
        let start = ContinuousClock.now
        var batch = ChangeBatch()
        #expect(batch.due == nil)
        batch.add([], at: start)
        #expect(batch.due == nil, "no change, no batch")
        batch.add(["/a.txt"], at: start)
        #expect(batch.due == start + ChangeBatch.quiet)
    }

    @Test func aSteadyStreamOfChangesIsDueAtTheLongestAfterItsFirst() {
        let start = ContinuousClock.now
        var batch = ChangeBatch()
        for tick in 0..<50 {
            batch.add(["/\(tick % 7).txt"], at: start + .milliseconds(50 * tick))
        }
        #expect(batch.due == start + ChangeBatch.longest)
        #expect(batch.take() == (0..<7).map { "/\($0).txt" }.sorted())
        #expect(batch.isEmpty && batch.due == nil)
    }

    @Test func onlyTheChangedFilesAreRead() throws {
        let workspace = try Workspace(corpusFiles: Self.three)
        try workspace.index()
        try workspace.write(Self.three[0], try workspace.read(Self.three[0]) + "\nAn added line about kelp.\n")
        try workspace.write(Self.three[2], "")
        let summary = try Self.update(workspace, [Self.three[0], Self.three[1]])
        #expect(summary.indexed == 1 && summary.unchanged == 1 && summary.skipped.isEmpty, "\(summary)")
        #expect(try workspace.search("kelp").hits.count == 1)
        #expect(try workspace.search("dialectical").hits.isEmpty == false, "the file not named keeps its passages")
    }

    /// A changed path is held to the rules of a walk of its watched folder: a link is followed
    /// only to a file inside it (issue #16, item 6), not as a file the user named.
    @Test func aLinkToAFileOutsideTheWatchedFolderIsNotIndexed() throws {
        let workspace = try Workspace(corpusFiles: Self.three)
        try workspace.index()
        let outside = workspace.root.appendingPathComponent("outside.txt").path
        try workspace.read(Self.three[1]).replacingOccurrences(of: "MOD032", with: "MOD932")
            .write(toFile: outside, atomically: true, encoding: .utf8)
        let root = SourceFiles.absolute(workspace.documents.path)
        try FileManager.default.createSymbolicLink(atPath: root + "/link.txt", withDestinationPath: outside)
        let summary = try Self.update(workspace, ["link.txt"])
        #expect(summary.indexed == 0, "\(summary)")
        #expect(try !Self.indexedPaths(workspace).contains(outside))
    }

    @Test func aFileGoneLosesItsPassagesAndARenamedOneKeepsThemUnderItsNewName() throws {
        let workspace = try Workspace(corpusFiles: Self.three)
        try workspace.index()
        let root = SourceFiles.absolute(workspace.documents.path)
        try FileManager.default.moveItem(atPath: root + "/" + Self.three[1], toPath: root + "/cft.txt")
        try workspace.remove(Self.three[2])
        let summary = try Self.update(workspace, [Self.three[1], "cft.txt", Self.three[2]])
        #expect(summary.indexed == 1 && summary.removed == 2 && summary.skipped.isEmpty, "\(summary)")
        let paths = try Self.indexedPaths(workspace)
        #expect(paths == [root + "/cft.txt", root + "/" + Self.three[0]])
        let modalities = try workspace.search("therapy", limit: 100).hits.map(\.modality)
        #expect(Set(modalities) == ["MOD001", "MOD032"])
    }

    @Test func aFolderGoneLosesAllItsDocuments() throws {
        let workspace = try Workspace(corpusFiles: [])
        let root = SourceFiles.absolute(workspace.documents.path)
        try FileManager.default.createDirectory(atPath: root + "/sub", withIntermediateDirectories: true)
        for name in Self.three {
            try FileManager.default.copyItem(atPath: Workspace.corpus.appendingPathComponent(name).path,
                                             toPath: root + "/sub/" + name)
        }
        try workspace.index()
        try FileManager.default.removeItem(atPath: root + "/sub")
        try workspace.write(Self.three[0], try String(contentsOfFile: Workspace.corpus.appendingPathComponent(Self.three[0]).path,
                                                      encoding: .utf8))
        let summary = try Self.update(workspace, ["sub", Self.three[0]])
        #expect(summary.removed == 3 && summary.indexed == 1, "\(summary)")
        let paths = try Self.indexedPaths(workspace)
        #expect(paths == [root + "/" + Self.three[0]])
    }

    @Test func aChangedSynonymsFileIsLoadedNotIndexedAsADocument() throws {
        let workspace = try Workspace(corpusFiles: [Self.three[0]])
        try workspace.index()
        try workspace.write(SynonymTable.fileName, "kelp, seaweed\nshame, humiliation\n")
        let summary = try Self.update(workspace, [SynonymTable.fileName])
        #expect(summary.skipped.isEmpty && summary.files == 0, "\(summary)")
        #expect(summary.synonymGroups == 2)
    }
}

/// The watcher itself, run on a thread of its own over real folders and a real index.
@Suite struct IndexWatcherTests {
    /// What the watcher reported, as lines, and a switch to stop it.
    final class Reports: Sendable {
        let lines = Mutex<[String]>([])
        let stop = Atomic<Bool>(false)
        let stopped = Atomic<Bool>(false)

        var hasStopped: Bool { stopped.load(ordering: .relaxed) }

        func waitFor(_ prefix: String) -> Bool {
            for _ in 0..<1000 {
                if lines.withLock({ $0.contains { $0.hasPrefix(prefix) } }) { return true }
                usleep(10_000)
            }
            return false
        }
    }

    static func start(_ watcher: IndexWatcher) -> Reports {
        let reports = Reports()
        Thread {
            do {
                try watcher.run(interrupted: { reports.stop.load(ordering: .relaxed) }) { report in
                    let line = switch report {
                    case .indexed(let summary): "indexed \(summary.indexed)"
                    case .updated(let summary): "updated \(summary.indexed) revision \(summary.revision)"
                    case .failed(let error, let retrying): "failed \(error) \(retrying)"
                    case .warning(let message): "warning \(message)"
                    }
                    reports.lines.withLock { $0.append(line) }
                }
            } catch {
                reports.lines.withLock { $0.append("threw \(error)") }
            }
            reports.stopped.store(true, ordering: .relaxed)
        }.start()
        return reports
    }

    @Test func anUpdateThatFindsTheIndexLockedIsTriedAgainOnceItIsFree() throws {
        let workspace = try Workspace(corpusFiles: WatchUpdateTests.three)
        let reports = Self.start(IndexWatcher(databasePath: workspace.database, paths: [workspace.documents.path]))
        defer {
            reports.stop.store(true, ordering: .relaxed)
            while !reports.hasStopped { usleep(10_000) }
        }
        #expect(reports.waitFor("indexed 3"), "\(reports.lines.withLock { $0 })")
        // Another writer holds the index while the file changes.
        try withExtendedLifetime(try Indexer(databasePath: workspace.database, workers: 1)) {
            let name = WatchUpdateTests.three[1]
            try workspace.write(name, try workspace.read(name) + "\nA line about kelp.\n")
            #expect(reports.waitFor("failed"), "\(reports.lines.withLock { $0 })")
            #expect(reports.lines.withLock { $0.last?.contains("another process is writing to this index") ?? false })
        }
        #expect(reports.waitFor("updated 1"), "\(reports.lines.withLock { $0 })")
        #expect(try workspace.search("kelp").hits.count == 1)
    }

    /// As `index` would, once a modality's file is gone its other file, skipped before as a
    /// duplicate, is indexed in its place.
    @Test func aFileSkippedForAModalityIdAnotherHadIsIndexedWhenThatOneIsGone() throws {
        let workspace = try Workspace(corpusFiles: [WatchUpdateTests.three[1]])
        try workspace.write("zz-copy.txt", try workspace.read(WatchUpdateTests.three[1]))
        let reports = Self.start(IndexWatcher(databasePath: workspace.database, paths: [workspace.documents.path]))
        defer {
            reports.stop.store(true, ordering: .relaxed)
            while !reports.hasStopped { usleep(10_000) }
        }
        #expect(reports.waitFor("indexed 1"), "\(reports.lines.withLock { $0 })")
        try workspace.remove(WatchUpdateTests.three[1])
        #expect(reports.waitFor("updated 1"), "\(reports.lines.withLock { $0 })")
        let sources = try FileRecord.all(in: Database(path: workspace.database)).values.map(\.path)
        #expect(sources == [SourceFiles.absolute(workspace.documents.path) + "/zz-copy.txt"])
    }

    @Test func stoppingBetweenUpdatesEndsTheRunAndReleasesTheIndex() throws {
        let workspace = try Workspace(corpusFiles: [WatchUpdateTests.three[0]])
        let reports = Self.start(IndexWatcher(databasePath: workspace.database, paths: [workspace.documents.path]))
        #expect(reports.waitFor("indexed 1"))
        reports.stop.store(true, ordering: .relaxed)
        for _ in 0..<500 where !reports.hasStopped { usleep(10_000) }
        #expect(reports.hasStopped, "stopped within five seconds")
        #expect(throws: Never.self) { _ = try Indexer(databasePath: workspace.database, workers: 1) }
    }
}
