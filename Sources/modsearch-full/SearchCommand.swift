import ArgumentParser
import ModSearchCLI
import ModSearchProtocol

/// `modsearch [search] QUERY…`: ranked passages for a query.
struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Search the index (the default command).",
        discussion: """
            QUERY uses Xapian's query syntax: words (all must match), "a phrase", -exclude, +require, \
            OR, NOT, NEAR, wildcard*, and the fields modality:MOD032, section:evidence, title:…, \
            heading:…, related:MOD039. A query word that starts with - goes after --. A word the index \
            lacks may be corrected, and other forms and synonyms are searched too; one line on stderr says \
            so, and the exit status is 1 when nothing matched the words as typed. --exact turns that off.
            """
    )

    @Argument(help: "The query; several words are joined with spaces.")
    var query: [String]

    @Option(name: [.customShort("n"), .long], help: "Passages to print, best first; 0 prints every match, as --all does.")
    var limit = Limits.defaultLimit

    @Flag(help: "Print every match, in index order (document by document) rather than ranked, however many there are.")
    var all = false

    @Option(help: "Skip this many passages first (paging).")
    var offset = 0

    @OptionGroup var scope: ScopeOptions

    @Flag(help: "Also count matches per modality and per section.")
    var facets = false

    @Flag(help: "Search the words as typed, for scripts: no correction, other forms, synonyms or partial matches.")
    var exact = false

    @OptionGroup var output: OutputOptions
    @OptionGroup var client: ClientOptions

    func run() throws {
        let arguments = SearchArguments(query: query, limit: limit, offset: offset, modality: scope.modality,
                                        section: scope.section, by: scope.by, facets: facets, everyMatch: all, exact: exact)
        try finish(Commands.search(arguments, format: output.format, context: output.context, connect: client.backend))
    }
}
