import ArgumentParser
import ModSearchCLI
import ModSearchClient
import ModSearchProtocol

/// `--db`: the index a command works on.
struct DatabaseOption: ParsableArguments {
    @Option(help: ArgumentHelp("Index database path.", discussion: "Default: $MODSEARCH_DB, else ~/.local/share/modsearch/index."),
            completion: .directory)
    var db: String?
}

/// Where the daemon is, for the `daemon` commands.
struct LocationOptions: ParsableArguments {
    @OptionGroup var database: DatabaseOption

    @Option(help: ArgumentHelp("Daemon socket path.", discussion: "Default: $MODSEARCH_SOCKET, else $XDG_RUNTIME_DIR/modsearch/modsearchd.sock."),
            completion: .file())
    var socket: String?

    var location: Location { Location(db: database.db, socket: socket) }
}

/// Where the commands that read the index are answered: by the daemon, or in this process.
struct ClientOptions: ParsableArguments {
    @OptionGroup var location: LocationOptions

    @Flag(help: "Answer in this process instead of asking the daemon.")
    var noDaemon = false

    /// The backend to send requests to: the daemon (started if none answers), or this process.
    func backend() throws(ProtocolError) -> any Backend {
        if noDaemon { return try InProcessBackend(databasePath: location.location.databasePath) }
        return try location.location.daemon()
    }
}

extension ColorChoice: ExpressibleByArgument {}

/// How results are printed; the same for every command that prints passages.
/// Which passages a search or an explanation looks at: filters and the grouping.
struct ScopeOptions: ParsableArguments {
    @Option(name: [.customShort("m"), .long], help: "Only this modality (e.g. MOD032); repeatable.")
    var modality: [String] = []

    @Option(name: [.customShort("s"), .long], help: "Only this section (slug, alias or heading); repeatable.")
    var section: [String] = []

    @Option(help: "Best passage per modality or per section.")
    var by: Collapse?
}

struct OutputOptions: ParsableArguments {
    @Flag(help: "JSON Lines: a record per hit, then a summary (docs/json-output.md).")
    var json = false

    @Flag(help: "Tab-separated: id, modality, section, score, snippet, source, line.")
    var tsv = false

    @Flag(name: [.customShort("l"), .long], help: "Print passage ids only.")
    var ids = false

    @Flag(name: [.customShort("c"), .long], help: "Print the number of matching passages only.")
    var count = false

    @Flag(help: "Print path:line:column:text, a passage a line, for editors (vim -q, quickfix lists).")
    var vimgrep = false

    @Flag(help: "Print whole passages instead of snippets.")
    var full = false

    @Option(name: [.customShort("C"), .long],
            help: "Also print this many passages before and after each hit, from its section (text and JSON).")
    var context = 0

    @Option(help: "Highlight matches: auto (on a terminal, unless NO_COLOR is set), always or never.")
    var color: ColorChoice = .auto

    var format: HitPrinter.Format {
        HitPrinter.Format(json: json, tsv: tsv, ids: ids, count: count, vimgrep: vimgrep, full: full, color: color)
    }
}

extension Collapse: ExpressibleByArgument {}

/// Ends a command with the exit status its shared body returned (0 needs no throw).
func finish(_ status: Int32) throws {
    if status != 0 { throw ExitCode(status) }
}
