import Foundation
import Testing

/// Every `--json` output of every command, checked against the tables of docs/json-output.md
/// (issue #15, "a stable machine contract").
@Suite(.removingTemporaryFolders) struct JSONSchemaEndToEndTests {
    /// One key of a documented record.
    struct Key {
        let type: String
        let always: Bool
    }

    /// The records of docs/json-output.md: section name → key → type and presence.
    static func documentedRecords() throws -> [String: [String: Key]] {
        let path = Harness.packageRoot.appendingPathComponent("docs/json-output.md").path
        var records: [String: [String: Key]] = [:]
        var section = ""
        for line in try String(contentsOfFile: path, encoding: .utf8).components(separatedBy: "\n") {
            if line.hasPrefix("## ") { section = String(line.dropFirst(3)) }
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count == 6, cells[1].hasPrefix("`"), !section.isEmpty else { continue }
            records[section, default: [:]][cells[1].trimmingCharacters(in: CharacterSet(charactersIn: "`"))] =
                Key(type: cells[2], always: cells[3] == "always")
        }
        return records
    }

    /// The section that documents a record.
    static func section(of record: [String: JSONValue]) -> String {
        guard case .string(let type)? = record["type"] else { return "(no type)" }
        if type == "summary", case .string(let command)? = record["command"] { return "summary of \(command)" }
        return type
    }

    static func problems(in line: String, records: [String: [String: Key]]) -> [String] {
        guard let value = try? JSONDecoder().decode(JSONValue.self, from: Data(line.utf8)), case .object(let record) = value
        else { return ["not a JSON object: \(line)"] }
        let name = section(of: record)
        guard let keys = records[name] else { return ["no documented record '\(name)'"] }
        var problems: [String] = []
        for (key, value) in record {
            guard let documented = keys[key] else { problems.append("\(name): '\(key)' is not documented"); continue }
            if !value.matches(documented.type) { problems.append("\(name): '\(key)' is not \(documented.type)") }
        }
        for (key, documented) in keys where documented.always && record[key] == nil {
            problems.append("\(name): '\(key)' is missing")
        }
        return problems
    }

    @Test func everyJSONOutputOfEveryCommandIsDocumented() throws {
        let session = try Session()
        let records = try Self.documentedRecords()
        #expect(records.count == 12, "\(records.keys.sorted())")
        let bad = try IndexingEndToEndTests.badFolder(in: session)
        let commandLines: [[String]] = [
            ["--json", "-n", "3", "--facets", "-s", "evidence", "compasion"], ["--json", "-n", "2", "zzqxnonword"], ["--json", "-n", "2", "shame", "zebra"],
            ["--json", "--by", "section", "-n", "2", "shame"], ["--json", "-C", "1", "-n", "2", "shame"],
            ["--json", "--all", "-m", "MOD032", "shame"], ["related", "--json", "-n", "2", "MOD032"],
            ["related", "--json", "-n", "2", "mod032/definition/1"], ["get", "--json", "-C", "1", "mod032/explanation/3", "mod032/x/9"],
            ["explain", "--json", "-n", "3", "what helps with shame and self-criticism"],
            ["explain", "--json", "-n", "2", "compasion"], ["--json", "stats"], ["--no-daemon", "--json", "stats"], ["index", "--json", "--db", session.folder + "/db", bad],
            ["parse", "--json", Harness.corpus + "/mod032-compassion-focused-therapy.txt", bad + "/notes.txt"],
        ]
        var seen: Set<String> = []
        for arguments in commandLines {
            let result = try session.modsearch(arguments)
            #expect(!result.lines.isEmpty, "\(arguments): \(result.stderr)")
            for line in result.lines {
                #expect(Self.problems(in: line, records: records) == [], "\(arguments)")
                if let value = try? JSONDecoder().decode(JSONValue.self, from: Data(line.utf8)), case .object(let record) = value {
                    seen.insert(Self.section(of: record))
                }
            }
        }
        #expect(seen == Set(records.keys), "every documented record was printed and checked")
    }

    /// No rank or score that means nothing; a modality's cross-references in its JSON too.
    @Test func getAndRelatedRecordsCarryWhatTheyMean() throws {
        let session = try Session()
        let get = try session.shell("modsearch get --json mod032/definition/1 | jq -c '[.type, .rank, .score, .line]'")
        #expect(get.lines == [#"["passage",null,null,8]"#, #"["summary",null,null,null]"#], "\(get.stdout) \(get.stderr)")
        let related = try session.shell("modsearch related --json MOD032 | tail -1 | jq -c '[.references[0], (.referenced_by | length > 0)]'")
        #expect(related.stdout == "[\"MOD001\",true]\n", "\(related.stdout) \(related.stderr)")
        let formats = try session.shell("for c in 'shame' 'get mod032/definition/1' 'related MOD032' stats; do modsearch --json $c | jq -r 'select(.format) | .format'; done")
        #expect(formats.lines == ["1", "1", "1", "1"], "every output says its format once: \(formats.stdout)")
    }
}

/// Any JSON value, read strictly: true is not 1, and 1.5 is not an integer.
enum JSONValue: Decodable, Equatable {
    case bool(Bool), integer(Int), number(Double), string(String), array([JSONValue]), object([String: JSONValue])

    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int.self) {
            self = .integer(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    /// Whether the value is of a type as docs/json-output.md writes it.
    func matches(_ type: String) -> Bool {
        switch (type, self) {
        case ("string", .string), ("integer", .integer), ("boolean", .bool), ("object", .object): true
        case ("number", .number), ("number", .integer): true
        case ("array of strings", .array(let items)): items.allSatisfy { if case .string = $0 { true } else { false } }
        case ("array of objects", .array(let items)): items.allSatisfy { if case .object = $0 { true } else { false } }
        case ("array of [start, end]", .array(let items)):
            items.allSatisfy { if case .array(let pair) = $0 { pair.count == 2 && pair.allSatisfy { $0.matches("integer") } } else { false } }
        default: false
        }
    }
}
