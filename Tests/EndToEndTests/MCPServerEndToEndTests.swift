import Foundation
import Testing

/// `modsearch mcp` spoken to in raw JSON-RPC lines: what it writes on stdout, how it ends, and how
/// a long session copes with the index and the daemon changing under it.
@Suite(.removingTemporaryFolders) struct MCPServerEndToEndTests {
    private static func line(_ id: Int?, _ method: String, _ params: [String: Any]) throws -> String {
        var message: [String: Any] = ["jsonrpc": "2.0", "method": method, "params": params]
        if let id { message["id"] = id }
        return String(decoding: try JSONSerialization.data(withJSONObject: message), as: UTF8.self) + "\n"
    }

    @Test func stdoutCarriesOnlyProtocolMessagesAndEveryRequestReadIsAnsweredBeforeItExits() throws {
        let session = try Session()
        let input = try [
            Self.line(1, "initialize", ["protocolVersion": "2025-11-25", "capabilities": [String: Any](),
                                        "clientInfo": ["name": "sh", "version": "1"]]),
            Self.line(nil, "notifications/initialized", [:]),
            Self.line(2, "tools/list", [:]),
            Self.line(3, "tools/call", ["name": "search", "arguments": ["query": "self-criticism", "limit": 3]]),
            Self.line(4, "resources/read", ["uri": "modsearch://mod032"]),
            Self.line(5, "tools/call", ["name": "get", "arguments": ["ids": "mod032/definition/1"]]),
            Self.line(6, "resources/list", [:]),
            Self.line(7, "resources/templates/list", [:]),
        ].joined()
        // Input ends right after the last request, as with `printf … | modsearch mcp`.
        let result = try session.modsearch(["mcp"], stdin: input)
        #expect(result.status == 0, "\(result.stderr)")
        let messages = try result.lines.map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "not JSON-RPC: \(line)")
        }
        #expect(messages.allSatisfy { $0["jsonrpc"] as? String == "2.0" && $0["result"] != nil })
        #expect(messages.compactMap { $0["id"] as? Int }.sorted() == Array(1...7))
        let answers = Dictionary(uniqueKeysWithValues: messages.map { ($0["id"] as? Int ?? 0, $0["result"] as? [String: Any] ?? [:]) })
        let search = answers[3]?["structuredContent"] as? [String: Any]
        #expect((search?["hits"] as? [[String: Any]])?.count == 3)
        let document = (answers[4]?["contents"] as? [[String: Any]])?.first
        #expect(document?["uri"] as? String == "modsearch://MOD032")
        #expect(answers[5]?["isError"] as? Bool == true)
        let error = (answers[5]?["content"] as? [[String: Any]])?.first?["text"] as? String
        #expect(error == "get: argument 'ids' must be an array of strings; got 'mod032/definition/1'")
        #expect((answers[6]?["resources"] as? [Any])?.count == 24)
        let template = (answers[7]?["resourceTemplates"] as? [[String: Any]])?.first
        #expect(template?["uriTemplate"] as? String == "modsearch://{modality}")
    }

    @Test func aServerWithoutTheDaemonSeesTheIndexItStartedWithoutAndEachNewRevision() throws {
        let folder = try Harness.temporaryFolder()
        let documents = folder + "/docs"
        try FileManager.default.createDirectory(atPath: documents, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Harness.corpus + "/mod032-compassion-focused-therapy.txt",
                                         toPath: documents + "/mod032.txt")
        let session = try Session(database: folder + "/db")
        let server = try MCPServerProcess(session: session, options: ["--no-daemon"])
        #expect(try server.callTool("stats").error?.hasPrefix("no index at \(folder)/db") == true)

        try #require(try session.modsearch(["index", documents]).status == 0)
        #expect((try server.callTool("search", ["query": "kestrelword"]).structured["hits"] as? [Any])?.isEmpty == true)
        try """
            MOD900 – Kestrel Therapy

            Definition

            Kestrel Therapy is a made-up approach whose name is the kestrelword of these tests.

            """.write(toFile: documents + "/mod900.txt", atomically: true, encoding: .utf8)
        try #require(try session.modsearch(["index", documents]).status == 0)
        let hits = try server.callTool("search", ["query": "kestrelword"]).structured["hits"] as? [[String: Any]]
        #expect(hits?.map { $0["id"] as? String } == ["mod900/definition/1"])
    }

    @Test func aDaemonThatStoppedDuringTheSessionIsStartedAgain() throws {
        let session = try Session()
        let server = try MCPServerProcess(session: session)
        let before = try server.callTool("stats")
        #expect(before.error == nil && before.structured["requests"] != nil)
        let stop = try session.modsearch(["daemon", "stop"])
        try #require(stop.status == 0, "\(stop.stdout)\(stop.stderr)")
        let after = try server.callTool("stats")
        #expect(after.error == nil, "\(after.error ?? "")")
        #expect(after.structured["passages"] as? Int == before.structured["passages"] as? Int)
    }

    @Test func helpListsMCPAndItTakesNoWords() throws {
        let session = try Session()
        #expect(try session.modsearch(["--help"]).stdout.contains("mcp"))
        let extra = try session.modsearch(["mcp", "shame"])
        #expect(extra.status == 2)
        #expect(extra.stderr == "modsearch: mcp takes no words; got 'shame' (see modsearch --help)\n")
    }
}

/// The thin client starts in about a millisecond because it links neither Foundation nor the
/// engine; the MCP SDK stays in `modsearch-full`, which `modsearch mcp` runs.
@Suite struct MCPLinkingTests {
    /// A method name only the SDK spells.
    static let sdkText = Array("notifications/tools/list_changed".utf8)

    private static func holdsSDK(_ program: String) throws -> Bool {
        try Data(contentsOf: URL(fileURLWithPath: program)).range(of: Data(sdkText)) != nil
    }

    @Test func theThinClientLeavesTheSDKToModsearchFull() throws {
        #expect(try Self.holdsSDK(Harness.modsearchFull))
        #expect(try !Self.holdsSDK(Harness.modsearch))
    }
}
