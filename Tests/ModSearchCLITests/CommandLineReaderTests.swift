import ModSearchProtocol
import Testing
@testable import ModSearchCLI

/// How `modsearch` and `modsearch-full` read a command line (`CommandLineReader`).
@Suite struct CommandLineReaderTests {
    static func read(_ arguments: [String]) -> ParsedCommandLine? {
        guard case .command(let command) = CommandLineReader.read(arguments) else { return nil }
        return command
    }

    static func usageError(_ arguments: [String]) -> String? {
        guard case .usageError(let message) = CommandLineReader.read(arguments) else { return nil }
        return message
    }

    static func search(_ words: [String], _ given: [(String, String?)] = []) -> ParsedCommandLine {
        ParsedCommandLine(path: ["search"], given: given.map { .init(long: $0.0, value: $0.1) }, operands: words)
    }

    @Test func wordsWithoutACommandAreASearch() {
        #expect(Self.read(["self-criticism"]) == Self.search(["self-criticism"]))
        #expect(Self.read(["inner", "critic"]) == Self.search(["inner", "critic"]))
        #expect(Self.read(["search", "inner", "critic"]) == Self.search(["inner", "critic"]))
        #expect(Self.read(["trauma", "index"]) == Self.search(["trauma", "index"]), "only the first word names a command")
    }

    @Test func commandNamesAreSearchedForAfterSearchOrTheEndOfOptions() {
        #expect(Self.read(["search", "stats"]) == Self.search(["stats"]))
        #expect(Self.read(["--", "stats"]) == Self.search(["stats"]))
        #expect(Self.read(["-n", "3", "--", "-guilt", "shame"]) == Self.search(["-guilt", "shame"], [("--limit", "3")]))
        #expect(Self.read(["stats"])?.path == ["stats"])
    }

    @Test func optionsGoBeforeTheCommandAfterItAndBetweenWords() {
        #expect(Self.read(["--db", "X", "index", "Corpus"])
            == ParsedCommandLine(path: ["index"], given: [.init(long: "--db", value: "X")], operands: ["Corpus"]))
        #expect(Self.read(["--json", "stats"]) == ParsedCommandLine(path: ["stats"], given: [.init(long: "--json")], operands: []))
        #expect(Self.read(["--no-daemon", "get", "mod032/definition/1"])?.path == ["get"])
        #expect(Self.read(["daemon", "--socket", "/tmp/s.sock", "start"])?.value("--socket") == "/tmp/s.sock")
        let expected = Self.search(["inner", "critic"], [("--limit", "3")])
        for arguments in [["-n", "3", "inner", "critic"], ["inner", "-n", "3", "critic"], ["search", "inner", "critic", "-n", "3"]] {
            #expect(Self.read(arguments) == expected, "\(arguments)")
        }
    }

    @Test func valuesMayBeAttached() {
        #expect(Self.read(["-n1", "shame"]) == Self.search(["shame"], [("--limit", "1")]))
        #expect(Self.read(["-mMOD032", "x"]) == Self.search(["x"], [("--modality", "MOD032")]))
        #expect(Self.read(["--limit=5", "x"]) == Self.search(["x"], [("--limit", "5")]))
        #expect(Self.read(["-C2", "x"]) == Self.search(["x"], [("--context", "2")]))
    }

    @Test func usageErrorsAreOneLineAndSayWhatWasWrong() {
        let errors: [([String], String)] = [
            ([], "no query given"), (["-n", "5"], "no query given"), ([""], "the query is empty"),
            (["  "], "the query is empty"), (["-n", "shame"], "option '-n' needs a whole number"),
            (["-n", "-5", "x"], "got '-5'"), (["x", "-n"], "option '-n' needs a value"),
            (["--by", "chapter", "x"], "option '--by' takes modality, section; got 'chapter'"),
            (["--colour", "never", "x"], "did you mean '--color'?"), (["shame", "-guilt"], "unknown option '-guilt'"),
            (["-lc", "x"], "unknown option '-lc'"), (["--json=yes", "x"], "option '--json' takes no value"),
            (["--json", "--tsv", "x"], "choose one of"), (["--rebuild", "x"], "option '--rebuild' does not apply to 'search'"),
            (["--full", "index"], "option '--full' does not apply to 'index'"), (["get"], "get needs at least one passage id"),
            (["related", "a", "b"], "related needs one passage id"), (["stats", "x"], "stats takes no words"),
            (["daemon"], "daemon needs start, stop or status"), (["daemon", "restart"], "got 'restart'"),
            (["--all", "--offset", "3", "x"], "--offset cannot be combined with --all"), (["parse"], "parse needs at least one file"),
        ]
        for (arguments, expected) in errors {
            let message = Self.usageError(arguments)
            #expect(message?.contains(expected) == true, "\(arguments): \(message ?? "no error")")
            #expect(message?.contains("\n") == false)
        }
    }

    @Test func anOptionGivenTwiceTakesItsLastValueAndRepeatableOnesKeepEach() throws {
        let command = try #require(Self.read(["-n", "3", "--limit", "4", "-m", "A", "-m", "B", "x"]))
        #expect(command.number("--limit") == 4)
        #expect(command.values("--modality") == ["A", "B"])
        #expect(command.canonicalArguments == ["search", "--limit", "4", "--modality", "A", "--modality", "B", "--", "x"])
    }

    @Test func helpVersionAndCompletionAreTheirOwnReadings() {
        #expect(CommandLineReader.read(["--help"]) == .help([]))
        #expect(CommandLineReader.read(["index", "-h"]) == .help(["index"]))
        #expect(CommandLineReader.read(["-h", "index"]) == .help(["index"]))
        #expect(CommandLineReader.read(["help", "index"]) == .help(["index"]))
        #expect(CommandLineReader.read(["--version"]) == .version)
        #expect(CommandLineReader.read(["--generate-completion-script", "bash"]) == .completionScript("bash"))
        #expect(CommandLineReader.read(["--generate-completion-script=zsh"]) == .completionScript("zsh"))
        #expect(CommandLineReader.read(["---complete", "2", "modsearch", "-s", ""]) == .complete(2, ["modsearch", "-s", ""]))
        #expect(CommandLineReader.read(["--experimental-dump-help"]) == .handOver)
    }

    /// Every option of the table is read by each of its names, with a value of its kind.
    @Test func everyOptionInTheGrammarIsRead() throws {
        for command in CommandLineGrammar.commands {
            let words = ["search": ["x"], "explain": ["x"], "get": ["mod032/definition/1"], "related": ["MOD032"], "parse": ["f.txt"]][command.path[0]] ?? []
            for option in command.options {
                let value: [String] = switch option.values {
                case .flag: []
                case .text: ["some text"]
                case .count: ["7"]
                case .choice(let choices): [try #require(choices.last)]
                }
                for name in option.names {
                    let arguments = command.path + [name] + value + words
                    #expect(Self.read(arguments)?.flag(option.long) == true, "\(arguments)")
                }
            }
        }
    }

    /// An option before the command is read before the command is known, so a name must mean the
    /// same thing (and take a value or not) in every command that has it.
    @Test func aNameMeansTheSameOptionInEveryCommand() {
        for command in CommandLineGrammar.commands {
            for option in command.options {
                #expect(CommandLineGrammar.anyOption(named: option.long) == option, "\(command.name) \(option.long)")
            }
        }
    }

    @Test func completionReadsTheLineAsTheProgramDoes() {
        let values: (CommandLineGrammar.Option.Completion, String?) -> [String] = { kind, database in
            switch kind {
            case .sections: ["definition", "evidence"]
            case .modalities: ["MOD032", database ?? "default"]
            default: []
            }
        }
        func offer(_ words: [String]) -> Completion.Offer {
            Completion.offer(at: words.count, of: ["modsearch"] + words, values: values)
        }
        #expect(offer(["-s", ""]) == .words(["definition", "evidence"]))
        #expect(offer(["--db", "/x", "-m", ""]) == .words(["MOD032", "/x"]))
        #expect(offer(["--by", ""]) == .words(["modality", "section"]))
        guard case .words(let afterJSON) = offer(["--json", ""]) else { Issue.record("no words"); return }
        #expect(afterJSON.contains("--limit") && afterJSON.contains("stats"))
        guard case .words(let options) = offer(["shame", "-"]) else { Issue.record("no words"); return }
        #expect(options.contains("--section") && !options.contains("--rebuild"))
        #expect(offer(["index", ""]) == .files)
        #expect(offer(["--json", "index", ""]) == .files)
        #expect(offer(["daemon", ""]) == .words(["start", "stop", "status"]))
        #expect(offer(["--db", ""]) == .folders)
    }
}
