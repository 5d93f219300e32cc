import ArgumentParser
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
        let text = query.joined(separator: " ")
        // A count asks for no passages, which makes the total exact.
        let request = Request(op: .search, query: text, limit: output.count ? 0 : limit, offset: offset,
                              modality: modality.isEmpty ? nil : modality, section: section.isEmpty ? nil : section,
                              collapse: by, facets: facets ? true : nil)
        let result = try Failure.report { () throws(ProtocolError) in try location.backend().send(request) }
        guard case .search(let answer) = result else { throw Failure.unexpected(result) }
        HitPrinter(format: output.format).printResult(
            hits: answer.hits, total: answer.total.estimate,
            exact: answer.total.lower == answer.total.upper, query: text, tookMicroseconds: answer.tookMicroseconds,
            corrected: answer.corrected, suggestion: answer.suggestion, facets: answer.facets)
        if answer.hits.isEmpty && answer.total.estimate == 0 { throw ExitCode(1) }
    }
}

/// Turns protocol errors into one line on stderr and exit status 2.
enum Failure {
    static func report<T>(_ body: () throws(ProtocolError) -> T) throws -> T {
        do {
            return try body()
        } catch {
            Diagnostics.error(Self.message(error))
            throw ExitCode(2)
        }
    }

    static func message(_ error: ProtocolError) -> String {
        error.code == .badQuery ? "bad query: \(error.message)" : error.message
    }

    static func unexpected(_ result: Response.Result) -> Error {
        Diagnostics.error("unexpected answer from the daemon")
        return ExitCode(2)
    }
}
