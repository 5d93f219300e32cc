import Foundation
import ModSearchCore

/// A temporary folder with documents and a database path, removed at the end.
final class Workspace: Sendable {
    let root: URL
    /// A copy of the documents, or `Corpus/` itself for a workspace of the whole corpus.
    let documents: URL
    var database: String { root.appendingPathComponent("db").path }

    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let corpus = packageRoot.appendingPathComponent("Corpus")

    /// A workspace holding copies of the named `Corpus/` files, or reading all of `Corpus/` when
    /// nil; that one's documents cannot be changed, and its first plain `index()` is a copy of
    /// `corpusIndex`.
    convenience init(corpusFiles: [String]? = nil) throws {
        try self.init(copying: corpusFiles)
    }

    /// A workspace holding only the given documents (name → text).
    convenience init(documents: [String: String]) throws {
        try self.init(copying: [])
        for (name, text) in documents { try write(name, text) }
    }

    private init(copying corpusFiles: [String]?) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("modsearch-core-\(UUID().uuidString)")
        guard let corpusFiles else {
            documents = Self.corpus
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
            return
        }
        documents = root.appendingPathComponent("docs")
        try FileManager.default.createDirectory(at: documents, withIntermediateDirectories: true)
        for name in corpusFiles {
            try FileManager.default.copyItem(at: Self.corpus.appendingPathComponent(name),
                                             to: documents.appendingPathComponent(name))
        }
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    private var readsCorpus: Bool { documents == Self.corpus }

    func write(_ name: String, _ text: String) throws {
        precondition(!readsCorpus, "Corpus/ is not a test's to change: name the files to copy")
        try Data(text.utf8).write(to: documents.appendingPathComponent(name))
    }

    func read(_ name: String) throws -> String {
        try String(contentsOf: documents.appendingPathComponent(name), encoding: .utf8)
    }

    func remove(_ name: String) throws {
        precondition(!readsCorpus, "Corpus/ is not a test's to change: name the files to copy")
        try FileManager.default.removeItem(at: documents.appendingPathComponent(name))
    }

    /// Indexes the documents; `workers` > 1 builds an empty database in parallel shards.
    @discardableResult
    func index(rebuild: Bool = false, workers: Int = 1, into path: String? = nil) throws -> IndexSummary {
        if readsCorpus, !rebuild, workers == 1, path == nil, !FileManager.default.fileExists(atPath: database) {
            let shared = try Self.corpusIndex.get()
            try FileManager.default.copyItem(atPath: shared.database, toPath: database)
            return shared.summary
        }
        return try Indexer(databasePath: path ?? database, workers: workers).index([documents.path], rebuild: rebuild)
    }

    func search(_ query: String, limit: Int = 10, modality: [String] = [], section: [String] = [],
                grouping: PassageGrouping? = nil, facets: Bool = false) throws -> SearchOutcome {
        try Searcher(databasePath: database).search(
            SearchOptions(query: query, modalities: modality, sections: section, limit: limit, grouping: grouping,
                          facets: facets))
    }

    /// `Corpus/` indexed as `index()` indexes it, built once per process for every suite that
    /// searches it (and removed at exit); each workspace searches its own copy, so none can
    /// disturb another's.
    private static let corpusIndex = Result { () throws -> (database: String, summary: IndexSummary) in
        atexit { try? FileManager.default.removeItem(at: Workspace.corpusIndexFolder) }
        let database = corpusIndexFolder.appendingPathComponent("db").path
        return (database, try Indexer(databasePath: database, workers: 1).index([corpus.path]))
    }

    private static let corpusIndexFolder = FileManager.default.temporaryDirectory
        .appendingPathComponent("modsearch-core-corpus-\(UUID().uuidString)")
}

/// Runs a command and returns its standard output; fails the caller on a non-zero exit.
@discardableResult
func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}
