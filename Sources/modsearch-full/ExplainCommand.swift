import ArgumentParser
import ModSearchCLI
import ModSearchProtocol

/// `modsearch explain QUERY…`: why these passages, in this order.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Search, and show how the query was read and how each hit's score was made.",
        discussion: """
            Prints the query as searched (rewrites, the query tree, each term's frequency and \
            weight), then each hit with its score as section weight × passage share × exact-form \
            factor (× partial scale), and the section's BM25 weight term by term.
            """
    )

    @Argument(help: "The query, as search takes it.")
    var query: [String]

    @Option(name: [.customShort("n"), .long], help: "Hits to explain, best first.")
    var limit = Limits.defaultLimit

    @OptionGroup var scope: ScopeOptions

    @Flag(help: "JSON Lines: the query, a hit and its explanation per hit, then a summary (docs/json-output.md).")
    var json = false

    @OptionGroup var client: ClientOptions

    func run() throws {
        let arguments = ExplainArguments(query: query, limit: limit, modality: scope.modality,
                                         section: scope.section, by: scope.by)
        try finish(Commands.explain(arguments, json: json, connect: client.backend))
    }
}
