import Foundation
import Testing

/// Bash completion reads the command line as the program does (issue #15).
@Suite(.removingTemporaryFolders) struct CompletionEndToEndTests {
    /// What `_modsearch` offers for the last of `words`, as bash would ask it.
    static func complete(_ words: [String], in session: Session) throws -> [String] {
        let quoted = words.map { "'\($0)'" }.joined(separator: " ")
        let script = """
            source <(modsearch --generate-completion-script bash)
            COMP_WORDS=(modsearch \(quoted)); COMP_CWORD=\(words.count)
            _modsearch; printf '%s\\n' "${COMPREPLY[@]}"
            """
        let result = try session.shell(script)
        guard result.status == 0 else { throw Failure("completion failed: \(result.stderr)") }
        return result.lines
    }

    @Test func searchOptionsCompleteWithoutTheCommandAndValuesFromTheIndex() throws {
        let session = try Session()
        let sections = try Self.complete(["-s", ""], in: session)
        #expect(sections.contains("evidence") && sections.contains("definition") && !sections.contains("index"), "\(sections)")
        let modalities = try Self.complete(["shame", "-m", "MOD0"], in: session)
        #expect(modalities.contains("MOD032") && modalities.allSatisfy { $0.hasPrefix("MOD0") }, "\(modalities)")
        #expect(try Self.complete(["--by", ""], in: session) == ["modality", "section"])
        let afterJSON = try Self.complete(["--json", "--l"], in: session)
        #expect(afterJSON == ["--limit"], "\(afterJSON)")
        let next = try Self.complete(["--json", ""], in: session)
        #expect(next.contains("--section") && next.contains("stats"), "\(next)")
        let indexOptions = try Self.complete(["index", "--"], in: session)
        #expect(indexOptions.contains("--rebuild") && !indexOptions.contains("--section"), "\(indexOptions)")
    }
}
