import ArgumentParser
import Foundation
#if canImport(Glibc)
import Glibc
import Synchronization
#endif
import ModSearchCLI
import ModSearchCore

/// `modsearch index [PATH…]`: (re)index documents, incrementally.
struct IndexCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "index",
        abstract: "Index modality documents (only changed files are re-read).",
        discussion: """
            Folders are walked for *.txt documents. The whole run is one transaction: if it is \
            interrupted, the index keeps its previous state. Files that cannot be parsed are \
            reported and skipped; their earlier passages, if any, are kept.
            """
    )

    @Argument(help: "Files or folders (default: ./Corpus).", completion: .file())
    var paths: [String] = []

    @Flag(help: "Discard the index and build it anew.")
    var rebuild = false

    @Flag(help: "Print the summary as one JSON object.")
    var json = false

    @OptionGroup var location: LocationOptions

    func run() throws {
        let paths = paths.isEmpty ? ["Corpus"] : paths
        let showProgress = isatty(STDERR_FILENO) == 1 && !json
        let progressLine = ProgressLine()
        let summary: IndexSummary
        do {
            let indexer = try Indexer(databasePath: location.location.databasePath)
            summary = try indexer.index(paths, rebuild: rebuild) { progress in
                guard showProgress else { return }
                progressLine.draw("indexing \(progress.done)/\(progress.total) files, \(progress.passages) passages",
                                  final: progress.done == progress.total)
            }
            if showProgress { Diagnostics.raw("\r\u{1B}[K") }
        } catch {
            if showProgress { Diagnostics.raw("\r\u{1B}[K") }
            Diagnostics.error("\(error)")
            throw ExitCode(2)
        }
        for warning in summary.warnings { Diagnostics.warn(warning) }
        for skipped in summary.skipped { Diagnostics.error("skipped \(skipped.file): \(skipped.reason)") }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            Output.line(String(decoding: try encoder.encode(summary), as: UTF8.self))
        } else {
            Output.line("indexed \(summary.indexed) of \(summary.files) files (\(summary.passages) passages), "
                + "\(summary.unchanged) unchanged, \(summary.removed) removed, \(summary.skipped.count) skipped, "
                + (summary.synonymGroups > 0 ? "\(summary.synonymGroups) synonym groups loaded, " : "")
                + "in \(Self.seconds(summary.seconds)) s → \(location.location.databasePath)")
        }
    }

    private static func seconds(_ value: Double) -> String {
        let tenths = Int((value * 100).rounded())
        return "\(tenths / 100).\(tenths % 100 < 10 ? "0" : "")\(tenths % 100)"
    }
}

/// The progress line on stderr, redrawn at most ten times a second; indexing workers call it from
/// their own threads.
private final class ProgressLine: Sendable {
    private let lastDraw = Mutex(ContinuousClock.now)

    func draw(_ text: String, final: Bool) {
        lastDraw.withLock { last in
            guard final || ContinuousClock.now - last > .milliseconds(100) else { return }
            last = ContinuousClock.now
            Diagnostics.raw("\r\(text)\u{1B}[K")
        }
    }
}
