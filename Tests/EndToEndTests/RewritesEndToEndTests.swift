import Foundation
import Testing

/// How a search says what it searched for, through the real `modsearch` and daemon (issue #14):
/// one stderr line for every rewrite whatever the format, the JSON summary's fields, `--exact`,
/// and an exit status that follows grep on the words as typed.
@Suite(.removingTemporaryFolders) struct RewritesEndToEndTests {
    /// The last record of a `--json` output.
    static func lastRecord(_ result: Harness.Result) throws -> [String: JSONValue] {
        let line = try #require(result.lines.last, "no output: \(result.stderr)")
        guard case .object(let record) = try JSONDecoder().decode(JSONValue.self, from: Data(line.utf8)) else {
            throw Failure("not an object: \(line)")
        }
        return record
    }

    /// The summary record of a `--json` search.
    static func summary(_ result: Harness.Result) throws -> [String: JSONValue] {
        let record = try lastRecord(result)
        guard record["type"] == .string("summary") else { throw Failure("not a summary: \(record)") }
        return record
    }

    /// The hit records of a `--json` search.
    static func hits(_ result: Harness.Result) throws -> [[String: JSONValue]] {
        try result.lines.compactMap { line in
            guard case .object(let record) = try JSONDecoder().decode(JSONValue.self, from: Data(line.utf8)),
                  record["type"] == .string("hit") else { return nil }
            return record
        }
    }

    static func kinds(_ summary: [String: JSONValue]) -> [String] {
        guard case .array(let rewrites)? = summary["rewrites"] else { return [] }
        return rewrites.compactMap { if case .object(let rewrite) = $0, case .string(let kind)? = rewrite["kind"] { kind } else { nil } }
    }

    static func text(_ value: JSONValue?) -> String {
        if case .string(let text)? = value { text } else { "" }
    }

    /// The stderr of a search: exactly one line, `modsearch: …`.
    static func expectOneLine(_ result: Harness.Result, saying parts: [String], _ arguments: [String]) {
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1 && lines[0].hasPrefix("modsearch: "), "\(arguments): \(result.stderr)")
        for part in parts { #expect(result.stderr.contains(part), "\(arguments): \(result.stderr)") }
    }

    @Test func aCorrectionIsOneStderrLineInEveryFormatAndExitsOne() throws {
        let session = try Session()
        for format in [[], ["--json"], ["--tsv"], ["-l"], ["-c"], ["--vimgrep"], ["--all", "-l"], ["--by", "modality"],
                       ["--no-daemon", "--json"], ["--no-daemon", "-c"]] {
            let arguments = format + ["-n", "3", "compasion"]
            let result = try session.modsearch(arguments)
            Self.expectOneLine(result, saying: [#"searched "compassion" for "compasion""#], arguments)
            #expect(!result.stdout.isEmpty && result.stdout != "0\n", "the corrected hits are shown: \(arguments)")
            #expect(result.status == 1, "nothing matched the word as typed: \(arguments)")
        }
        let json = try Self.summary(try session.modsearch(["--json", "-n", "1", "compasion"]))
        #expect(json["corrected"] == .string("compassion") && json["searched_as_typed"] == .bool(false))
        #expect(Self.kinds(json) == ["spelling"])
        let text = try session.modsearch(["-n", "1", "compasion"])
        #expect(!text.stdout.contains("compasion"), "the text says it once, on stderr: \(text.stdout)")
        #expect(text.stdout.contains(#"match "compassion""#))
    }

    @Test func wordsSearchedAsTypedPrintNothingOnStderrAndExitZero() throws {
        let session = try Session()
        for format in [[], ["--json"], ["--tsv"], ["-l"], ["-c"], ["--vimgrep"], ["--all", "-c"]] {
            let arguments = format + ["-n", "3", "genogram"]
            let result = try session.modsearch(arguments)
            #expect(result.stderr.isEmpty && result.status == 0, "\(arguments): \(result.stderr)")
        }
        let json = try Self.summary(try session.modsearch(["--json", "genogram"]))
        #expect(json["rewrites"] == nil && json["searched_as_typed"] == .bool(true))
    }

    @Test func wordsTheIndexLacksAreReportedNotReplaced() throws {
        let session = try Session()
        for word in ["café", "naïve", "xyzzyq"] {
            for format in [[], ["--json"], ["-c"], ["-l"]] {
                let result = try session.modsearch(format + [word])
                Self.expectOneLine(result, saying: ["\"\(word)\" is not in the index"], format + [word])
                #expect(result.status == 1)
            }
            let json = try Self.summary(try session.modsearch(["--json", word]))
            #expect(Self.kinds(json) == ["unknown-word"] && json["corrected"] == nil && json["total"] == .integer(0), "\(json)")
        }
    }

    /// `café` finds `cafe` when the index has it: reported, and the status says the accented
    /// word itself matched nothing.
    @Test func accentsAreFoldedWhenTheIndexHasTheWordWithout() throws {
        let session = try Session()
        session.environment["MODSEARCH_DB"] = session.folder + "/db"
        let sections = ["Definition", "Explanation", "Evidence to Efficacy", "Neuroscience and Physiology", "Governing Body",
                        "What Good Looks Like", "What to Ask a Practitioner", "Self-Study Resources", "Related Therapies"]
        try session.write("docs/mod991.txt", "MOD991 – Kitchen Table Therapy\n\n" + sections.map {
            "\($0)\n\nSessions meet in a cafe, and a naive question about \($0.lowercased()) is welcome there.\n\n"
        }.joined())
        let index = try session.modsearch(["index", session.folder + "/docs"])
        #expect(index.status == 0, "\(index.stderr)")
        for (typed, folded) in [("café", "cafe"), ("naïve", "naive")] {
            for format in [["--json"], ["-c"], ["-l"], []] {
                let result = try session.modsearch(format + [typed])
                Self.expectOneLine(result, saying: ["searched \"\(folded)\" for \"\(typed)\""], format + [typed])
                #expect(result.status == 1 && !result.stdout.isEmpty && result.stdout != "0\n", "\(format): \(result.stdout)")
            }
            let json = try session.modsearch(["--json", typed])
            #expect(try Self.kinds(Self.summary(json)) == ["accents"])
            #expect(try Self.hits(json).allSatisfy { Self.text($0["text"]).contains(folded) })
        }
    }

    @Test func aKnownWordBesideAnUnknownOneIsNotMadeAnother() throws {
        let session = try Session()
        let result = try session.modsearch(["--json", "-n", "20", "shame", "zebra"])
        Self.expectOneLine(result, saying: [#""zebra" is not in the index"#, #"every word of "shame zebra""#], ["shame zebra"])
        #expect(result.status == 1, "no passage holds both words as typed")
        let hits = try Self.hits(result)
        #expect(!hits.isEmpty && hits.allSatisfy { $0["partial"] == .bool(true) && Self.text($0["text"]).lowercased().contains("shame") })
        #expect(!hits.contains { Self.text($0["text"]).lowercased().contains("cobra") }, "zebra is not made cobra")
        let summary = try Self.summary(result)
        #expect(Self.kinds(summary) == ["unknown-word", "partial"] && summary["total"] == .integer(0))
        #expect(summary["searched_as_typed"] == .bool(true))
        let count = try session.modsearch(["-c", "shame", "zebra"])
        #expect(count.stdout == "0\n" && count.status == 1 && !count.stderr.isEmpty)
    }

    @Test func aCommandNameIsACommandUnlessSearchSaysOtherwise() throws {
        let session = try Session()
        let stats = try session.modsearch(["--json", "stats"])
        #expect(stats.status == 0 && stats.stdout.hasPrefix(#"{"type":"stats""#) && stats.stderr.isEmpty)
        let search = try session.modsearch(["--json", "search", "stats"])
        let summary = try Self.summary(search)
        #expect(summary["query"] == .string("stats") && summary["corrected"] == nil && Self.kinds(summary) == ["unknown-word"])
        #expect(try Self.hits(search).isEmpty, "stats is not made states")
        #expect(search.status == 1)
        Self.expectOneLine(search, saying: [#""stats" is not in the index"#], ["search", "stats"])
    }

    @Test func aCompoundFindsItsOtherForms() throws {
        let session = try Session()
        let result = try session.modsearch(["--json", "-n", "100", "-s", "evidence", "meta-analysis"])
        #expect(result.status == 0 && result.stderr.isEmpty, "another form of the word is not a correction: \(result.stderr)")
        #expect(try Self.summary(result)["searched_as_typed"] == .bool(true))
        let hits = try Self.hits(result)
        #expect(!hits.isEmpty && hits.allSatisfy { $0["section"] == .string("evidence-to-efficacy") })
        #expect(hits.contains { Self.text($0["text"]).contains("meta-analyses") }, "the Corpus writes meta-analyses")
        let count = try session.modsearch(["-c", "-s", "evidence", "meta-analysis"])
        #expect(Int(count.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) == hits.count)
    }

    @Test func exactSearchesTheWordsAsTyped() throws {
        let session = try Session()
        for query in [["compasion"], ["shame", "zebra"], ["café"], ["self-criticism"], ["behavioral"]] {
            for format in [["--json"], ["-c"], ["-l"], []] {
                let arguments = ["--exact"] + format + query
                let result = try session.modsearch(arguments)
                #expect(result.stderr.isEmpty, "\(arguments): \(result.stderr)")
                if query.count == 2 || query == ["compasion"] || query == ["café"] {
                    #expect(result.status == 1, "the typed words match nothing: \(arguments)")
                }
            }
        }
        let typo = try Self.summary(try session.modsearch(["--exact", "--json", "compasion"]))
        #expect(typo["total"] == .integer(0) && typo["corrected"] == nil && typo["rewrites"] == nil)
        let plain = try session.modsearch(["--exact", "--json", "-n", "100", "shame"])
        let plainHits = try Self.hits(plain)
        #expect(plain.status == 0 && plain.stderr.isEmpty && !plainHits.contains { $0["partial"] != nil })
        let synonyms = try session.modsearch(["self-criticism"])
        #expect(synonyms.stderr.contains("synonyms"), "without --exact, synonyms are searched and said: \(synonyms.stderr)")
    }
}
