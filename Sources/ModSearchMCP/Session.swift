#if canImport(Glibc)
import Glibc
#endif
import MCP
import ModSearchClient
import ModSearchProtocol

/// What the server answers with: one backend, used by one request at a time (the daemon
/// connection carries one request line at a time, and an in-process searcher is not thread-safe).
actor Session {
    private let connect: MCPServer.Connect
    private var backend: (any Backend)?

    init(connect: @escaping MCPServer.Connect) {
        self.connect = connect
    }

    /// Runs `body` with the backend, connecting first if need be (a failed connection is tried again
    /// at the next call). A backend that became unavailable (a daemon that exited when idle or was
    /// restarted) is replaced once and `body` run again: every tool only reads, so that is harmless.
    func withBackend<T>(_ body: (any Backend) throws(ProtocolError) -> T) throws(ProtocolError) -> T {
        let connected = backend != nil
        do {
            return try body(try currentBackend())
        } catch where error.code == .unavailable && connected {
            backend = nil
            return try body(try currentBackend())
        }
    }

    /// A daemon this server started is its child, and one that exits (stopped, or idle) must be
    /// reaped, or `modsearch daemon stop` waits on a zombie. Run on the actor, so never while the
    /// launcher waits for a daemon it is starting, whose early exit it reads itself.
    func reapExitedChildren() {
        var status: Int32 = 0
        while waitpid(-1, &status, WNOHANG) > 0 {}
    }

    private func currentBackend() throws(ProtocolError) -> any Backend {
        if let backend { return backend }
        let connected = try connect()
        backend = connected
        return connected
    }
}
