import Foundation
import Logging
import ModSearchCore
import ModSearchProtocol
import ModSearchService
import NIOCore

/// Threads that run Xapian work off the event loops; each owns its own searchers (Xapian
/// objects are not thread-safe), one per index asked for, opened lazily and refreshed to the
/// newest revision before each job.
///
/// `workers` requests start and run side by side. A request still running after `longAfter`
/// stops counting against them, and one of up to `spares` further threads takes the next
/// request meanwhile; its thread's priority is lowered once another request starts, so that
/// a few long searches leave quick ones neither waiting for a thread nor for the CPU. Each
/// search stops at its request's deadline (`timeout`), which frees its thread.
final class WorkerPool: Sendable {
    private struct Job: Sendable {
        let request: Request
        let promise: EventLoopPromise<[UInt8]>
        let deadline: NIODeadline
        /// False once nobody waits for the answer (the connection closed): the job is skipped.
        let isWanted: @Sendable () -> Bool
        let encode: @Sendable (Result<Response.Result, ProtocolError>) -> [UInt8]
    }

    static let longAfter = TimeAmount.milliseconds(20)

    private let board: WorkerBoard<Job>
    private let workers: Int
    /// The indexes the requests name, each watched for removal.
    let indexes: ServedIndexes
    private let finished = DispatchGroup()

    init(workers: Int, spares: Int, databasePath: String, logger: Logger) {
        self.workers = workers
        board = WorkerBoard(threads: workers + spares)
        indexes = ServedIndexes(defaultPath: databasePath, logger: logger)
        for number in 0..<(workers + spares) {
            finished.enter()
            startThread(number)
        }
    }

    /// Starts thread `number`, already counted in `finished`.
    private func startThread(_ number: Int) {
        let thread = Thread { [self] in
            work(thread: number)
            finished.leave()
        }
        thread.name = "modsearchd-worker-\(number)"
        thread.start()
    }

    /// Queues a request; the future holds its answer line as `encode` writes it on the worker,
    /// failures included (`timeout` if the deadline passes before a worker starts it). Encoding
    /// there keeps the event loop free for other connections, and frees the answer's memory on
    /// the thread that allocated it.
    func submit(_ request: Request, on eventLoop: EventLoop, deadline: NIODeadline,
                isWanted: @escaping @Sendable () -> Bool,
                encode: @escaping @Sendable (Result<Response.Result, ProtocolError>) -> [UInt8]) -> EventLoopFuture<[UInt8]> {
        let promise = eventLoop.makePromise(of: [UInt8].self)
        board.condition.lock()
        board.queue.append(Job(request: request, promise: promise, deadline: deadline, isWanted: isWanted, encode: encode))
        // A polling thread takes it without being woken, and is the one whose caches are warm.
        if board.polling == 0 { board.condition.signal() }
        board.condition.unlock()
        return promise.futureResult
    }

    /// Lets queued jobs finish, then ends the threads.
    func shutdown() {
        board.condition.lock()
        board.stopping = true
        board.condition.broadcast()
        board.condition.unlock()
        finished.wait()
    }

    /// The next job this thread may start: the oldest queued one, once fewer than `workers`
    /// recent jobs run; nil when stopping with nothing queued.
    private func next(thread: Int) -> Job? {
        board.condition.lock()
        defer { board.condition.unlock() }
        var polled = false
        while true {
            if board.queue.isEmpty {
                if board.stopping { return nil }
                if !polled, board.polling == 0 {
                    polled = true
                    pollBriefly()
                    continue
                }
                board.condition.wait()
                continue
            }
            let now = NIODeadline.now()
            let recent = board.recentStarts(at: now, longAfter: Self.longAfter)
            if recent.count < workers {
                board.demoteLongJobs(at: now, longAfter: Self.longAfter)
                board.begin(thread, at: now)
                let job = board.queue.removeFirst()
                if !board.queue.isEmpty { board.condition.signal() }
                return job
            }
            let wait = recent[recent.count - workers] + Self.longAfter - now
            _ = board.condition.wait(until: Date(timeIntervalSinceNow: Double(wait.nanoseconds) / 1e9))
        }
    }

    /// A client that just got its answer often asks again at once: one thread at a time polls
    /// briefly before sleeping, since waking a sleeping thread costs tens of µs on a virtual
    /// machine. Called and returns with `board.condition` locked.
    private func pollBriefly() {
        board.polling += 1
        board.condition.unlock()
        let until = NIODeadline.now() + Self.spin
        var empty = true
        while empty, NIODeadline.now() < until {
            sched_yield()
            board.condition.lock()
            empty = board.queue.isEmpty
            board.condition.unlock()
        }
        board.condition.lock()
        board.polling -= 1
    }

    private static let spin = TimeAmount.microseconds(300)

    /// Ends a job; false when the thread must leave: its priority was lowered and cannot be
    /// raised again. A fresh thread then takes its place, started on the event loop so as not
    /// to inherit that priority.
    private func finish(_ thread: Int, after job: Job) -> Bool {
        board.condition.lock()
        board.end(thread)
        let stays = board.restore(thread)
        board.condition.unlock()
        if !stays {
            finished.enter()
            job.promise.futureResult.eventLoop.execute { self.startThread(thread) }
        }
        return stays
    }

    private func work(thread: Int) {
        board.condition.lock()
        board.arrive(thread)
        board.condition.unlock()
        var searchers = SearcherSet()
        while let job = next(thread: thread) {
            run(job, with: &searchers)
            guard finish(thread, after: job) else { return }
        }
    }

    private func run(_ job: Job, with searchers: inout SearcherSet) {
        job.promise.succeed(job.encode(answer(job, with: &searchers)))
    }

    private func answer(_ job: Job, with searchers: inout SearcherSet) -> Result<Response.Result, ProtocolError> {
        guard job.isWanted() else { return .failure(ProtocolError(.unavailable, "the client went away")) }
        let remaining = job.deadline - NIODeadline.now()
        guard remaining > .zero else {
            return .failure(ProtocolError(.timeout, "the request waited too long for a worker"))
        }
        return Result { () throws(ProtocolError) in
            let current = try searchers.searcher(for: job.request.db, in: indexes)
            current.deadline = ContinuousClock.now + .nanoseconds(remaining.nanoseconds)
            return try RequestHandler.answer(job.request, with: current)
        }
    }
}
