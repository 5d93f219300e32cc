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
        var files: Set<String> = []
        for path in changed {
            // A path gone since its event (`collect` throws) has its records removed, as a file
            // missing from `index`'s paths has; `synonyms.txt` is read by `finish`, not as a document.
            let found = (try? SourceFiles.collect([path])) ?? []
            files.formUnion(found.filter { !SourceFiles.ignoredNames.contains(($0 as NSString).lastPathComponent) })
        }
        var summary: IndexSummary
        do {
            summary = try update(with: files.sorted(), paths: changed, synonymsIn: roots, rebuild: false,
                                 interrupted: interrupted ?? { false }, progress: nil)
            summary.revision = Int(try database.revision)
            if created, summary.indexed > 0 { try publish() }
        } catch let error as IndexError {
            throw error
        } catch let error as XapianError {
            throw .xapian(error)
        } catch {
            throw .xapian(XapianError(kind: "Error", message: "\(error)"))
        }
        if created, summary.indexed == 0 { discardCreated() }
        let elapsed = ContinuousClock.now - started
        summary.seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return summary
    }
}
