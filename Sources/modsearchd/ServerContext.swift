import Foundation
import Logging
import ModSearchCore
import ModSearchProtocol
import NIOConcurrencyHelpers
import NIOCore

/// How much one client may hold of the daemon, and for how long.
struct ConnectionLimits: Sendable {
    /// Connections served at once; the next one is answered `unavailable` and closed.
    var maxConnections = 256
    /// A connection with no traffic either way for this long is closed.
    var idleTimeout = TimeAmount.seconds(300)
    /// A request not answered within this long is answered `timeout`, and its search stopped.
    var requestTimeout = TimeAmount.seconds(10)
    /// A request line must arrive whole within this long of its first byte.
    var lineTimeout = TimeAmount.seconds(10)
    /// Requests of one connection being answered or waiting to be written; at this many the
    /// connection is not read until the client has taken some answers.
    var maxPipelined = 4
    /// Answer bytes waiting to be written to one client before its reading pauses, and the
    /// level they must fall to before it resumes.
    var unwrittenHigh = 1 << 20
    var unwrittenLow = 256 << 10
    /// How long a refused connection may stay open for its answer to be read.
    var refusalGrace = TimeAmount.seconds(1)
    /// On stop, how long a client may leave its last answers untaken before its connection is
    /// closed anyway.
    var drainGrace = TimeAmount.seconds(1)
}

/// What every connection shares: the worker pool, limits, open connections, counters, the logger.
final class ServerContext: Sendable {
    let pool: WorkerPool
    let logger: Logger
    let limits: ConnectionLimits
    let started = Date()

    private let requests = NIOLockedValueBox(0)
    private let lastActivity = NIOLockedValueBox(NIODeadline.now())
    private let open = NIOLockedValueBox<[ObjectIdentifier: Channel]>([:])
    private let refusals = NIOLockedValueBox<(logged: NIODeadline?, unlogged: Int)>((nil, 0))

    init(pool: WorkerPool, logger: Logger, limits: ConnectionLimits) {
        self.pool = pool
        self.logger = logger
        self.limits = limits
    }

    /// Counts a connection whose peer was checked, unless the cap is reached; it stops counting
    /// when it closes.
    func admit(_ channel: Channel) -> Bool {
        let id = ObjectIdentifier(channel)
        let admitted = open.withLockedValue { open in
            guard open.count < limits.maxConnections else { return false }
            open[id] = channel
            return true
        }
        guard admitted else { return false }
        channel.closeFuture.whenComplete { _ in
            self.open.withLockedValue { _ = $0.removeValue(forKey: id) }
            self.activity()
        }
        return true
    }

    /// Logs a refused connection, at most one line per 10 s: a flood must not flood the log too.
    func noteRefusal(_ reason: String) {
        let now = NIODeadline.now()
        let unlogged: Int? = refusals.withLockedValue { state in
            if let last = state.logged, now - last < .seconds(10) {
                state.unlogged += 1
                return nil
            }
            defer { state = (now, 0) }
            return state.unlogged
        }
        guard let unlogged else { return }
        let more = unlogged > 0 ? " (\(unlogged) more refused since the last such line)" : ""
        logger.warning("refused a connection: \(reason)\(more)")
    }

    var openConnections: [Channel] { open.withLockedValue { Array($0.values) } }
    var connectionCount: Int { open.withLockedValue { $0.count } }

    func countRequest() { requests.withLockedValue { $0 += 1 } }
    var requestsServed: Int { requests.withLockedValue { $0 } }

    func activity() { lastActivity.withLockedValue { $0 = .now() } }
    var idleSince: NIODeadline { lastActivity.withLockedValue { $0 } }

    func pong() -> Pong { .current }

    /// Adds what only the daemon knows (uptime, requests served, indexes served) to a worker's answer.
    func decorate(_ result: Response.Result) -> Response.Result {
        guard case .stats(var stats) = result else { return result }
        stats.uptimeSeconds = (Date().timeIntervalSince(started) * 1000).rounded() / 1000
        stats.requests = requestsServed
        stats.served = pool.indexes.all
        return .stats(stats)
    }
}
