import Foundation
import ModSearchCore
import Testing
import XapianKit

@Suite struct ShardStubTests {
    /// Xapian's `reopen` reads a stub's old list of shards again, so a shard added to the stub
    /// (as people add machines) would never be searched by a running searcher.
    /// Two indexes of one modality each, and a stub naming the first.
    static func indexesAndStub() throws -> (first: Workspace, second: Workspace, stub: String) {
        let first = try Workspace(corpusFiles: ["mod001-acceptance-and-commitment-therapy.txt"])
        let second = try Workspace(corpusFiles: ["mod032-compassion-focused-therapy.txt"])
        try first.index()
        try second.index()
        let stub = first.root.appendingPathComponent("stub").path
        try "auto \(first.database)\n".write(toFile: stub, atomically: true, encoding: .utf8)
        return (first, second, stub)
    }

    @Test func aRewrittenStubIsReadAtTheNextRefresh() throws {
        let (first, second, stub) = try Self.indexesAndStub()
        let searcher = try Searcher(databasePath: stub)
        let one = try searcher.stats()
        #expect(one.shards.map(\.shard) == ["auto \(first.database)"])

        try "auto \(first.database)\nauto \(second.database)\n".write(toFile: stub, atomically: true, encoding: .utf8)
        #expect(searcher.refresh())
        let both = try searcher.stats()
        let own = try Searcher(databasePath: second.database).stats()
        #expect(both.documents == one.documents + own.documents && both.passages == one.passages + own.passages)
        #expect(try searcher.search(SearchOptions(query: "compassion", limit: 1)).hits.first?.passage.modality == "MOD032")
    }

    /// Xapian reads a stub's metadata from its first shard only; a later shard of another schema
    /// (one without word tiers, say) would be misread without a word said.
    @Test func aShardOfAnotherSchemaIsRefusedWhereverItIsInTheStub() throws {
        let (first, second, stub) = try Self.indexesAndStub()
        let searcher = try Searcher(databasePath: stub)
        do {
            let database = try WritableDatabase(path: second.database)
            try database.setMetadata("modsearch:schema", to: "5")
            try database.commit()
        }
        try "auto \(first.database)\nauto \(second.database)\n".write(toFile: stub, atomically: true, encoding: .utf8)
        #expect(!searcher.refresh(), "the rewritten stub is not taken")
        #expect(try searcher.stats().shards.count == 1)
        #expect("a new searcher refuses it") { try Searcher(databasePath: stub) } throws: { error in
            (error as? EngineError)?.message.contains("the index at \(second.database) has schema 5") ?? false
        }
    }
}
