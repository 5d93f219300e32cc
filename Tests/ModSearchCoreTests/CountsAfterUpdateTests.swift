import Foundation
import Testing
@testable import ModSearchCore

/// Exact counts and facets read every match; after an update leaves gaps in the document ids,
/// a word in every section must still be counted, as in a fresh index (issue #16, item 1).
@Suite struct CountsAfterUpdateTests {
    @Test func aWordInEverySectionIsCountedAfterAnUpdateAsInAFreshIndex() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Workspace.corpus.path).filter {
            $0.hasPrefix("mod") && $0.hasSuffix(".txt")
        }
        let workspace = try Workspace(corpusFiles: names)
        // As `modsearch index` builds a first index: in shards, compacted into one.
        try workspace.index(workers: 2)
        let file = try #require(names.first { $0.hasPrefix("mod032") })
        try workspace.write(file, try workspace.read(file).replacingOccurrences(of: "Paul Gilbert",
                                                                                 with: "Paul Gilbert (edited)"))
        #expect(try workspace.index().indexed == 1)
        let updated = try workspace.search("and", limit: 0, facets: true)

        let fresh = workspace.root.appendingPathComponent("fresh").path
        _ = try Indexer(databasePath: fresh, workers: 2).index([workspace.documents.path])
        let expected = try Searcher(databasePath: fresh).search(SearchOptions(query: "and", limit: 0, facets: true))
        #expect(updated.total == expected.total && updated.total.estimate > 1000)
        #expect(updated.facets == expected.facets)
        // Every match, in index order (`--all`), reads the match list the same way.
        var listed = 0, cursor: Int? = 0
        let searcher = try Searcher(databasePath: workspace.database)
        while let from = cursor {
            let batch = try searcher.matches(SearchOptions(query: "and", limit: 500), cursor: from)
            listed += batch.hits.count
            cursor = batch.next
        }
        #expect(listed == expected.total.estimate)
    }

    /// A phrase's pair terms are unweighted filters, which Xapian reads through its list of all
    /// documents when one indexes every section: here the title's pair, once only one modality is
    /// left and an update has left gaps in the ids.
    @Test func aTitlePhraseInEverySectionIsFoundAfterAnUpdateAsInAFreshIndex() throws {
        let names = ["mod001-acceptance-and-commitment-therapy.txt", "mod032-compassion-focused-therapy.txt",
                     "mod039-dialectical-behaviour-therapy.txt", "mod050-emotion-focused-therapy.txt"]
        let workspace = try Workspace(corpusFiles: names)
        try workspace.index(workers: 2)
        for name in names where name != names[1] { try workspace.remove(name) }
        try workspace.write(names[1], try workspace.read(names[1]).replacingOccurrences(of: "Paul Gilbert",
                                                                                         with: "Paul Gilbert (edited)"))
        #expect(try workspace.index().indexed == 1)
        let fresh = workspace.root.appendingPathComponent("fresh").path
        _ = try Indexer(databasePath: fresh, workers: 1).index([workspace.documents.path])
        for query in [#""compassion focused""#, "compassion-focused", #""focused therapy" NOT shame"#] {
            let updated = try workspace.search(query, limit: 5, facets: true)
            let expected = try Searcher(databasePath: fresh).search(SearchOptions(query: query, limit: 5, facets: true))
            #expect(updated.total == expected.total && updated.total.estimate > 0, "\(query)")
            #expect(updated.facets == expected.facets, "\(query)")
            #expect(updated.hits.map(\.passage.id) == expected.hits.map(\.passage.id), "\(query)")
        }
    }
}
