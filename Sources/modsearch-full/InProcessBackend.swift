import ModSearchClient
import ModSearchCore
import ModSearchProtocol

/// Answers requests with an in-process `Searcher` (`--no-daemon`).
final class InProcessBackend: Backend {
    private let searcher: Searcher

    init(databasePath: String) throws(ProtocolError) {
        searcher = try Searcher(databasePath: databasePath)
    }

    func send(_ request: Request) throws(ProtocolError) -> Response.Result {
        try Codec.validate(request)
        return try RequestHandler.answer(request, with: searcher)
    }
}
