import ModSearchProtocol

/// The whole `modsearch` command line as one table: every command, the options each takes and
/// what their values are. `CommandLineReader` reads a command line against it, in `modsearch`
/// and in `modsearch-full` alike, and the completion scripts are written from it; a test holds it
/// equal to `modsearch-full`'s ArgumentParser tree, which gives help and man pages.
///
/// Arrays rather than sets and dictionaries throughout: the first `Set<String>` costs a
/// protocol-conformance scan of the whole static `modsearch`, about 60 µs of every start.
public enum CommandLineGrammar {
    /// One option: a flag, or an option that takes one value (`-n 5`, `-n5`, `--limit=5`).
    public struct Option: Sendable, Equatable {
        public enum Values: Sendable, Equatable {
            case flag
            case text
            /// A whole number, 0 or more.
            case count
            /// One of these words (`--by modality`).
            case choice([String])
        }

        /// What a completion script offers as the option's value.
        public enum Completion: Sendable, Equatable {
            case none, file, directory, sections, modalities
        }

        public let short: String?
        public let long: String
        public let values: Values
        public let repeatable: Bool
        public let completion: Completion

        /// Every name the option answers to, short first.
        public var names: [String] { (short.map { [$0] } ?? []) + [long] }
        public var takesValue: Bool { values != .flag }

        static func flag(_ long: String, short: String? = nil) -> Option {
            Option(short: short, long: long, values: .flag, repeatable: false, completion: .none)
        }

        static func value(_ long: String, short: String? = nil, _ values: Values = .text, repeatable: Bool = false,
                          completion: Completion = .none) -> Option {
            Option(short: short, long: long, values: values, repeatable: repeatable, completion: completion)
        }
    }

    /// What a command takes besides options.
    public enum Operands: Sendable, Equatable {
        case none
        /// Query words, joined with spaces; at least one.
        case query
        /// Passage ids; at least one.
        case ids
        /// Exactly one passage id or modality id.
        case target
        /// Files or folders; `required` when at least one must be given.
        case paths(required: Bool)
    }

    public struct Command: Sendable {
        /// The words that name it (`["daemon", "start"]`).
        public let path: [String]
        public let options: [Option]
        public let operands: Operands

        public var name: String { path.joined(separator: " ") }

        public func option(named name: String) -> Option? { options.first { $0.short == name || $0.long == name } }
    }

    static let database = Option.value("--db", completion: .directory)
    static let socket = Option.value("--socket", completion: .file)
    static let noDaemon = Option.flag("--no-daemon")
    static let json = Option.flag("--json")
    static let limit = Option.value("--limit", short: "-n", .count)
    /// The output formats a command prints hits in; at most one of them.
    public static let formats = ["--json", "--tsv", "--ids", "--count", "--vimgrep"]
    static let output: [Option] = [
        json, .flag("--tsv"), .flag("--ids", short: "-l"), .flag("--count", short: "-c"), .flag("--vimgrep"),
        .flag("--full"), .value("--context", short: "-C", .count),
        .value("--color", .choice(ColorChoice.allCases.map(\.rawValue))),
    ]
    static let client: [Option] = [database, socket, noDaemon]

    public static let commands: [Command] = [
        Command(path: ["search"], options: [
            limit, .flag("--all"), .value("--offset", .count),
            .value("--modality", short: "-m", repeatable: true, completion: .modalities),
            .value("--section", short: "-s", repeatable: true, completion: .sections),
            .value("--by", .choice(Collapse.allCases.map(\.rawValue))), .flag("--facets"), .flag("--exact"),
        ] + output + client, operands: .query),
        Command(path: ["explain"], options: [
            limit, .value("--modality", short: "-m", repeatable: true, completion: .modalities),
            .value("--section", short: "-s", repeatable: true, completion: .sections),
            .value("--by", .choice(Collapse.allCases.map(\.rawValue))), json,
        ] + client, operands: .query),
        Command(path: ["index"], options: [.flag("--rebuild"), .flag("--watch"), .value("--max-file-size", .text), json, database],
                operands: .paths(required: false)),
        Command(path: ["get"], options: output + client, operands: .ids),
        Command(path: ["related"], options: [limit] + output + client, operands: .target),
        Command(path: ["stats"], options: [json] + client, operands: .none),
        Command(path: ["daemon", "start"], options: [database, socket], operands: .none),
        Command(path: ["daemon", "stop"], options: [database, socket], operands: .none),
        Command(path: ["daemon", "status"], options: [database, socket], operands: .none),
        Command(path: ["parse"], options: [json], operands: .paths(required: true)),
        Command(path: ["mcp"], options: client, operands: .none),
    ]

    /// The command words read without a command name.
    public static let defaultCommand = commands[0]

    /// The option of any command answering to `name` (names take values alike in every command,
    /// so an option before the command's name is read before the command is known).
    static func anyOption(named name: String) -> Option? {
        for command in commands {
            if let option = command.option(named: name) { return option }
        }
        return nil
    }

    static func command(_ path: [String]) -> Command? { commands.first { $0.path == path } }

    /// The first words of every command (`search`, `daemon`, …).
    public static var commandNames: [String] {
        var names: [String] = []
        for command in commands where !names.contains(command.path[0]) { names.append(command.path[0]) }
        return names + ["help"]
    }
}
