import ModSearchProtocol

extension HitPrinter.Format {
    /// The format the output flags choose (at most one of them is set; the reader checks).
    public init(json: Bool, tsv: Bool, ids: Bool, count: Bool, vimgrep: Bool, full: Bool, color: ColorChoice) {
        if json {
            self = .json
        } else if tsv {
            self = .tsv
        } else if ids {
            self = .ids
        } else if count {
            self = .count
        } else if vimgrep {
            self = .vimgrep(full: full)
        } else {
            self = .text(Terminal.style(for: color), full: full)
        }
    }
}

extension ParsedCommandLine {
    /// Runs the commands `modsearch` answers through the daemon; nil for those only
    /// `modsearch-full` runs (`index`, `parse`, `--no-daemon`).
    public func runThroughDaemon() -> Int32? {
        guard !flag("--no-daemon") else { return nil }
        let location = Location(db: value("--db"), socket: value("--socket"))
        switch path {
        case ["search"]:
            let arguments = SearchArguments(
                query: operands, limit: number("--limit") ?? Limits.defaultLimit, offset: number("--offset") ?? 0,
                modality: values("--modality"), section: values("--section"), by: value("--by").flatMap(Collapse.init),
                facets: flag("--facets"), everyMatch: flag("--all"), exact: flag("--exact"))
            return Commands.search(arguments, format: format, context: context, connect: location.daemon)
        case ["explain"]:
            let arguments = ExplainArguments(query: operands, limit: number("--limit") ?? Limits.defaultLimit,
                                             modality: values("--modality"), section: values("--section"),
                                             by: value("--by").flatMap(Collapse.init))
            return Commands.explain(arguments, json: flag("--json"), connect: location.daemon)
        case ["get"]:
            return Commands.get(operands, format: format, context: context, connect: location.daemon)
        case ["related"]:
            return Commands.related(operands[0], limit: number("--limit") ?? Limits.defaultLimit, format: format,
                                    context: context, connect: location.daemon)
        case ["stats"]: return Commands.stats(json: flag("--json"), connect: location.daemon)
        case ["daemon", "start"]: return Commands.daemonStart(location)
        case ["daemon", "stop"]: return Commands.daemonStop(location)
        case ["daemon", "status"]: return Commands.daemonStatus(location)
        default: return nil
        }
    }

    private var format: HitPrinter.Format {
        HitPrinter.Format(json: flag("--json"), tsv: flag("--tsv"), ids: flag("--ids"), count: flag("--count"),
                          vimgrep: flag("--vimgrep"), full: flag("--full"),
                          color: value("--color").flatMap(ColorChoice.init) ?? .auto)
    }

    private var context: Int { number("--context") ?? 0 }
}
