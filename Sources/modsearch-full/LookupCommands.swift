import ArgumentParser
import ModSearchCLI
import ModSearchProtocol

/// `modsearch get ID`: one passage by id.
struct GetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "get", abstract: "Print passages by id (e.g. mod032/definition/1).")

    @Argument(help: "Passage ids.") var ids: [String]
    @OptionGroup var location: LocationOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        try finish(Commands.get(ids, format: output.format, connect: location.backend))
    }
}

/// `modsearch related ID|MODnnn`: passages like a passage, or a modality's neighbours.
struct RelatedCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "related",
        abstract: "Passages like a passage, or the modalities around a modality.",
        discussion: """
            For a passage id: similar passages from other modalities. For a modality id (MOD032): \
            the modalities it cross-references and those that reference it (in text mode only), then \
            the most similar modalities by content, one passage each; all of it on stdout.
            """)

    @Argument(help: "A passage id or a modality id.") var target: String
    @Option(name: [.customShort("n"), .long], help: "Passages to print.") var limit = Limits.defaultLimit
    @OptionGroup var location: LocationOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        try finish(Commands.related(target, limit: limit, format: output.format, connect: location.backend))
    }
}

/// `modsearch stats`: what the index holds.
struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "stats", abstract: "Show what the index holds.")

    @OptionGroup var location: LocationOptions
    @Flag(help: "Print one JSON object.") var json = false

    func run() throws {
        try finish(Commands.stats(json: json, connect: location.backend))
    }
}
