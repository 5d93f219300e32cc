import ModSearchCore
import ModSearchProtocol

/// Where the client's requests are answered: in this process, or by the daemon over its socket.
protocol Backend {
    func send(_ request: Request) throws(ProtocolError) -> Response.Result
}

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
