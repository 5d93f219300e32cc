import ModSearchCLI
import ModSearchProtocol

/// The command lines `modsearch` answers itself, without ArgumentParser: searches and lookups
/// through the daemon, written the plain way (`-n 5`, `--json`, words). ArgumentParser finds
/// its options by reflection and the protocol-conformance scans that costs take about a
/// millisecond at every start, as long as the search itself; so this parser accepts only a
/// strict subset of what `modsearch-local`'s ArgumentParser tree accepts, reads it the same
/// way, and returns nil for anything else (help, completions, `--no-daemon`, `index`,
/// `parse`, `--limit=5`, a repeated option, a usage error…), which `modsearch-local` then runs.
enum FastCommandLine {
    enum Command {
        case version
        case search(SearchArguments, Location, HitPrinter.Format)
        case get([String], Location, HitPrinter.Format)
        case related(String, limit: Int, Location, HitPrinter.Format)
        case stats(json: Bool, Location)
        case daemonStart(Location), daemonStop(Location), daemonStatus(Location)
    }

    /// Subcommand names: a word equal to one of them is left to ArgumentParser's reading.
    /// Arrays rather than sets throughout: the first `Set<String>` costs a protocol-conformance
    /// scan of the whole static binary, about 60 µs of every start, to search a dozen strings.
    private static let commandNames: [String] = ["search", "index", "get", "related", "stats", "daemon", "parse", "help"]

    static func parse(_ arguments: [String]) -> Command? {
        guard let first = arguments.first else { return nil }
        if arguments == ["--version"] { return .version }
        var reader = Reader(arguments: commandNames.contains(first) ? Array(arguments.dropFirst()) : arguments)
        switch commandNames.contains(first) ? first : "search" {
        case "search": return reader.search()
        case "get": return reader.get()
        case "related": return reader.related()
        case "stats": return reader.stats()
        case "daemon": return reader.daemon()
        default: return nil
        }
    }

    /// Options and words of one subcommand; every method returns nil on anything it does not know.
    private struct Reader {
        var arguments: [String]
        var words: [String] = []
        var db: String?
        var socket: String?
        var json = false, tsv = false, ids = false, count = false, full = false
        var color = ColorChoice.auto
        var limit = Limits.defaultLimit, offset = 0
        var modality: [String] = [], section: [String] = []
        var by: Collapse?
        var facets = false
        private var seen: [String] = []

        init(arguments: [String]) { self.arguments = arguments }

        var location: Location { Location(db: db, socket: socket) }

        var format: HitPrinter.Format? {
            guard [json, tsv, ids, count].filter({ $0 }).count <= 1 else { return nil }
            return HitPrinter.Format(json: json, tsv: tsv, ids: ids, count: count, full: full, color: color)
        }

        mutating func search() -> Command? {
            guard read(["-n", "--limit", "--offset", "-m", "--modality", "-s", "--section", "--by", "--facets"], output: true),
                  !words.isEmpty, let format else { return nil }
            return .search(SearchArguments(query: words, limit: limit, offset: offset, modality: modality, section: section,
                                           by: by, facets: facets), location, format)
        }

        mutating func get() -> Command? {
            guard read([], output: true), !words.isEmpty, let format else { return nil }
            return .get(words, location, format)
        }

        mutating func related() -> Command? {
            guard read(["-n", "--limit"], output: true), words.count == 1, let format else { return nil }
            return .related(words[0], limit: limit, location, format)
        }

        mutating func stats() -> Command? {
            guard read([], output: false, extra: ["--json"]), words.isEmpty else { return nil }
            return .stats(json: json, location)
        }

        mutating func daemon() -> Command? {
            guard let action = arguments.first else { return nil }
            arguments.removeFirst()
            guard read([], output: false), words.isEmpty else { return nil }
            switch action {
            case "start": return .daemonStart(location)
            case "stop": return .daemonStop(location)
            case "status": return .daemonStatus(location)
            default: return nil
            }
        }

        private static let outputOptions: [String] = ["--json", "--tsv", "-l", "--ids", "-c", "--count", "--full", "--color"]

        /// Reads every argument: the given options, `--db` and `--socket`, the output options when
        /// `output`, and words. False when anything is unknown, repeated or malformed.
        private mutating func read(_ allowed: [String], output: Bool, extra: [String] = []) -> Bool {
            var index = 0
            while index < arguments.count {
                let argument = arguments[index]
                index += 1
                guard argument.hasPrefix("-") else {
                    guard !FastCommandLine.commandNames.contains(argument) else { return false }
                    words.append(argument)
                    continue
                }
                let known = allowed.contains(argument) || extra.contains(argument) || argument == "--db"
                    || argument == "--socket" || (output && Self.outputOptions.contains(argument))
                // `-m` and `-s` are repeatable; anything else given twice is ArgumentParser's call.
                let repeatable = ["-m", "--modality", "-s", "--section"].contains(argument)
                guard known, repeatable || !seen.contains(Self.canonical(argument)) else { return false }
                seen.append(Self.canonical(argument))
                if let flag = Self.flag(argument) {
                    switch flag {
                    case "--json": json = true
                    case "--tsv": tsv = true
                    case "--ids": ids = true
                    case "--count": count = true
                    case "--full": full = true
                    default: facets = true
                    }
                    continue
                }
                guard index < arguments.count, !arguments[index].hasPrefix("-") else { return false }
                let value = arguments[index]
                index += 1
                switch Self.canonical(argument) {
                case "--db": db = value
                case "--socket": socket = value
                case "--modality": modality.append(value)
                case "--section": section.append(value)
                case "--color":
                    guard let choice = ColorChoice(rawValue: value) else { return false }
                    color = choice
                case "--by":
                    guard let collapse = Collapse(rawValue: value) else { return false }
                    by = collapse
                case "--limit":
                    guard let number = Int(value) else { return false }
                    limit = number
                default:
                    guard let number = Int(value) else { return false }
                    offset = number
                }
            }
            return true
        }

        /// The long name of an option given by its short one.
        private static func canonical(_ argument: String) -> String {
            switch argument {
            case "-n": "--limit"
            case "-m": "--modality"
            case "-s": "--section"
            case "-l": "--ids"
            case "-c": "--count"
            default: argument
            }
        }

        /// The long name of a flag (an option without a value), or nil for an option with one.
        private static func flag(_ argument: String) -> String? {
            let name = canonical(argument)
            return ["--json", "--tsv", "--ids", "--count", "--full", "--facets"].contains(name) ? name : nil
        }
    }
}
