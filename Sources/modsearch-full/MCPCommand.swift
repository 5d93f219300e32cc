import ArgumentParser
import Dispatch
import ModSearchCLI
import ModSearchClient
import ModSearchMCP
import ModSearchProtocol
import Synchronization

/// `modsearch mcp`: the index as tools and resources for an AI assistant (Model Context Protocol).
struct MCPCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mcp",
        abstract: "Serve the index to an AI assistant over the Model Context Protocol (stdio).",
        discussion: """
            Configure it in an assistant as {"command": "modsearch", "args": ["mcp"]}. Tools: search, get, \
            related, modalities, stats; resources: modsearch://MODnnn, each modality's whole document. \
            It answers through the daemon (started if none answers), or in this process with \
            --no-daemon. Standard output carries only protocol messages; logs go to standard error.
            """)

    @OptionGroup var client: ClientOptions

    func run() throws {
        let location = client.location.location
        let inProcess = client.noDaemon
        let connect: MCPServer.Connect = { () throws(ProtocolError) -> any Backend in
            if inProcess { return try InProcessBackend(databasePath: location.databasePath) }
            return try location.daemon()
        }
        // The server is asynchronous and this command line is not: wait here until it ends.
        let failure = Mutex<String?>(nil)
        let finished = DispatchSemaphore(value: 0)
        Task {
            do {
                try await MCPServer.run(connect: connect)
            } catch {
                failure.withLock { $0 = "mcp: \(error)" }
            }
            finished.signal()
        }
        finished.wait()
        if let message = failure.withLock({ $0 }) {
            Diagnostics.error(message)
            throw ExitCode(2)
        }
    }
}
