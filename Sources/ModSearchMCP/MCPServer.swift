import Logging
import MCP
import ModSearchClient
import ModSearchProtocol

/// `modsearch mcp`: serves the index to an assistant over the Model Context Protocol on stdin and
/// stdout. Standard output carries protocol messages only; logs go to standard error.
public enum MCPServer {
    /// Makes the backend requests are answered by; called again after a backend was lost.
    public typealias Connect = @Sendable () throws(ProtocolError) -> any Backend

    /// Serves until the client closes standard input.
    public static func run(connect: @escaping Connect) async throws {
        let logger = Logger(label: "modsearch.mcp") { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = .warning
            return handler
        }
        let session = Session(connect: connect)
        let server = Server(
            name: "modsearch", version: ModSearchVersion.string, title: "modsearch",
            instructions: """
                Full-text search over modality documents (one per psychotherapy approach, each with the same \
                sections). `search` finds passages; `get` reads passages by id, with their neighbours; \
                `related` finds passages like a passage, or the modalities around one; `modalities` lists \
                them; each modality's whole document is the resource modsearch://MODnnn.
                """,
            capabilities: .init(resources: .init(subscribe: false, listChanged: false), tools: .init(listChanged: false)))
        await server.withMethodHandler(ListTools.self) { _ in ListTools.Result(tools: ToolCatalog.tools) }
        await server.withMethodHandler(CallTool.self) { call in
            try await session.call(call.name, arguments: call.arguments ?? [:])
        }
        await server.withMethodHandler(ListResources.self) { _ in
            ListResources.Result(resources: try await session.resources())
        }
        await server.withMethodHandler(ListResourceTemplates.self) { _ in
            ListResourceTemplates.Result(templates: [ModalityResources.template])
        }
        await server.withMethodHandler(ReadResource.self) { read in
            ReadResource.Result(contents: [try await session.read(read.uri)])
        }
        let reaper = Task {
            while !Task.isCancelled {
                await session.reapExitedChildren()
                try? await Task.sleep(for: .milliseconds(250))
            }
        }
        defer { reaper.cancel() }
        try await server.start(transport: AnsweringTransport(logger: logger))
        await server.waitUntilCompleted()
    }
}
