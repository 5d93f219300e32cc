import ArgumentParser
import ModSearchProtocol

/// `modsearch get ID`: one passage by id.
struct GetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "get", abstract: "Print passages by id (e.g. mod032/definition/1).")

    @Argument(help: "Passage ids.") var ids: [String]
    @OptionGroup var location: LocationOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let backend = try Failure.report { () throws(ProtocolError) in try location.backend() }
        let printer = HitPrinter(format: output.format)
        var missing = false
        for (number, id) in ids.enumerated() {
            do {
                guard case .passage(var hit) = try backend.send(Request(op: .get, target: id)) else { continue }
                hit.rank = number + 1
                printer.printPassage(hit)
            } catch where error.code == .notFound {
                Diagnostics.error(error.message)
                missing = true
            } catch {
                Diagnostics.error(Failure.message(error))
                throw ExitCode(2)
            }
        }
        if missing { throw ExitCode(1) }
    }
}

/// `modsearch related ID|MODnnn`: passages like a passage, or a modality's neighbours.
struct RelatedCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "related",
        abstract: "Passages like a passage, or the modalities around a modality.",
        discussion: """
            For a passage id: similar passages from other modalities. For a modality id (MOD032): \
            the modalities it cross-references and those that reference it (on stderr in text mode), \
            then the most similar modalities by content, one passage each.
            """)

    @Argument(help: "A passage id or a modality id.") var target: String
    @Option(name: [.customShort("n"), .long], help: "Passages to print.") var limit = Limits.defaultLimit
    @OptionGroup var location: LocationOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let result = try Failure.report { () throws(ProtocolError) in
            try location.backend().send(Request(op: .related, limit: limit, target: target))
        }
        guard case .related(let related) = result else { throw Failure.unexpected(result) }
        if case .text = output.format {
            if let references = related.references {
                Output.line("\(related.target) refers to: \(references.joined(separator: " "))")
            }
            if let referencedBy = related.referencedBy {
                Output.line("referred to by: \(referencedBy.joined(separator: " "))")
            }
        }
        HitPrinter(format: output.format).printResult(
            hits: related.hits, total: related.hits.count, query: "", tookMicroseconds: related.tookMicroseconds)
        if related.hits.isEmpty { throw ExitCode(1) }
    }
}

/// `modsearch stats`: what the index holds.
struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "stats", abstract: "Show what the index holds.")

    @OptionGroup var location: LocationOptions
    @Flag(help: "Print one JSON object.") var json = false

    func run() throws {
        let result = try Failure.report { () throws(ProtocolError) in try location.backend().send(Request(op: .stats)) }
        guard case .stats(let stats) = result else { throw Failure.unexpected(result) }
        if json {
            Output.line(String(decoding: stats.jsonBytes, as: UTF8.self))
            return
        }
        var lines = ["database    \(stats.database)", "passages    \(stats.passages)",
                     "modalities  \(stats.modalities)", "revision    \(stats.revision)"]
        if let uptime = stats.uptimeSeconds { lines.append("daemon up   \(Int(uptime)) s") }
        if let requests = stats.requests { lines.append("requests    \(requests)") }
        Output.line(lines.joined(separator: "\n"))
    }
}
