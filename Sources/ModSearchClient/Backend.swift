import ModSearchProtocol

/// Where the client's requests are answered: by the daemon over its socket, or (`--no-daemon`,
/// in `modsearch-full` only) in the same process.
public protocol Backend {
    /// The answer to `request`; an error answer is thrown.
    func send(_ request: Request) throws(ProtocolError) -> Response.Result
}

/// Sends requests to `modsearchd` over its Unix socket, starting the daemon when none answers.
/// Every request names the index it is for (`db`), so one daemon answers for any index and
/// never answers from another one than the client means.
public final class DaemonBackend: Backend {
    private let connection: LineConnection
    private let socketPath: String
    private let databasePath: String

    /// Connects to the daemon at `socketPath`; with `autostart`, starts one if needed. Requests
    /// that name no index are sent for `databasePath` (absolute).
    public init(socketPath: String, databasePath: String, autostart: Bool) throws(ProtocolError) {
        self.socketPath = socketPath
        self.databasePath = databasePath
        if let connection = try? LineConnection(path: socketPath) {
            self.connection = connection
            return
        }
        guard autostart else {
            throw ProtocolError(.unavailable, "no daemon answers on \(socketPath)")
        }
        try DaemonLauncher.start(socketPath: socketPath, databasePath: databasePath)
        do {
            connection = try LineConnection(path: socketPath)
        } catch {
            throw ProtocolError(.unavailable, "started modsearchd but cannot connect to \(socketPath): \(error.description)")
        }
    }

    public func send(_ request: Request) throws(ProtocolError) -> Response.Result {
        var request = request
        if request.op != .ping, request.db == nil { request.db = databasePath }
        let answer: [UInt8]?
        do {
            try connection.write(Codec.encode(request))
            answer = try connection.readLine()
        } catch {
            throw ProtocolError(.unavailable, "lost the daemon: \(error.description)")
        }
        guard let line = answer else { throw ProtocolError(.unavailable, "the daemon closed the connection") }
        let response = try Codec.decodeResponse(line)
        if let error = response.error { throw ProtocolError(error.code, error.message) }
        if let asked = request.db, response.db != asked {
            throw ProtocolError(.unavailable, "the daemon on \(socketPath) answers from another index than \(asked) "
                                + "(it predates requests that name their index); stop it with `modsearch daemon stop`")
        }
        guard let result = response.result else { throw ProtocolError(.internalError, "the daemon sent an empty answer") }
        return result
    }
}
