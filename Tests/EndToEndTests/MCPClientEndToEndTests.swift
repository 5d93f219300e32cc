import Foundation
import Testing

/// `modsearch mcp` driven by the Python MCP SDK, as an assistant configured with
/// `{"command": "modsearch", "args": ["mcp"]}` drives it: `MCPClient/mcp_client.py` initializes,
/// lists tools and resources, searches, reads a document, makes bad calls, and checks every answer
/// against the command line's; these tests run it and check what it saw.
@Suite(.removingTemporaryFolders) struct MCPClientEndToEndTests {
    /// What the script reports seeing.
    struct Seen: Decodable {
        var tools: [String]
        var hits: [String]
        var modalities: Int
        var resources: [String]
        var errors: [String: String]
    }

    private func seen(_ result: Harness.Result) throws -> Seen {
        #expect(result.status == 0, "mcp_client.py: \(result.stderr)")
        return try JSONDecoder().decode(Seen.self, from: Data(result.stdout.utf8))
    }

    @Test func anAssistantSearchesThroughTheDaemonAndGetsWhatModsearchPrints() throws {
        let session = try Session()
        let seen = try seen(try PythonMCPClient.run(in: session))
        #expect(seen.tools == ["get", "modalities", "related", "search", "stats"])
        #expect(seen.hits == (try session.modsearch(["-l", "self-criticism"])).lines)
        #expect(seen.resources.count == 24 && seen.resources.contains("modsearch://MOD032"))
        #expect(seen.errors["bad query"] == "bad query: AND at position 6 needs a word after it")
        #expect(seen.errors["limit"] == "search: argument 'limit' must be a whole number from 1 to 1000; got 'ten'")
        // The server started the daemon, as the client does, and answered through it.
        #expect(FileManager.default.fileExists(atPath: session.folder + "/run/modsearchd.pid"))
    }

    @Test func withNoDaemonItAnswersInProcessAlike() throws {
        let session = try Session()
        let seen = try seen(try PythonMCPClient.run(in: session, serverOptions: ["--no-daemon"]))
        #expect(seen.hits == (try session.modsearch(["-l", "--no-daemon", "self-criticism"])).lines)
        #expect(seen.modalities == 24)
        // Neither the server nor the command lines it was compared with started a daemon.
        #expect(!FileManager.default.fileExists(atPath: session.folder + "/run/modsearchd.pid"))
    }
}
