import Foundation
import Testing

/// Every hit says where it is in its file, and `--vimgrep` feeds editors (issue #15).
@Suite(.removingTemporaryFolders) struct EditorOutputEndToEndTests {
    /// Line `number` (1-based) of `path`.
    static func line(_ number: Int, of path: String) throws -> String {
        let lines = try String(contentsOfFile: path, encoding: .utf8).components(separatedBy: "\n")
        return number >= 1 && number <= lines.count ? lines[number - 1] : ""
    }

    @Test func everyFormatSaysWhereTheHitIs() throws {
        let session = try Session()
        let json = try session.shell("modsearch --json -n 1 shame | head -1 | jq -r '[.source, .line, .text] | @tsv'")
        let fields = json.stdout.trimmingCharacters(in: .newlines).components(separatedBy: "\t")
        try #require(fields.count == 3, "\(json.stdout) \(json.stderr)")
        let source = fields[0], number = Int(fields[1]) ?? 0
        #expect(source.hasPrefix(Harness.corpus + "/") && number > 0)
        #expect(try Self.line(number, of: source).contains(String(fields[2].prefix(40))), "the passage starts on that line")

        // Run in the session's folder: paths below the working folder are printed relative to it.
        let text = try session.shell("modsearch -n 1 shame")
        #expect(text.stdout.contains("\(source):\(number)\n"), "\(text.stdout)")
        let relative = try session.shell("cd \(Harness.corpus) && modsearch -n 1 shame")
        #expect(relative.stdout.contains("  \((source as NSString).lastPathComponent):\(number)\n"), "\(relative.stdout)")
        let tsv = try session.modsearch(["--tsv", "-n", "1", "shame"])
        #expect(tsv.stdout.hasSuffix("\t\(source)\t\(number)\n"), "\(tsv.stdout)")
        let get = try session.shell("modsearch get --vimgrep mod032/definition/1")
        #expect(get.stdout.hasPrefix("\(Harness.corpus)/mod032-compassion-focused-therapy.txt:8:1:Compassion-Focused"),
                "\(get.stdout)")
    }

    @Test func vimgrepPointsAtTheWordAndVimOpensThere() throws {
        let session = try Session()
        let first = try session.shell("modsearch --vimgrep shame | head -1")
        let parts = first.stdout.split(separator: ":", maxSplits: 3).map(String.init)
        try #require(parts.count == 4, "\(first.stdout) \(first.stderr)")
        let path = parts[0], number = Int(parts[1]) ?? 0, column = Int(parts[2]) ?? 0
        let line = Array(try Self.line(number, of: path).utf8)
        #expect(column >= 1 && column + 4 <= line.count, "\(first.stdout)")
        #expect(String(decoding: line[(column - 1)..<(column + 4)], as: UTF8.self).lowercased() == "shame", "\(first.stdout)")

        try #require(Harness.which("vim") != nil, "vim is needed")
        let vim = try session.shell("""
            vim -es -q <(modsearch --vimgrep shame) -c 'call writefile([expand("%:p") . ":" . line(".") . ":" . col(".")], "at.txt")' -c 'qa!'
            cat at.txt
            """)
        #expect(vim.stdout == "\(path):\(number):\(column)\n", "\(vim.stdout) \(vim.stderr)")
    }

    @Test func contextPrintsTheNeighbouringPassagesOfTheSection() throws {
        let session = try Session()
        let json = try session.shell("modsearch --json -C 1 get mod032/explanation/3 | jq -r '[.type, .id] | @tsv'")
        #expect(json.lines == ["context\tmod032/explanation/2", "passage\tmod032/explanation/3", "context\tmod032/explanation/4",
                               "summary\t"], "\(json.stdout) \(json.stderr)")
        let edge = try session.shell("modsearch --json -C 2 get mod032/definition/1 | jq -r .type | sort | uniq -c | wc -l")
        #expect(edge.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "2", "a one-passage section has no context")
        let text = try session.modsearch(["-C", "1", "-n", "1", "--full", "shame"])
        #expect(text.stdout.components(separatedBy: "\n   │ ").count > 2, "\(text.stdout)")
    }
}
