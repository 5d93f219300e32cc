import Foundation
import Testing
import XapianKit
@testable import ModSearchCore

/// Clearing what killed runs left beside an index: only modsearch's own folders, and never one a
/// live writer holds (issue #16, item 11).
@Suite struct WorkFoldersTests {
    @Test func leftoversAreClearedButNotAFolderAWriterHoldsNorOneOfAnotherName() throws {
        let workspace = try Workspace(documents: [:])
        let folders = WorkFolders(databasePath: workspace.database)
        let held = try WritableDatabase(path: folders.shard(0), mode: .createOrOverwrite)
        for path in [folders.shard(1), folders.merged, workspace.database + ".build-notes", workspace.database + ".build-shard-x"] {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        }
        #expect(WorkFolders.isLocked(folders.shard(0)) && !WorkFolders.isLocked(folders.shard(1)))
        folders.clear()
        #expect(try IndexRunTests.leftovers(workspace) == ["db.build-notes", "db.build-shard-0", "db.build-shard-x"])
        try held.close()
        folders.clear()
        #expect(try IndexRunTests.leftovers(workspace) == ["db.build-notes", "db.build-shard-x"])
    }
}
