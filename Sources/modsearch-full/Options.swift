import ArgumentParser
import ModSearchCLI
import ModSearchClient
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

    var location: Location { Location(db: db, socket: socket) }

    /// The backend to send requests to: the daemon (started if none answers), or this process.
    func backend() throws(ProtocolError) -> any Backend {
        if noDaemon { return try InProcessBackend(databasePath: location.databasePath) }
        return try location.daemon()
    }
}

extension ColorChoice: ExpressibleByArgument {}

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
        HitPrinter.Format(json: json, tsv: tsv, ids: ids, count: count, full: full, color: color)
    }
}

extension Collapse: ExpressibleByArgument {}

/// Ends a command with the exit status its shared body returned (0 needs no throw).
func finish(_ status: Int32) throws {
    if status != 0 { throw ExitCode(status) }
}
