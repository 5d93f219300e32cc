import ArgumentParser

@main
struct ModSearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "modsearch",
        abstract: "Search modality documents.",
        version: "0.1.0",
        subcommands: [ParseCommand.self]
    )
}
