#if canImport(Glibc)
import Glibc
#endif
import Foundation
import ModSearchClient
import ModSearchProtocol

/// Sends requests to `modsearchd` over its Unix socket, starting the daemon when none answers.
final class DaemonBackend: Backend {
    private let connection: LineConnection

    /// Connects to the daemon at `socketPath`; with `autostart`, starts one serving `databasePath` if needed.
    init(socketPath: String, databasePath: String, autostart: Bool) throws(ProtocolError) {
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
            throw ProtocolError(.unavailable, "started modsearchd but cannot connect to \(socketPath): \(error)")
        }
    }

    func send(_ request: Request) throws(ProtocolError) -> Response.Result {
        let response: Response
        do {
            try connection.write(try Codec.encode(request))
            guard let line = try connection.readLine() else {
                throw ProtocolError(.unavailable, "the daemon closed the connection")
            }
            response = try Codec.decodeResponse(line)
        } catch let error as ProtocolError {
            throw error
        } catch {
            throw ProtocolError(.unavailable, "lost the daemon: \(error)")
        }
        if let error = response.error { throw ProtocolError(error.code, error.message) }
        guard let result = response.result else { throw ProtocolError(.internalError, "the daemon sent an empty answer") }
        return result
    }
}
