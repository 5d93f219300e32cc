import Foundation
import Logging
import ModSearchProtocol
import NIOCore
import NIOPosix
import ServiceLifecycle

/// The daemon as a service: listens until graceful shutdown (SIGTERM/SIGINT) or idle exit, then
/// stops accepting, lets open connections get their answers, and removes its socket and pid file.
struct DaemonService: Service {
    enum Listener {
        case path(String)
        case inherited(Int32)
    }

    let listener: Listener
    let server: ServerContext
    let group: MultiThreadedEventLoopGroup
    /// Exit after this long with no connection and no request.
    let idleExit: TimeAmount?

    func run() async throws {
        let server = self.server
        let limits = server.limits
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(AcceptWatch(logger: server.logger))
                }
            }
            .childChannelOption(.allowRemoteHalfClosure, value: true)
            .childChannelOption(.autoRead, value: false)
            .childChannelOption(.writeBufferWaterMark,
                                value: .init(low: limits.unwrittenLow, high: limits.unwrittenHigh))
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(IdleStateHandler(allTimeout: limits.idleTimeout))
                    try channel.pipeline.syncOperations.addHandler(ConnectionHandler(server: server))
                }
            }

        let channel: Channel
        switch listener {
        case .path(let path):
            channel = try await bootstrap.bind(unixDomainSocketPath: path, cleanupExistingSocketFile: false).get()
            chmod(path, 0o600)
        case .inherited(let descriptor):
            channel = try await bootstrap.withBoundSocket(descriptor).get()
        }
        server.logger.info("listening", metadata: ["socket": "\(describe(listener))", "pid": "\(getpid())"])

        await waitForShutdownOrIdle()

        server.logger.info("stopping: no new connections; answering what was asked")
        try? await channel.close()
        let open = server.openConnections
        for child in open { child.pipeline.fireUserInboundEventTriggered(DrainEvent()) }
        for child in open { try? await child.closeFuture.get() }
        server.pool.shutdown()
        if case .path(let path) = listener { SocketGuard.release(path) }
        server.logger.info("stopped", metadata: ["requests": "\(server.requestsServed)"])
    }

    /// Returns on graceful shutdown, or when idle for `idleExit` with no open connection.
    private func waitForShutdownOrIdle() async {
        await withTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try? await gracefulShutdown() }
            if let idleExit {
                let server = self.server
                tasks.addTask {
                    while !Task.isCancelled {
                        try? await Task.sleep(for: .seconds(1))
                        let idle = server.connectionCount == 0
                            && NIODeadline.now() - server.idleSince > idleExit
                        if idle {
                            server.logger.info("idle for \(idleExit.nanoseconds / 1_000_000_000) s; exiting")
                            return
                        }
                    }
                }
            }
            await tasks.next()
            tasks.cancelAll()
        }
    }

    private func describe(_ listener: Listener) -> String {
        switch listener {
        case .path(let path): path
        case .inherited(let descriptor): "fd \(descriptor) (systemd)"
        }
    }
}
