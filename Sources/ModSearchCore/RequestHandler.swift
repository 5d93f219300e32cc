import ModSearchProtocol

/// Dispatches a validated request to a `Searcher`: the one place both the daemon and `--no-daemon` answer from.
public enum RequestHandler {
    public static func answer(_ request: Request, with searcher: Searcher,
                              pong: () -> Pong = { Pong(version: ModSearchVersion.string, pid: 0) })
    throws(ProtocolError) -> Response.Result {
        switch request.op {
        case .search:
            return .search(try searcher.search(request))
        case .get:
            return .passage(try searcher.passage(id: request.target ?? ""))
        case .related:
            return .related(try searcher.related(target: request.target ?? "", limit: request.limit ?? Limits.defaultLimit))
        case .stats:
            return .stats(try searcher.stats())
        case .ping:
            return .pong(pong())
        }
    }
}
