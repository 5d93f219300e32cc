import ArgumentParser
#if canImport(Glibc)
import Glibc
#endif
import ModSearchCLI
import ModSearchCore

/// `modsearch index --watch`: the first run prints what `index` prints, then each update one
/// line on stdout (one `index` record with --json) and its skipped files and warnings on stderr.
extension IndexCommand {
    func runWatching(_ paths: [String], databasePath: String) throws {
        let watcher = IndexWatcher(databasePath: databasePath, paths: paths, rebuild: rebuild, maxFileSize: maxFileSize)
        do {
            try watcher.run(interrupted: Interruption.listen()) { report in
                switch report {
                case .indexed(let summary):
                    printDiagnostics(of: summary)
                    Output.write(json ? Self.record(summary, database: databasePath)
                                      : Self.line(summary, database: databasePath))
                    Diagnostics.error("watching \(paths.joined(separator: ", ")) for changes; Ctrl-C stops")
                case .updated(let summary):
                    printDiagnostics(of: summary)
                    Output.write(json ? Self.record(summary, database: databasePath) : Self.updateLine(summary))
                case .failed(let error, let retrying):
                    Diagnostics.error("update failed: \(error); trying again in \(retrying.components.seconds) s")
                case .warning(let message):
                    Diagnostics.warn(message)
                }
            }
        } catch {
            Diagnostics.error("\(error)")
            if case IndexError.interrupted = error { throw ExitCode(128 + Interruption.signal) }
            throw ExitCode(2)
        }
    }

    private func printDiagnostics(of summary: IndexSummary) {
        for warning in summary.warnings { Diagnostics.warn(warning) }
        for skipped in summary.skipped { Diagnostics.error("skipped \(skipped.file): \(skipped.reason)") }
    }

    /// `revision 7: indexed 1 of 1 files (57 passages), 0 unchanged, 1 removed, 0 skipped, in 0.03 s`
    static func updateLine(_ summary: IndexSummary) -> String {
        "revision \(summary.revision): \(counts(summary))\n"
    }
}
