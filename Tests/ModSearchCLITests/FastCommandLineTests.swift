import ModSearchProtocol
import Testing
@testable import ModSearchCLI

/// What `modsearch` reads itself and what it hands to `modsearch-full` (a nil parse).
@Suite struct FastCommandLineTests {
    static let here = Location(db: nil, socket: nil)
    static let text = HitPrinter.Format(json: false, tsv: false, ids: false, count: false, full: false, color: .auto)

    static func search(_ query: [String], limit: Int = Limits.defaultLimit, offset: Int = 0, modality: [String] = [],
                       section: [String] = [], by: Collapse? = nil, facets: Bool = false,
                       location: Location = here, format: HitPrinter.Format = text) -> FastCommandLine.Command {
        .search(SearchArguments(query: query, limit: limit, offset: offset, modality: modality, section: section,
                                by: by, facets: facets), location, format)
    }

    static func format(json: Bool = false, tsv: Bool = false, ids: Bool = false, count: Bool = false,
                       full: Bool = false, color: ColorChoice = .auto) -> HitPrinter.Format {
        HitPrinter.Format(json: json, tsv: tsv, ids: ids, count: count, full: full, color: color)
    }

    @Test func wordsWithoutACommandAreASearch() {
        #expect(FastCommandLine.parse(["self-criticism"]) == Self.search(["self-criticism"]))
        #expect(FastCommandLine.parse(["inner", "critic"]) == Self.search(["inner", "critic"]))
        #expect(FastCommandLine.parse(["search", "inner", "critic"]) == Self.search(["inner", "critic"]))
    }

    @Test func optionsGoBeforeAfterAndBetweenWords() {
        let expected = Self.search(["inner", "critic"], limit: 3)
        #expect(FastCommandLine.parse(["-n", "3", "inner", "critic"]) == expected)
        #expect(FastCommandLine.parse(["inner", "-n", "3", "critic"]) == expected)
        #expect(FastCommandLine.parse(["search", "inner", "critic", "-n", "3"]) == expected)
    }

    @Test func shortAndLongNamesAreTheSameOption() {
        #expect(FastCommandLine.parse(["-n", "5", "x"]) == FastCommandLine.parse(["--limit", "5", "x"]))
        #expect(FastCommandLine.parse(["-m", "MOD032", "x"]) == FastCommandLine.parse(["--modality", "MOD032", "x"]))
        #expect(FastCommandLine.parse(["-s", "evidence", "x"]) == FastCommandLine.parse(["--section", "evidence", "x"]))
        #expect(FastCommandLine.parse(["-l", "x"]) == Self.search(["x"], format: Self.format(ids: true)))
        #expect(FastCommandLine.parse(["--ids", "x"]) == Self.search(["x"], format: Self.format(ids: true)))
        #expect(FastCommandLine.parse(["-c", "x"]) == Self.search(["x"], format: Self.format(count: true)))
        #expect(FastCommandLine.parse(["--count", "x"]) == Self.search(["x"], format: Self.format(count: true)))
    }

    @Test func everySearchOptionSetsItsSetting() {
        let arguments = ["--offset", "20", "-m", "MOD032", "--modality", "MOD050", "-s", "evidence", "--by", "section",
                         "--facets", "--db", "/tmp/db", "--socket", "/tmp/s.sock", "--json", "trauma"]
        #expect(FastCommandLine.parse(arguments) == Self.search(
            ["trauma"], offset: 20, modality: ["MOD032", "MOD050"], section: ["evidence"], by: .section, facets: true,
            location: Location(db: "/tmp/db", socket: "/tmp/s.sock"), format: Self.format(json: true)))
        #expect(FastCommandLine.parse(["--tsv", "x"]) == Self.search(["x"], format: Self.format(tsv: true)))
        #expect(FastCommandLine.parse(["--full", "--color", "never", "x"])
            == Self.search(["x"], format: Self.format(full: true, color: .never)))
    }

    @Test func valuesMustBeReadable() {
        #expect(FastCommandLine.parse(["-n", "five", "x"]) == nil)
        #expect(FastCommandLine.parse(["--offset", "1.5", "x"]) == nil)
        #expect(FastCommandLine.parse(["--by", "chapter", "x"]) == nil)
        #expect(FastCommandLine.parse(["--color", "sometimes", "x"]) == nil)
        #expect(FastCommandLine.parse(["x", "-n"]) == nil, "a value is missing")
        #expect(FastCommandLine.parse(["-n", "-5", "x"]) == nil, "a value that looks like an option")
    }

    @Test func onlySeparateWordsAreRead() {
        #expect(FastCommandLine.parse(["--limit=5", "x"]) == nil)
        #expect(FastCommandLine.parse(["-n5", "x"]) == nil)
        #expect(FastCommandLine.parse(["-lc", "x"]) == nil)
    }

    @Test func theEndOfOptionsMarkerIsHandedOver() {
        #expect(FastCommandLine.parse(["--", "-exclude"]) == nil)
        #expect(FastCommandLine.parse(["x", "--", "y"]) == nil)
        #expect(FastCommandLine.parse(["-"]) == nil)
    }

    @Test func unknownRepeatedAndConflictingOptionsAreHandedOver() {
        #expect(FastCommandLine.parse(["--no-such-option", "x"]) == nil)
        #expect(FastCommandLine.parse(["-n", "3", "--limit", "4", "x"]) == nil)
        #expect(FastCommandLine.parse(["--json", "--json", "x"]) == nil)
        #expect(FastCommandLine.parse(["--json", "--tsv", "x"]) == nil)
        #expect(FastCommandLine.parse(["-l", "-c", "x"]) == nil)
        #expect(FastCommandLine.parse(["get", "--offset", "3", "mod032/definition/1"]) == nil, "search's option")
        #expect(FastCommandLine.parse(["stats", "--tsv"]) == nil, "an output option stats does not take")
    }

    @Test func whatNeedsTheFullFrontEndIsHandedOver() {
        for arguments in [[], ["--help"], ["-h"], ["help"], ["search", "--help"], ["index"], ["index", "Corpus"],
                          ["parse", "file.txt"], ["--no-daemon", "x"], ["get", "--no-daemon", "a"],
                          ["--generate-completion-script", "bash"], ["--experimental-dump-help"],
                          ["--version", "x"], ["search", "--version"], ["search"], ["daemon"], ["daemon", "restart"]] {
            #expect(FastCommandLine.parse(arguments) == nil, "\(arguments)")
        }
    }

    @Test func aCommandNameAmongTheWordsIsHandedOver() {
        // ArgumentParser decides whether `trauma index` is a query or a misplaced command.
        #expect(FastCommandLine.parse(["trauma", "index"]) == nil)
        #expect(FastCommandLine.parse(["search", "get"]) == nil)
        #expect(FastCommandLine.parse(["related", "stats"]) == nil)
    }

    @Test func lookupsAndStats() {
        let json = Self.format(json: true)
        #expect(FastCommandLine.parse(["get", "--json", "a", "b"]) == .get(["a", "b"], Self.here, json))
        #expect(FastCommandLine.parse(["get"]) == nil)
        #expect(FastCommandLine.parse(["related", "-n", "3", "MOD032"]) == .related("MOD032", limit: 3, Self.here, Self.text))
        #expect(FastCommandLine.parse(["related", "MOD032"]) == .related("MOD032", limit: Limits.defaultLimit, Self.here, Self.text))
        #expect(FastCommandLine.parse(["related"]) == nil)
        #expect(FastCommandLine.parse(["related", "MOD032", "MOD050"]) == nil)
        #expect(FastCommandLine.parse(["stats"]) == .stats(json: false, Self.here))
        #expect(FastCommandLine.parse(["stats", "--json", "--db", "d"]) == .stats(json: true, Location(db: "d", socket: nil)))
        #expect(FastCommandLine.parse(["stats", "everything"]) == nil)
        #expect(FastCommandLine.parse(["--version"]) == .version)
    }

    @Test func daemonActions() {
        let there = Location(db: nil, socket: "/tmp/s.sock")
        #expect(FastCommandLine.parse(["daemon", "start", "--socket", "/tmp/s.sock"]) == .daemonStart(there))
        #expect(FastCommandLine.parse(["daemon", "stop"]) == .daemonStop(Self.here))
        #expect(FastCommandLine.parse(["daemon", "status", "--db", "d"]) == .daemonStatus(Location(db: "d", socket: nil)))
        #expect(FastCommandLine.parse(["daemon", "--socket", "/tmp/s.sock", "start"]) == nil)
        #expect(FastCommandLine.parse(["daemon", "start", "now"]) == nil)
        #expect(FastCommandLine.parse(["daemon", "stop", "--json"]) == nil)
    }

    /// The table the end-to-end tests compare with `modsearch-full`'s grammar is the one the parser reads.
    @Test func everyOptionInTheGrammarIsRead() throws {
        for subcommand in FastCommandLine.grammar where !subcommand.path.isEmpty {
            let words = ["search": ["x"], "get": ["mod032/definition/1"], "related": ["MOD032"]][subcommand.path[0]] ?? []
            for option in subcommand.options {
                let value: [String] = switch option.values {
                case .flag: []
                case .text: ["some text"]
                case .integer: ["7"]
                case .choice(let choices): [try #require(choices.last)]
                }
                for name in option.names {
                    let arguments = subcommand.path + [name] + value + words
                    #expect(FastCommandLine.parse(arguments) != nil, "\(arguments)")
                }
            }
        }
    }

    @Test func onlyTheOptionsThatSayTheyRepeatMayRepeat() {
        for subcommand in FastCommandLine.grammar where subcommand.path == ["search"] {
            for option in subcommand.options where option.values == .text {
                let twice = [option.long, "a", option.long, "b", "x"]
                #expect((FastCommandLine.parse(twice) != nil) == option.repeatable, "\(twice)")
            }
        }
    }
}
