/// Reads a `modsearch` command line against `CommandLineGrammar`, the same way in both programs.
///
/// Options may stand anywhere before `--`: before the command's name (`modsearch --json stats`),
/// after it, between words; short ones take their value attached (`-n1`, `-mMOD032`) or as the
/// next word, long ones after `=` or as the next word. The first word that is not an option or
/// an option's value names the command when it is one (`index`, `get`, …) and is otherwise the
/// first word of a search; so a search for a command's name is written `modsearch search stats`
/// or `modsearch -- stats`. Everything wrong is one usage error.
public enum CommandLineReader {
    public enum Reading: Equatable, Sendable {
        case command(ParsedCommandLine)
        case version
        /// Help on the command with this path (`[]`: the program).
        case help([String])
        /// `--generate-completion-script SHELL`.
        case completionScript(String)
        /// `---complete INDEX WORD…`: what a completion script offers for word INDEX of the
        /// words typed (the program's name first); hidden.
        case complete(Int, [String])
        /// For ArgumentParser as it is (`--experimental-dump-help`).
        case handOver
        case usageError(String)
    }

    public static func read(_ arguments: [String]) -> Reading {
        if let first = arguments.first {
            if first == "--experimental-dump-help" { return .handOver }
            if first.hasPrefix("--generate-completion-script") {
                let shell = first.split(separator: "=").dropFirst().first.map(String.init) ?? arguments.dropFirst().first
                return .completionScript(shell ?? "")
            }
            if first == "---complete", arguments.count >= 2, let index = Int(arguments[1]) {
                return .complete(index, Array(arguments.dropFirst(2)))
            }
            if first == "help" { return .help(Array(arguments.dropFirst())) }
        }
        var scan = Scan()
        do {
            try scan.read(arguments)
            if scan.helpAsked { return .help(scan.path ?? []) }
            if scan.versionAsked { return .version }
            return .command(try scan.finish())
        } catch {
            return .usageError(error.message)
        }
    }

    struct UsageError: Error {
        let message: String
        init(_ message: String) { self.message = message }
    }

    /// The state of one left-to-right reading.
    private struct Scan {
        var path: [String]?
        var given: [ParsedCommandLine.Given] = []
        var operands: [String] = []
        var helpAsked = false
        var versionAsked = false

        mutating func read(_ arguments: [String]) throws(UsageError) {
            var index = 0
            var endOfOptions = false
            while index < arguments.count {
                let argument = arguments[index]
                index += 1
                if !endOfOptions, argument == "--" {
                    endOfOptions = true
                    if path == nil { path = CommandLineGrammar.defaultCommand.path }
                } else if !endOfOptions, argument.hasPrefix("-"), argument != "-" {
                    try option(argument, next: index < arguments.count ? arguments[index] : nil, consumed: &index)
                } else {
                    try word(argument)
                }
            }
        }

        /// Reads one option (and its value, moving `consumed` past a separate one).
        private mutating func option(_ argument: String, next: String?, consumed: inout Int) throws(UsageError) {
            if argument == "-h" || argument == "--help" { helpAsked = true; return }
            if argument == "--version" { versionAsked = true; return }
            let (name, attached) = Self.split(argument)
            guard let option = CommandLineGrammar.anyOption(named: name) else {
                throw UsageError("unknown option '\(argument)'" + Self.hint(for: name, typed: argument))
            }
            guard option.takesValue else {
                if attached != nil {
                    throw UsageError(argument.hasPrefix("--") ? "option '\(name)' takes no value"
                                                              : "unknown option '\(argument)'" + Self.hint(for: argument, typed: argument))
                }
                given.append(.init(long: option.long, value: nil))
                return
            }
            guard let value = attached ?? next else { throw UsageError("option '\(name)' needs a value") }
            if attached == nil { consumed += 1 }
            try Self.check(value, of: option, as: name)
            given.append(.init(long: option.long, value: value))
        }

        /// `--name=value` and `-nVALUE` apart; other arguments are a name alone.
        private static func split(_ argument: String) -> (String, String?) {
            if argument.hasPrefix("--") {
                guard let equals = argument.firstIndex(of: "=") else { return (argument, nil) }
                return (String(argument[..<equals]), String(argument[argument.index(after: equals)...]))
            }
            let name = String(argument.prefix(2))
            return argument.count > 2 ? (name, String(argument.dropFirst(2))) : (name, nil)
        }

        private static func check(_ value: String, of option: CommandLineGrammar.Option, as name: String) throws(UsageError) {
            switch option.values {
            case .count:
                guard let number = Int(value), number >= 0 else {
                    throw UsageError("option '\(name)' needs a whole number, 0 or more; got '\(value)'")
                }
            case .choice(let words):
                guard words.contains(value) else {
                    throw UsageError("option '\(name)' takes \(words.joined(separator: ", ")); got '\(value)'")
                }
            case .flag, .text:
                break
            }
        }

        /// A nearby option name, or how to search for a word that starts with `-`.
        private static func hint(for name: String, typed: String) -> String {
            let letters = Array(name.drop { $0 == "-" })
            var best: (length: Int, name: String)?
            for command in CommandLineGrammar.commands {
                for option in command.options {
                    let candidate = Array(option.long.dropFirst(2))
                    let shared = zip(letters, candidate).prefix { $0 == $1 }.count
                    if shared >= 3, shared > best?.length ?? 0 { best = (shared, option.long) }
                }
            }
            if let best { return "; did you mean '\(best.name)'?" }
            // `-guilt` is more likely a query's exclusion than a mistyped option.
            return name.hasPrefix("--") ? "" : " (a query word that starts with '-' goes after --: modsearch -- shame \(typed))"
        }

        private mutating func word(_ argument: String) throws(UsageError) {
            switch path {
            case nil:
                if CommandLineGrammar.commands.contains(where: { $0.path[0] == argument }) {
                    path = [argument]
                } else {
                    path = CommandLineGrammar.defaultCommand.path
                    operands.append(argument)
                }
            case ["daemon"]?:
                guard ["start", "stop", "status"].contains(argument) else {
                    throw UsageError("daemon needs start, stop or status; got '\(argument)'")
                }
                path = ["daemon", argument]
            default:
                operands.append(argument)
            }
        }

        func finish() throws(UsageError) -> ParsedCommandLine {
            guard let path else {
                throw UsageError("no query given (modsearch QUERY…; modsearch --help lists the commands)")
            }
            guard let command = CommandLineGrammar.command(path) else {
                throw UsageError("daemon needs start, stop or status")
            }
            for option in given where command.option(named: option.long) == nil {
                throw UsageError("option '\(option.long)' does not apply to '\(command.name)'")
            }
            let parsed = ParsedCommandLine(path: path, given: given, operands: operands)
            try parsed.checkOperands(of: command)
            try parsed.checkCombinations()
            return parsed
        }
    }
}
