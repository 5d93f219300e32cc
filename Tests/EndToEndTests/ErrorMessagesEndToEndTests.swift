import Foundation
import Testing

/// Errors a person understands: one line, naming what was wrong and what is valid (issue #15).
@Suite(.removingTemporaryFolders) struct ErrorMessagesEndToEndTests {
    static func expectOneLineError(_ result: Harness.Result, _ fragments: [String], _ what: String) {
        #expect(result.status == 2 && result.stdout.isEmpty, "\(what): status \(result.status)")
        #expect(result.stderr.hasPrefix("modsearch: ") && result.stderr.split(separator: "\n").count == 1,
                "\(what): \(result.stderr)")
        for fragment in fragments { #expect(result.stderr.contains(fragment), "\(what): \(result.stderr)") }
    }

    @Test func anUnknownModalityNamesTheNearestOnes() throws {
        let session = try Session()
        Self.expectOneLineError(try session.modsearch(["-m", "CFT", "shame"]),
                                ["unknown modality 'CFT'", "MOD032 Compassion-Focused Therapy"], "-m CFT")
        Self.expectOneLineError(try session.modsearch(["-m", "MOD32", "shame"]), ["unknown modality 'MOD32'", "MOD032"], "-m MOD32")
        Self.expectOneLineError(try session.modsearch(["--no-daemon", "-mACT", "values"]),
                                ["MOD001 Acceptance and Commitment Therapy"], "-mACT, in process")
    }

    @Test func anUnknownSectionListsTheSectionsAsTheQueryFieldDoes() throws {
        let session = try Session()
        let option = try session.modsearch(["-s", "nosuch", "shame"])
        Self.expectOneLineError(option, ["unknown section 'nosuch'", "definition, explanation, evidence"], "-s nosuch")
        let field = try session.modsearch(["section:nosuch"])
        let list = { (text: String) in text.components(separatedBy: "(try one of: ").last ?? "" }
        #expect(list(option.stderr) == list(field.stderr) && !list(field.stderr).isEmpty, "\(option.stderr) \(field.stderr)")
    }

    /// The query language's own messages say what is wrong and where; the command line prints them as one line.
    @Test func aMalformedQueryIsExplainedInWords() throws {
        let session = try Session()
        for query in ["shame AND", "AND OR ("] {
            let result = try session.modsearch([query])
            Self.expectOneLineError(result, ["modsearch: bad query: ", "position"], query)
            #expect(!result.stderr.contains("QueryParserError") && !result.stderr.contains("<expression>"), "\(result.stderr)")
        }
    }
}
