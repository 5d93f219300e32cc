import ModSearchClient
import ModSearchCore
import ModSearchProtocol
import ModSearchService

/// Answers requests with an in-process `Searcher` (`--no-daemon`).
final class InProcessBackend: Backend {
    private let searcher: Searcher

    init(databasePath: String) throws(ProtocolError) {
        do throws(EngineError) {
            searcher = try Searcher(databasePath: databasePath)
        } catch {
            throw ProtocolError(error)
        }
    }

    func send(_ request: Request) throws(ProtocolError) -> Response.Result {
        try Codec.validate(request)
        // A long-lived process (`modsearch mcp --no-daemon`) sees each index revision, as the daemon does.
        searcher.refresh()
        return try RequestHandler.answer(request, with: searcher)
    }
}
