import Foundation
import XapianKit

extension Indexer {
    /// Brings the index up to date with `changed`, files and folders under the watched `roots` as
    /// they are now: what is gone loses its passages, what is there is re-indexed where its content
    /// changed (the content hash of `index`). One transaction, as `index` is; `synonyms.txt` is
    /// read from `roots`. An index watcher calls it with the paths its events named.
    public func update(changed: [String], roots: [String],
                       interrupted: IndexInterruption? = nil) throws(IndexError) -> IndexSummary {
        let started = ContinuousClock.now
        // A path gone since its event has its records removed, as a file missing from `index`'s
        // paths has; `synonyms.txt` is read by `finish`, not as a document.
        let found = SourceFiles.find(changed: changed, under: roots)
        var summary: IndexSummary
        do {
            summary = try update(with: found.files, paths: changed, synonymsIn: roots, rebuild: false,
                                 interrupted: interrupted ?? { false }, progress: nil)
            summary.revision = Int(try database.revision)
            if created, summary.indexed > 0 { try publish() }
        } catch {
            throw IndexError(error, database: databasePath)
        }
        summary.warnings = found.warnings + summary.warnings
        complete(&summary, since: started)
        return summary
    }
}
