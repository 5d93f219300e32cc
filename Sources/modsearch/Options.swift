import ArgumentParser
import ModSearchCore
import ModSearchProtocol

/// Where the index and the daemon are: shared by every command.
struct LocationOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Index database path.", discussion: "Default: $MODSEARCH_DB, else ~/.local/share/modsearch/index."),
            completion: .directory)
    var db: String?

    @Option(help: ArgumentHelp("Daemon socket path.", discussion: "Default: $MODSEARCH_SOCKET, else $XDG_RUNTIME_DIR/modsearch/modsearchd.sock."),
            completion: .file())
    var socket: String?

    @Flag(help: "Search in this process instead of asking the daemon.")
    var noDaemon = false

    var databasePath: String { db ?? Locations.database() }
    var socketPath: String { socket ?? Locations.socket() }

    /// The backend to send requests to: the daemon (started if none answers), or this process.
    func backend() throws(ProtocolError) -> Backend {
        if noDaemon { return try InProcessBackend(databasePath: databasePath) }
        return try DaemonBackend(socketPath: socketPath, databasePath: databasePath, autostart: true)
    }
}

enum ColorChoice: String, ExpressibleByArgument, CaseIterable {
    case auto, always, never
}

/// How results are printed; the same for every command that prints passages.
struct OutputOptions: ParsableArguments {
    @Flag(help: "JSON Lines: one object per hit, then a summary line.")
    var json = false

    @Flag(help: "Tab-separated: id, modality, section, score, snippet.")
    var tsv = false

    @Flag(name: [.customShort("l"), .long], help: "Print passage ids only.")
    var ids = false

    @Flag(name: [.customShort("c"), .long], help: "Print the number of matching passages only.")
    var count = false

    @Flag(help: "Print whole passages instead of snippets.")
    var full = false

    @Option(help: "Highlight matches: auto (on a terminal, unless NO_COLOR is set), always or never.")
    var color: ColorChoice = .auto

    func validate() throws {
        if [json, tsv, ids, count].filter({ $0 }).count > 1 {
            throw ValidationError("choose one of --json, --tsv, --ids and --count")
        }
    }

    var format: HitPrinter.Format {
        if json { return .json }
        if tsv { return .tsv }
        if ids { return .ids }
        if count { return .count }
        return .text(Terminal.style(for: color), full: full)
    }
}

extension Collapse: ExpressibleByArgument {}
