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
            heading:…, related:MOD039.
            """
    )

    @Argument(help: "The query; several words are joined with spaces.")
    var query: [String]

    @Option(name: [.customShort("n"), .long], help: "Passages to print.")
    var limit = Limits.defaultLimit

    @Option(help: "Skip this many passages first (paging).")
    var offset = 0

    @Option(name: [.customShort("m"), .long], help: "Only this modality (e.g. MOD032); repeatable.")
    var modality: [String] = []

    @Option(name: [.customShort("s"), .long], help: "Only this section (slug, alias or heading); repeatable.")
    var section: [String] = []

    @Option(help: "Best passage per modality or per section.")
    var by: Collapse?

    @Flag(help: "Also count matches per modality and per section.")
    var facets = false

    @OptionGroup var location: LocationOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let arguments = SearchArguments(query: query, limit: limit, offset: offset, modality: modality, section: section,
                                        by: by, facets: facets)
        try finish(Commands.search(arguments, format: output.format, connect: location.backend))
    }
}
