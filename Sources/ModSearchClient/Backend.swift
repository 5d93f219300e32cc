import ModSearchProtocol

/// Where the client's requests are answered: by the daemon over its socket, or (`--no-daemon`,
/// in `modsearch-full` only) in the same process.
public protocol Backend {
    /// The answer to `request`; an error answer is thrown.
    func send(_ request: Request) throws(ProtocolError) -> Response.Result
}

/// Sends requests to `modsearchd` over its Unix socket, starting the daemon when none answers.
public final class DaemonBackend: Backend {
    private let connection: LineConnection

    /// Connects to the daemon at `socketPath`; with `autostart`, starts one serving `databasePath` if needed.
    public init(socketPath: String, databasePath: String, autostart: Bool) throws(ProtocolError) {
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
        guard let result = response.result else { throw ProtocolError(.internalError, "the daemon sent an empty answer") }
        return result
    }
}
