import Foundation
import Synchronization
import XapianKit

/// Builds a new database from many files on every core: each worker writes its own shards (Xapian
/// allows one writer per database), then the shards are merged by compaction, which also leaves
/// the tables compact. Files go to workers round-robin, so the result does not depend on timing.
struct ParallelBuild {
    let databasePath: String
    let tuning: Tuning
    let workers: Int
    let maxFileSize: Int
    /// Files a shard takes before its worker starts another. A commit rewrites the B-tree blocks
    /// where the postings and positions of the batch's terms end, so it costs more as the shard
    /// grows; the compaction reads every shard once whatever their number (BENCHMARKS.md).
    var filesPerShard = Self.standardFilesPerShard
    static let standardFilesPerShard = 2_500
    /// The compaction opens every shard at once, each a handful of table files: past this many
    /// shards a worker's take more files each, so a corpus of millions stays within the
    /// process's limit on open files.
    static let shardsPerWorkerAtMost = 32

    /// The files each of a worker's shards takes, of the `files` it is given.
    static func filesPerShard(of files: Int, wanted: Int) -> Int {
        Swift.max(wanted, (files + shardsPerWorkerAtMost - 1) / shardsPerWorkerAtMost)
    }

    private var folders: WorkFolders { WorkFolders(databasePath: databasePath) }

    /// Builds the shards and merges them; returns the merged database's path and what was done.
    func run(_ files: [String], interrupted: @escaping IndexInterruption,
             progress: (@Sendable (IndexProgress) -> Void)?) throws -> (String, IndexSummary) {
        let outcomes = Mutex<[Result<WorkerOutput, any Error>]>(Array(repeating: .failure(CancellationError()), count: workers))
        let done = Mutex((files: 0, passages: 0))
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            let outcome = Result {
                try buildShards(files: files, worker: worker, interrupted: interrupted) {
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
        var written: [(file: Int, record: FileRecord, shard: String)] = []
        var skipped: [(file: Int, skip: IndexSummary.Skipped)] = []
        var warnings: [(file: Int, warnings: [String])] = []
        var shards: [String] = []
        for outcome in outcomes.withLock({ $0 }) {
            let output = try outcome.get()
            written += output.written
            skipped += output.skipped
            warnings += output.warnings
            shards += output.paths
        }
        // The same modality in two files: the first file (in the given order) keeps it, as in
        // the one-writer path.
        var owners: [String: (file: Int, path: String)] = [:]
        for entry in written.sorted(by: { $0.file < $1.file }) {
            if let owner = owners[entry.record.modality] {
                let shard = try WritableDatabase(path: entry.shard, mode: .open)
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

    /// What one worker wrote: its shards, in order, and in which shard each file is.
    private struct WorkerOutput: Sendable {
        var paths: [String] = []
        var written: [(file: Int, record: FileRecord, shard: String)] = []
        var skipped: [(file: Int, skip: IndexSummary.Skipped)] = []
        var warnings: [(file: Int, warnings: [String])] = []
    }

    private func buildShards(files: [String], worker: Int, interrupted: IndexInterruption,
                             fileDone: (_ passages: Int) -> Void) throws -> WorkerOutput {
        // A shard is scratch (the merged copy is synced), and committing often keeps Xapian's
        // in-memory changes small: every 50 files indexes faster, in far less memory, than
        // Xapian's default of 10,000 documents between flushes (BENCHMARKS.md).
        var output = WorkerOutput()
        // The spelling data goes to a shard of its own, committed when a document shard is done:
        // committed with the documents every 50 files, glass rewrote the word lists of every
        // trigram in the batch each time (BENCHMARKS.md).
        let spellingPath = folders.shard(worker)
        let spelling = try WritableDatabase(path: spellingPath, mode: .createOrOverwrite, options: [.noSync])
        output.paths.append(spellingPath)
        func startShard() throws -> (WritableDatabase, FileWriter) {
            let path = folders.shard(worker + workers * output.paths.count)
            let database = try WritableDatabase(path: path, mode: .createOrOverwrite, options: [.noSync])
            output.paths.append(path)
            return (database, try FileWriter(database: database, spelling: spelling, tuning: tuning, maxFileSize: maxFileSize))
        }
        func finishShard(_ database: WritableDatabase, _ writer: FileWriter) throws {
            try database.commit()
            try database.close()
            try writer.addSpelling()
            try spelling.commit()
        }
        let mine = Array(stride(from: worker, to: files.count, by: workers))
        let perShard = Self.filesPerShard(of: mine.count, wanted: filesPerShard)
        var (database, writer) = try startShard()
        for (count, index) in mine.enumerated() {
            if interrupted() { throw IndexError.interrupted }
            if count > 0, count % perShard == 0 {
                try finishShard(database, writer)
                (database, writer) = try startShard()
            } else if count > 0, count % 50 == 0 {
                try database.commit()
            }
            var summary = IndexSummary()
            if let record = try writer.indexFile(files[index], records: [:], summary: &summary) {
                output.written.append((index, record, output.paths[output.paths.count - 1]))
            }
            output.skipped += summary.skipped.map { (index, $0) }
            if !summary.warnings.isEmpty { output.warnings.append((index, summary.warnings)) }
            fileDone(summary.passages)
        }
        try finishShard(database, writer)
        try spelling.close()
        return output
    }
}
