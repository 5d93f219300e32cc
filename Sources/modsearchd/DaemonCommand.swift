import ArgumentParser
import Foundation
import Logging
import ModSearchClient
import ModSearchCore
import ModSearchProtocol
import NIOCore
import NIOPosix
import ServiceLifecycle

@main
struct DaemonCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "modsearchd",
        abstract: "The modsearch query daemon: answers searches over a Unix socket (wire protocol v1).",
        discussion: """
            Stops on SIGTERM or SIGINT after answering the requests it has. Under systemd socket \
            activation (LISTEN_FDS) it serves the socket it is given; see contrib/systemd/.
            """,
        version: ModSearchVersion.string
    )

    @Option(help: "Index of requests that name none (default: $MODSEARCH_DB or ~/.local/share/modsearch/index); may be a Xapian stub file listing shards. Requests that name an index are answered from that one.")
    var db: String?

    @Option(help: "Socket path (default: $MODSEARCH_SOCKET, else $XDG_RUNTIME_DIR/modsearch/modsearchd.sock).")
    var socket: String?

    @Option(help: "Worker threads running searches (default: one per core).")
    var workers: Int?

    @Option(help: "Threads beyond --workers that take new requests while searches running past 20 ms hold the workers.")
    var spareWorkers = 4

    @Option(help: "Exit after this many seconds with no connection and no request.")
    var idleExit: Int?

    @Option(help: "Write the log to this file instead of standard error.")
    var logFile: String?

    @Option(help: "Most open connections at once.")
    var maxConnections = 256

    @Option(help: "Close a connection idle for this many seconds.")
    var idleTimeout = 300

    @Option(help: "Fail a request not answered within this many milliseconds, and stop its search.")
    var requestTimeout = 10_000

    @Option(help: "Close a connection whose request line is not whole this many milliseconds after its first byte.")
    var lineTimeout = 10_000

    @Option(help: "Requests of one connection being answered or waiting to be written before its reading pauses.")
    var maxPipelined = 4

    @Option(help: "Log level: trace, debug, info, notice, warning, error.")
    var logLevel: Logger.Level = .info

    func validate() throws {
        guard workers ?? 1 >= 1 else { throw ValidationError("--workers must be at least 1") }
        guard maxConnections >= 1 else { throw ValidationError("--max-connections must be at least 1") }
        guard spareWorkers >= 0 else { throw ValidationError("--spare-workers must not be negative") }
        guard maxPipelined >= 1 else { throw ValidationError("--max-pipelined must be at least 1") }
        guard requestTimeout >= 1, lineTimeout >= 1, idleTimeout >= 1 else {
            throw ValidationError("timeouts must be at least 1")
        }
    }

    func run() async throws {
        let activated = SystemdActivation.listeningDescriptor()
        Self.hearStopSignals()
        let listener = try prepareListener(activated: activated)
        let level = logLevel
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let logger = Logger(label: "modsearchd")
        let databasePath = Locations.absolute(db ?? Locations.database())
        let workers = workers ?? System.coreCount
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let server = ServerContext(
            pool: WorkerPool(workers: workers, spares: spareWorkers, databasePath: databasePath, logger: logger),
            logger: logger, limits: limits)
        let service = DaemonService(listener: listener, server: server, group: group,
                                    idleExit: idleExit.map { .seconds(Int64($0)) })
        logger.info("starting", metadata: ["db": "\(databasePath)", "workers": "\(workers)"])
        // The service returns by itself only on idle exit, which is a success like a SIGTERM.
        let services = ServiceGroup(configuration: ServiceGroupConfiguration(
            services: [.init(service: service, successTerminationBehavior: .gracefullyShutdownGroup)],
            gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        do {
            try await services.run()
        } catch {
            if case .path(let path) = listener { SocketGuard.release(path) }
            throw failure("\(error)")
        }
        try await group.shutdownGracefully()
    }

    private var limits: ConnectionLimits {
        var limits = ConnectionLimits()
        limits.maxConnections = maxConnections
        limits.idleTimeout = .seconds(Int64(idleTimeout))
        limits.requestTimeout = .milliseconds(Int64(requestTimeout))
        limits.lineTimeout = .milliseconds(Int64(lineTimeout))
        limits.maxPipelined = maxPipelined
        return limits
    }

    /// A parent may have blocked these (test runners do); the daemon must hear them to stop cleanly.
    private static func hearStopSignals() {
        signal(SIGPIPE, SIG_IGN)
        var stopSignals = sigset_t()
        sigemptyset(&stopSignals)
        sigaddset(&stopSignals, SIGTERM)
        sigaddset(&stopSignals, SIGINT)
        pthread_sigmask(SIG_UNBLOCK, &stopSignals, nil)
    }

    /// The socket to serve. The log is opened only once the socket's folder passed its checks
    /// (in a folder others may write to, it could be their link to any file of ours); a refusal
    /// before that goes to standard error.
    private func prepareListener(activated: Int32?) throws -> DaemonService.Listener {
        if let descriptor = activated {
            try openLog()
            return .inherited(descriptor)
        }
        // Absolute, so that a bare name's folder is "." and not "" (its pid file is beside it).
        let path = Locations.absolute(socket ?? Locations.socket())
        do {
            try SocketGuard.prepareFolder(of: path)
        } catch {
            throw failure("\(error)")
        }
        try openLog()
        do {
            try SocketGuard.claim(path)
            try SocketGuard.writePidFile(for: path)
        } catch {
            // A status of its own, so that a client that started this daemon waits for the other.
            if case .alreadyRunning = error { throw failure("\(error)", status: DaemonLauncher.alreadyRunningExitStatus) }
            throw failure("\(error)")
        }
        return .path(path)
    }

    private func openLog() throws {
        guard let logFile else { return }
        do {
            let fd = try SocketGuard.openLog(logFile)
            dup2(fd, STDERR_FILENO)
            close(fd)
        } catch {
            throw failure("\(error)")
        }
    }

    /// A one-line message on stderr and exit status 1 (or `status`).
    private func failure(_ message: String, status: Int32 = 1) -> Error {
        FileHandle.standardError.write(Data("modsearchd: \(message)\n".utf8))
        return ExitCode(status)
    }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}

extension Pong {
    static var current: Pong { Pong(version: ModSearchVersion.string, pid: Int(getpid())) }
}
