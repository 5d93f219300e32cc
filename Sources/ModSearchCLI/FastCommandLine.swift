import ModSearchProtocol

/// The command lines `modsearch` answers itself, without ArgumentParser: searches and lookups
/// through the daemon, written the plain way (`-n 5`, `--json`, words). ArgumentParser finds
/// its options by reflection and the protocol-conformance scans that costs take about a
/// millisecond at every start, as long as the search itself; so this parser accepts only a
/// strict subset of what `modsearch-full`'s ArgumentParser tree accepts, reads it the same
/// way, and returns nil for anything else (help, completions, `--no-daemon`, `index`,
/// `parse`, `--limit=5`, `--`, a repeated option, a usage error…), which `modsearch-full` then runs.
public enum FastCommandLine {
    /// A command line read completely, ready to run.
    public enum Command: Equatable, Sendable {
        case version
        case search(SearchArguments, Location, HitPrinter.Format)
        case get([String], Location, HitPrinter.Format)
        case related(String, limit: Int, Location, HitPrinter.Format)
        case stats(json: Bool, Location)
        case daemonStart(Location), daemonStop(Location), daemonStatus(Location)
    }

    /// One option as the fast path reads it: only as separate words (`-n 5`, never `-n5` or `--limit=5`).
    public struct Option: Sendable {
        /// What follows an option on the command line.
        public enum Values: Sendable, Equatable {
            /// Nothing: the option is a flag (`--json`).
            case flag
            case text
            case integer
            /// One of these words (`--by modality`).
            case choice([String])
        }

        /// The short name (`-n`), if any.
        public let short: String?
        /// The long name (`--limit`), which also names the setting the option makes.
        public let long: String
        public let values: Values
        /// Whether the option may be given more than once (`-m A -m B`).
        public let repeatable: Bool

        /// Every name the option answers to, short first.
        public var names: [String] { (short.map { [$0] } ?? []) + [long] }

        static func flag(_ long: String, short: String? = nil) -> Option {
            Option(short: short, long: long, values: .flag, repeatable: false)
        }

        static func value(_ long: String, short: String? = nil, _ values: Values = .text, repeatable: Bool = false) -> Option {
            Option(short: short, long: long, values: values, repeatable: repeatable)
        }

        func accepts(_ value: String) -> Bool {
            switch values {
            case .flag: false
            case .text: true
            case .integer: Int(value) != nil
            case .choice(let words): words.contains(value)
            }
        }
    }

    /// A command the fast path reads, and the options it accepts there.
    public struct Subcommand: Sendable {
        /// The words that name it (`["daemon", "start"]`); empty for `modsearch` itself.
        public let path: [String]
        public let options: [Option]
    }

    private static let version = Option.flag("--version")
    private static let limit = Option.value("--limit", short: "-n", .integer)
    private static let location: [Option] = [.value("--db"), .value("--socket")]
    private static let output: [Option] = [
        .flag("--json"), .flag("--tsv"), .flag("--ids", short: "-l"), .flag("--count", short: "-c"), .flag("--full"),
        .value("--color", .choice(ColorChoice.allCases.map(\.rawValue))),
    ]
    private static let search = Subcommand(path: ["search"], options: [
        limit, .value("--offset", .integer), .value("--modality", short: "-m", repeatable: true),
        .value("--section", short: "-s", repeatable: true), .value("--by", .choice(Collapse.allCases.map(\.rawValue))),
        .flag("--facets"),
    ] + location + output)

    /// Everything the fast path reads; any other command or option is left to `modsearch-full`.
    /// Arrays rather than sets and dictionaries throughout: the first `Set<String>` costs a
    /// protocol-conformance scan of the whole static binary, about 60 µs of every start.
    public static let grammar: [Subcommand] = [
        Subcommand(path: [], options: [version]),
        search,
        Subcommand(path: ["get"], options: location + output),
        Subcommand(path: ["related"], options: [limit] + location + output),
        Subcommand(path: ["stats"], options: [.flag("--json")] + location),
        Subcommand(path: ["daemon", "start"], options: location),
        Subcommand(path: ["daemon", "stop"], options: location),
        Subcommand(path: ["daemon", "status"], options: location),
    ]

    /// Subcommand names of the full grammar: a word equal to one of them is left to ArgumentParser's reading.
    private static let commandNames: [String] = ["search", "index", "get", "related", "stats", "daemon", "parse", "help"]

    /// The command `arguments` (without the program name) ask for, or nil to hand them to `modsearch-full`.
    public static func parse(_ arguments: [String]) -> Command? {
        guard let first = arguments.first else { return nil }
        if arguments == [version.long] { return .version }
        // Words without a command name are a search, as `modsearch-full`'s default subcommand.
        let named = commandNames.contains(first)
        guard let subcommand = named ? grammar.first(where: { !$0.path.isEmpty && arguments.starts(with: $0.path) }) : search
        else { return nil }
        var reading = Reading()
        let rest = named ? Array(arguments.dropFirst(subcommand.path.count)) : arguments
        guard reading.read(rest, options: subcommand.options) else { return nil }
        return reading.command(subcommand.path.joined(separator: " "))
    }

    /// The words and options of one command line, each value checked against its option.
    private struct Reading {
        var words: [String] = []
        /// Options in order: long name, and value for an option that takes one.
        var given: [(long: String, value: String?)] = []

        mutating func read(_ arguments: [String], options: [Option]) -> Bool {
            var index = 0
            while index < arguments.count {
                let argument = arguments[index]
                index += 1
                guard argument.hasPrefix("-") else {
                    guard !FastCommandLine.commandNames.contains(argument) else { return false }
                    words.append(argument)
                    continue
                }
                guard let option = options.first(where: { $0.short == argument || $0.long == argument }),
                      option.repeatable || !given.contains(where: { $0.long == option.long }) else { return false }
                var value: String?
                if option.values != .flag {
                    // ArgumentParser may read `-n -5` as a value or as an option: its call.
                    guard index < arguments.count, !arguments[index].hasPrefix("-"), option.accepts(arguments[index])
                    else { return false }
                    value = arguments[index]
                    index += 1
                }
                given.append((option.long, value))
            }
            return true
        }

        func command(_ path: String) -> Command? {
            let location = Location(db: value("--db"), socket: value("--socket"))
            switch path {
            case "search":
                guard !words.isEmpty, let format else { return nil }
                let arguments = SearchArguments(
                    query: words, limit: number("--limit") ?? Limits.defaultLimit, offset: number("--offset") ?? 0,
                    modality: values("--modality"), section: values("--section"),
                    by: value("--by").flatMap { Collapse(rawValue: $0) }, facets: flag("--facets"))
                return .search(arguments, location, format)
            case "get":
                guard !words.isEmpty, let format else { return nil }
                return .get(words, location, format)
            case "related":
                guard words.count == 1, let format else { return nil }
                return .related(words[0], limit: number("--limit") ?? Limits.defaultLimit, location, format)
            default:
                guard words.isEmpty else { return nil }
                switch path {
                case "stats": return .stats(json: flag("--json"), location)
                case "daemon start": return .daemonStart(location)
                case "daemon stop": return .daemonStop(location)
                default: return .daemonStatus(location)
                }
            }
        }

        /// The output options' format; nil when more than one of the exclusive formats is chosen.
        private var format: HitPrinter.Format? {
            let json = flag("--json"), tsv = flag("--tsv"), ids = flag("--ids"), count = flag("--count")
            guard [json, tsv, ids, count].filter({ $0 }).count <= 1 else { return nil }
            let color = value("--color").flatMap { ColorChoice(rawValue: $0) } ?? .auto
            return HitPrinter.Format(json: json, tsv: tsv, ids: ids, count: count, full: flag("--full"), color: color)
        }

        private func flag(_ long: String) -> Bool { given.contains { $0.long == long } }

        private func values(_ long: String) -> [String] { given.compactMap { $0.long == long ? $0.value : nil } }

        private func value(_ long: String) -> String? { values(long).first }

        private func number(_ long: String) -> Int? { value(long).flatMap { Int($0) } }
    }
}
