import Foundation
import ModalityDocs

/// `modsearch index --watch`: indexes the paths as `Indexer.index` does, then keeps the index up
/// to date as files change under them. Changes are gathered into batches (`ChangeBatch`) and each
/// batch is one update of the changed files only (`Indexer.update(changed:roots:)`), one new
/// revision. Xapian's write lock is taken for each update and released after it, so `modsearch
/// index` and other writers can run between updates; readers (the daemon) see each revision
/// as it is committed.
public final class IndexWatcher: Sendable {
    /// What the watcher tells as it goes.
    public enum Report {
        /// The first run, over all the paths.
        case indexed(IndexSummary)
        /// One update of the changed files: one new revision.
        case updated(IndexSummary)
        /// An update that could not be made (another writer held the index, the disk was full, …);
        /// its changes are tried again after `retrying`.
        case failed(IndexError, retrying: Duration)
        /// A folder that cannot be watched, or another problem that does not stop the watcher.
        case warning(String)
    }

    public let databasePath: String
    public let paths: [String]
    private let rebuild: Bool
    private let tuning: Tuning
    private let maxFileSize: Int

    /// The longest wait between tries of an update that keeps failing.
    static let longestRetry = Duration.seconds(30)
    /// The longest wait for changes before the watcher asks again whether it should stop.
    static let signalCheckMilliseconds: Int32 = 200

    /// `rebuild`: the first run builds the index anew, as `index --rebuild` does; files larger than
    /// `maxFileSize` bytes are skipped, as `Indexer.maxFileSize` says.
    public init(databasePath: String, paths: [String], rebuild: Bool = false, tuning: Tuning = .standard,
                maxFileSize: Int = ModalityParser.defaultMaxFileBytes) {
        self.maxFileSize = maxFileSize
        self.databasePath = databasePath
        self.paths = paths
        self.rebuild = rebuild
        self.tuning = tuning
    }

    private func indexer(workers: Int = ProcessInfo.processInfo.activeProcessorCount) throws(IndexError) -> Indexer {
        let indexer = try Indexer(databasePath: databasePath, tuning: tuning, workers: workers)
        indexer.maxFileSize = maxFileSize
        return indexer
    }

    /// Runs until `interrupted` says to stop: between updates, or within one, which is then not
    /// applied (the index stays at the revision before it, and the next run finds the change).
    /// Throws when the paths cannot be watched or the first run fails.
    public func run(interrupted: @escaping IndexInterruption, report: (Report) -> Void) throws {
        let roots = paths.map(SourceFiles.absolute)
        // Watching starts first, so that nothing changed during the first run is missed.
        let events = try FolderEvents(paths: roots, ignoring: SourceFiles.absolute(databasePath))
        let first = try indexer().index(paths, rebuild: rebuild, interrupted: interrupted)
        report(.indexed(first))
        // Files skipped so far. A file gone may have held a modality id that one of them has too,
        // which `index` would then index: so they are looked at again in an update that removes.
        var skipped = Set(first.skipped.map(\.file))
        var batch = ChangeBatch()
        var retry: (at: ContinuousClock.Instant, delay: Duration)?
        while !interrupted() {
            let ready = batch.due.map { due in max(due, retry?.at ?? due) }
            let wait = ready.map { Self.milliseconds(from: .now, to: $0) } ?? Self.signalCheckMilliseconds
            batch.add(events.next(waitingAtMost: wait), at: .now)
            for problem in events.takeProblems() { report(.warning(problem)) }
            guard let ready, ContinuousClock.now >= ready, !interrupted() else { continue }
            let changed = batch.take()
            let removes = changed.contains { !FileManager.default.fileExists(atPath: $0) }
            let looked = removes ? Set(changed).union(skipped).sorted() : changed
            do throws(IndexError) {
                // The indexer, and with it the write lock, is let go before the update is reported.
                let summary = try indexer(workers: 1).update(changed: looked, roots: roots, interrupted: interrupted)
                retry = nil
                skipped.subtract(looked)
                skipped.formUnion(summary.skipped.map(\.file))
                report(.updated(summary))
            } catch .interrupted {
                return
            } catch {
                let delay = min((retry?.delay ?? .milliseconds(500)) * 2, Self.longestRetry)
                retry = (.now + delay, delay)
                batch.add(changed, at: .now)
                report(.failed(error, retrying: delay))
            }
        }
    }

    /// The wait until `end`, at most `signalCheckMilliseconds`.
    private static func milliseconds(from now: ContinuousClock.Instant, to end: ContinuousClock.Instant) -> Int32 {
        let left = end - now
        guard left > .zero else { return 0 }
        let milliseconds = left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000 + 1
        return Int32(min(milliseconds, Int64(signalCheckMilliseconds)))
    }
}
