import ArgumentParser
import Foundation
import ModSearchCore

/// `modsearch-bench index DOCS DB`: our indexer on a folder, as one JSON object.
struct IndexBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "index", abstract: "Index a folder into a new database and report time, rate, size and memory.")

    @Argument(help: "Folder of documents.") var documents: String
    @Argument(help: "Database path (must not exist).") var database: String

    func run() throws {
        guard !FileManager.default.fileExists(atPath: database) else { throw ValidationError("\(database) exists") }
        let inputBytes = directoryBytes(documents)
        let summary = try Indexer(databasePath: database).index([documents])
        printJSON([
            "engine": "modsearch", "files": summary.files, "passages": summary.passages,
            "seconds": (summary.seconds * 1000).rounded() / 1000,
            "passages_per_s": Int(Double(summary.passages) / summary.seconds),
            "mb_per_s": (Double(inputBytes) / 1e6 / summary.seconds * 100).rounded() / 100,
            "input_mb": Double(inputBytes / 10_000) / 100, "db_bytes": directoryBytes(database),
            "peak_rss_kb": peakResidentKilobytes(),
        ])
    }
}
