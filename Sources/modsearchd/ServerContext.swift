import Foundation
import Logging
import ModSearchCore
import ModSearchProtocol
import NIOConcurrencyHelpers
import NIOCore

/// What every connection shares: the worker pool, limits, counters and the logger.
final class ServerContext: Sendable {
    let pool: WorkerPool
    let logger: Logger
    let requestTimeout: TimeAmount
    let idleTimeout: TimeAmount
    let maxConnections: Int
    let started = Date()

    private let requests = NIOLockedValueBox(0)
    private let lastActivity = NIOLockedValueBox(NIODeadline.now())
    let connections = NIOLockedValueBox(0)

    init(pool: WorkerPool, logger: Logger, requestTimeout: TimeAmount, idleTimeout: TimeAmount, maxConnections: Int) {
        self.pool = pool
        self.logger = logger
        self.requestTimeout = requestTimeout
        self.idleTimeout = idleTimeout
        self.maxConnections = maxConnections
    }

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
        stats.served = pool.served.all
        return .stats(stats)
    }
}
