import ModSearchProtocol

/// A command line read completely: the command, its options in order, its operands.
public struct ParsedCommandLine: Equatable, Sendable {
    public struct Given: Equatable, Sendable {
        /// The option's long name, whichever name was typed.
        public var long: String
        public var value: String?
    }

    public var path: [String]
    public var given: [Given]
    public var operands: [String]

    public func flag(_ long: String) -> Bool { given.contains { $0.long == long } }
    public func values(_ long: String) -> [String] { given.compactMap { $0.long == long ? $0.value : nil } }
    /// The value given last: an option given twice takes its second value.
    public func value(_ long: String) -> String? { values(long).last }
    public func number(_ long: String) -> Int? { value(long).flatMap { Int($0) } }

    /// The same command line as `modsearch-full`'s ArgumentParser tree reads it: the command's
    /// path, each option once by its long name (repeatable ones each time), then `--` and the operands.
    public var canonicalArguments: [String] {
        var arguments = path
        var written: [String] = []
        for option in given {
            if CommandLineGrammar.anyOption(named: option.long)?.repeatable == true {
                arguments += [option.long] + (option.value.map { [$0] } ?? [])
            } else if !written.contains(option.long) {
                written.append(option.long)
                arguments += [option.long] + (value(option.long).map { [$0] } ?? [])
            }
        }
        return operands.isEmpty ? arguments : arguments + ["--"] + operands
    }

    func checkOperands(of command: CommandLineGrammar.Command) throws(CommandLineReader.UsageError) {
        switch command.operands {
        case .query:
            guard !operands.isEmpty else {
                throw .init("no query given (modsearch QUERY…; modsearch --help lists the commands)")
            }
            guard operands.contains(where: { $0.contains { !$0.isWhitespace } }) else {
                throw .init("the query is empty")
            }
        case .ids:
            guard !operands.isEmpty else { throw .init("get needs at least one passage id, such as mod032/definition/1") }
        case .target:
            guard operands.count == 1 else {
                throw .init("related needs one passage id or modality id (mod032/definition/1, MOD032); got \(operands.count)")
            }
        case .paths(let required):
            guard !required || !operands.isEmpty else { throw .init("\(command.name) needs at least one file") }
        case .none:
            guard operands.isEmpty else { throw .init("\(command.name) takes no words; got '\(operands[0])'") }
        }
    }

    func checkCombinations() throws(CommandLineReader.UsageError) {
        let formats = CommandLineGrammar.formats.filter(flag)
        guard formats.count <= 1 else {
            throw .init("choose one of --json, --tsv, --ids, --count and --vimgrep; got \(formats.joined(separator: " and "))")
        }
        guard wantsEveryMatch, !flag("--count") else { return }
        for option in ["--offset", "--by", "--facets"] where flag(option) {
            throw .init("\(option) cannot be combined with --all or -n 0, which print every match in index order")
        }
    }

    /// `--all`, or `-n 0`.
    var wantsEveryMatch: Bool { flag("--all") || number("--limit") == 0 }
}
