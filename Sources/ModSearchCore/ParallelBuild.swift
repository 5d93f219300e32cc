import Foundation
import Synchronization
import XapianKit

/// Builds a new database from many files on every core: each worker writes its own shard (Xapian
/// allows one writer per database), then the shards are merged by compaction, which also leaves
/// the tables compact. Files go to workers round-robin, so the result does not depend on timing.
struct ParallelBuild {
    let databasePath: String
    let tuning: Tuning
    let workers: Int
    let maxFileSize: Int

    private var folders: WorkFolders { WorkFolders(databasePath: databasePath) }

    /// Builds the shards and merges them; returns the merged database's path and what was done.
    func run(_ files: [String], interrupted: @escaping IndexInterruption,
             progress: (@Sendable (IndexProgress) -> Void)?) throws -> (String, IndexSummary) {
        let shards = (0..<workers).map(folders.shard)
        let outcomes = Mutex<[Result<Shard, any Error>]>(Array(repeating: .failure(CancellationError()), count: workers))
        let done = Mutex((files: 0, passages: 0))
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            let outcome = Result {
                try Self.buildShard(at: shards[worker], files: files, worker: worker, workers: workers, tuning: tuning,
                                    maxFileSize: maxFileSize, interrupted: interrupted) {
                    passages in
                    let finished = done.withLock { done in
                        done = (done.files + 1, done.passages + passages)
                        return done
                    }
                    progress?(IndexProgress(done: finished.files, total: files.count, passages: finished.passages))
                }
            }
            outcomes.withLock { $0[worker] = outcome }
        }
        var summary = IndexSummary()
        summary.files = files.count
        var written: [(file: Int, record: FileRecord, shard: Int)] = []
        var skipped: [(file: Int, skip: IndexSummary.Skipped)] = []
        var warnings: [(file: Int, warnings: [String])] = []
        for (worker, outcome) in outcomes.withLock({ $0 }).enumerated() {
            let shard = try outcome.get()
            written += shard.written.map { ($0.file, $0.record, worker) }
            skipped += shard.skipped
            warnings += shard.warnings
        }
        // The same modality in two files: the first file (in the given order) keeps it, as in
        // the one-writer path.
        var owners: [String: (file: Int, path: String)] = [:]
        for entry in written.sorted(by: { $0.file < $1.file }) {
            if let owner = owners[entry.record.modality] {
                let shard = try WritableDatabase(path: shards[entry.shard], mode: .open)
                try shard.deleteDocument(uniqueTerm: Schema.Prefix.file + entry.record.fileKey)
                try shard.setMetadata(entry.record.key, to: "")
                try shard.commit()
                skipped.append((entry.file, .init(file: entry.record.path,
                                                  reason: FileWriter.duplicate(entry.record.modality, owner: owner.path))))
            } else {
                owners[entry.record.modality] = (entry.file, entry.record.path)
                summary.indexed += 1
                summary.passages += entry.record.passages
            }
        }
        summary.skipped = skipped.sorted { $0.file < $1.file }.map(\.skip)
        summary.warnings = warnings.sorted { $0.file < $1.file }.flatMap(\.warnings)
        if interrupted() { throw IndexError.interrupted }
        let merged = folders.merged
        try Database.compact(shards, into: merged)
        for shard in shards { try? FileManager.default.removeItem(atPath: shard) }
        return (merged, summary)
    }

    private struct Shard: Sendable {
        var written: [(file: Int, record: FileRecord)] = []
        var skipped: [(file: Int, skip: IndexSummary.Skipped)] = []
        var warnings: [(file: Int, warnings: [String])] = []
    }

    private static func buildShard(at path: String, files: [String], worker: Int, workers: Int, tuning: Tuning,
                                   maxFileSize: Int, interrupted: IndexInterruption, fileDone: (_ passages: Int) -> Void) throws -> Shard {
        // A shard is scratch (the merged copy is synced), and committing often keeps Xapian's
        // in-memory changes small: every 50 files indexes faster, in far less memory, than
        // Xapian's default of 10,000 documents between flushes (BENCHMARKS.md).
        let database = try WritableDatabase(path: path, mode: .createOrOverwrite, options: [.noSync])
        let writer = try FileWriter(database: database, tuning: tuning, maxFileSize: maxFileSize)
        var shard = Shard()
        for (count, index) in stride(from: worker, to: files.count, by: workers).enumerated() {
            if interrupted() { throw IndexError.interrupted }
            if count > 0, count % 50 == 0 { try database.commit() }
            var summary = IndexSummary()
            if let record = try writer.indexFile(files[index], records: [:], summary: &summary) {
                shard.written.append((index, record))
            }
            shard.skipped += summary.skipped.map { (index, $0) }
            if !summary.warnings.isEmpty { shard.warnings.append((index, summary.warnings)) }
            fileDone(summary.passages)
        }
        try database.commit()
        try database.close()
        return shard
    }
}
