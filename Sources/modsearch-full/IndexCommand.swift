import ArgumentParser
import Foundation
#if canImport(Glibc)
import Glibc
import Synchronization
#endif
import JSONText
import ModSearchCLI
import ModSearchCore
import ModSearchProtocol
import ModalityDocs

/// `modsearch index [PATH…]`: (re)index documents, incrementally.
struct IndexCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "index",
        abstract: "Index modality documents (only changed files are re-read), once or, with --watch, as they change.",
        discussion: """
            Folders are walked for *.txt documents. The whole run is one transaction: if it is \
            interrupted (Ctrl-C, SIGTERM), the index keeps its previous state, or none is left when \
            there was none. Files that cannot be parsed are reported and skipped; their earlier \
            passages, if any, are kept. Only regular files are read: FIFOs and devices are skipped, \
            and a symbolic link in a folder only to a file inside that folder. Exit status 1 when files were skipped or no document was \
            found (the summary is printed all the same), 2 when the run failed, 130 when interrupted.

            With --watch it then keeps running: each change to the documents (edited, added, \
            renamed, deleted) is indexed within about a second, as one new revision, and printed \
            as one line; Ctrl-C or SIGTERM stops it between revisions (exit status 0).
            """
    )

    @Argument(help: "Files or folders (default: ./Corpus).", completion: .file())
    var paths: [String] = []

    @Flag(help: "Discard the index and build it anew.")
    var rebuild = false

    @Option(help: ArgumentHelp("Skip files larger than this (bytes, or with K, M, G).", valueName: "size"),
            transform: { text in
                guard let bytes = ByteCount.parse(text) else {
                    throw ValidationError("--max-file-size: \(text) is not a size (such as 64M, 500K or 1000000)")
                }
                return bytes
            })
    var maxFileSize = ModalityParser.defaultMaxFileBytes

    @Flag(help: "Print the summary as one JSON record (with --watch, one per update).")
    var json = false

    @Flag(help: "After indexing, keep watching the paths and index each change, until Ctrl-C.")
    var watch = false

    @OptionGroup var database: DatabaseOption

    func run() throws {
        let paths = paths.isEmpty ? ["Corpus"] : paths
        let databasePath = Location(db: database.db, socket: nil).databasePath
        if watch { return try runWatching(paths, databasePath: databasePath) }
        let progress = ProgressLine(shown: isatty(STDERR_FILENO) == 1 && !json)
        let summary: IndexSummary
        do {
            let indexer = try Indexer(databasePath: databasePath)
            indexer.maxFileSize = maxFileSize
            summary = try indexer.index(paths, rebuild: rebuild, interrupted: Interruption.listen(), progress: progress.draw)
            progress.clear()
        } catch {
            progress.clear()
            Diagnostics.error("\(error)")
            if case .interrupted = error { throw ExitCode(128 + Interruption.signal) }
            throw ExitCode(2)
        }
        for warning in summary.warnings { Diagnostics.warn(warning) }
        for skipped in summary.skipped { Diagnostics.error("skipped \(FileName.shown(skipped.file)): \(skipped.reason)") }
        Output.write(json ? Self.record(summary, database: databasePath) : Self.line(summary, database: databasePath))
        if !summary.skipped.isEmpty || summary.files == 0 { throw ExitCode(1) }
    }

    static func line(_ summary: IndexSummary, database: String) -> String {
        counts(summary) + " → \(FileName.shown(database))\n"
    }

    /// What a run did, in words: `indexed 1 of 1 files (57 passages), …, in 0.03 s`.
    static func counts(_ summary: IndexSummary) -> String {
        "indexed \(summary.indexed) of \(summary.files) files (\(summary.passages) passages), "
            + "\(summary.unchanged) unchanged, \(summary.removed) removed, \(summary.skipped.count) skipped, "
            + (summary.synonymGroups > 0 ? "\(summary.synonymGroups) synonym groups loaded, " : "")
            + "in \(seconds(summary.seconds)) s"
    }

    /// The `index` record of docs/json-output.md.
    static func record(_ summary: IndexSummary, database: String) -> String {
        JSONRecords.record("index", versioned: true) { writer in
            writer.key("database"); writer.string(database)
            writer.counts([("files", summary.files), ("indexed", summary.indexed), ("unchanged", summary.unchanged),
                           ("removed", summary.removed), ("passages", summary.passages)])
            writer.key("skipped")
            writer.beginArray()
            summary.skipped.forEach { $0.write(to: &writer) }
            writer.endArray()
            writer.field("warnings", summary.warnings)
            writer.key("synonym_groups"); writer.int(summary.synonymGroups)
            writer.key("seconds"); writer.double(summary.seconds)
            writer.key("revision"); writer.int(summary.revision)
        }
    }

    private static func seconds(_ value: Double) -> String {
        let tenths = Int((value * 100).rounded())
        return "\(tenths / 100).\(tenths % 100 < 10 ? "0" : "")\(tenths % 100)"
    }
}

/// SIGINT and SIGTERM during an index run: noted, so that the indexer stops between files and
/// leaves the index as it was, instead of the process dying with work folders left behind.
enum Interruption {
    private static let received = Atomic<Int32>(0)

    /// Installs the handlers; the closure says whether a signal came.
    static func listen() -> IndexInterruption {
        for number in [SIGINT, SIGTERM] {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { number in Interruption.received.store(number, ordering: .relaxed) }
            action.sa_flags = SA_RESTART
            sigaction(number, &action, nil)
        }
        return { received.load(ordering: .relaxed) != 0 }
    }

    /// The signal that came (SIGINT when none did).
    static var signal: Int32 {
        let number = received.load(ordering: .relaxed)
        return number == 0 ? SIGINT : number
    }
}

/// The progress line on stderr, redrawn at most ten times a second; indexing workers call it from
/// their own threads.
private final class ProgressLine: Sendable {
    private let shown: Bool
    private let lastDraw = Mutex(ContinuousClock.now)

    init(shown: Bool) {
        self.shown = shown
    }

    @Sendable func draw(_ progress: IndexProgress) {
        guard shown else { return }
        let final = progress.done == progress.total
        lastDraw.withLock { last in
            guard final || ContinuousClock.now - last > .milliseconds(100) else { return }
            last = ContinuousClock.now
            Diagnostics.raw("\rindexing \(progress.done)/\(progress.total) files, \(progress.passages) passages\u{1B}[K")
        }
    }

    func clear() {
        if shown { Diagnostics.raw("\r\u{1B}[K") }
    }
}

extension IndexSummary.Skipped: JSONWritable {
    public func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("file"); writer.string(file)
        writer.key("reason"); writer.string(reason)
        writer.endObject()
    }
}
