import Foundation
import ModSearchCore

/// A temporary folder with a copy of documents and a database path, removed at the end.
final class Workspace: Sendable {
    let root: URL
    var documents: URL { root.appendingPathComponent("docs") }
    var database: String { root.appendingPathComponent("db").path }

    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let corpus = packageRoot.appendingPathComponent("Corpus")

    /// A workspace holding copies of the named `Corpus/` files (all of them when nil).
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
        try FileManager.default.createDirectory(at: documents, withIntermediateDirectories: true)
        let names = try corpusFiles ?? FileManager.default.contentsOfDirectory(atPath: Self.corpus.path)
            .filter { $0.hasSuffix(".txt") }
        for name in names {
            try FileManager.default.copyItem(at: Self.corpus.appendingPathComponent(name),
                                             to: documents.appendingPathComponent(name))
        }
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    func write(_ name: String, _ text: String) throws {
        try Data(text.utf8).write(to: documents.appendingPathComponent(name))
    }

    func read(_ name: String) throws -> String {
        try String(contentsOf: documents.appendingPathComponent(name), encoding: .utf8)
    }

    func remove(_ name: String) throws {
        try FileManager.default.removeItem(at: documents.appendingPathComponent(name))
    }

    /// Indexes the documents; `workers` > 1 builds an empty database in parallel shards.
    @discardableResult
    func index(rebuild: Bool = false, workers: Int = 1, into path: String? = nil) throws -> IndexSummary {
        try Indexer(databasePath: path ?? database, workers: workers).index([documents.path], rebuild: rebuild)
    }

    func search(_ query: String, limit: Int = 10, modality: [String] = [], section: [String] = [],
                grouping: PassageGrouping? = nil, facets: Bool = false) throws -> SearchOutcome {
        try Searcher(databasePath: database).search(
            SearchOptions(query: query, modalities: modality, sections: section, limit: limit, grouping: grouping,
                          facets: facets))
    }
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
