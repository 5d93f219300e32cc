import Foundation
import ModSearchCore
import ModSearchProtocol
import ModSearchService
import NIOConcurrencyHelpers
import NIOCore

/// Threads that run Xapian work off the event loops; each owns its own `Searcher` (Xapian
/// objects are not thread-safe), opened lazily and refreshed to the newest revision before each job.
final class WorkerPool: Sendable {
    private struct Job: Sendable {
        let request: Request
        let promise: EventLoopPromise<Response.Result>
        let deadline: NIODeadline
        /// False once nobody waits for the answer (the connection closed): the job is skipped.
        let isWanted: @Sendable () -> Bool
    }

    private let queue = NIOLockedValueBox<[Job]>([])
    private let available = DispatchSemaphore(value: 0)
    private let stopping = NIOLockedValueBox(false)
    private let databasePath: String
    private let threads: Int
    private let finished: DispatchGroup = DispatchGroup()

    init(threads: Int, databasePath: String) {
        self.threads = threads
        self.databasePath = databasePath
        for index in 0..<threads {
            finished.enter()
            let thread = Thread { [self] in
                work()
                finished.leave()
            }
            thread.name = "modsearchd-worker-\(index)"
            thread.start()
        }
    }

    /// Queues a request; the future fails with `timeout` if the deadline passes before a worker starts it.
    func submit(_ request: Request, on eventLoop: EventLoop, deadline: NIODeadline,
                isWanted: @escaping @Sendable () -> Bool) -> EventLoopFuture<Response.Result> {
        let promise = eventLoop.makePromise(of: Response.Result.self)
        queue.withLockedValue {
            $0.append(Job(request: request, promise: promise, deadline: deadline, isWanted: isWanted))
        }
        available.signal()
        return promise.futureResult
    }

    /// Lets queued jobs finish, then ends the threads.
    func shutdown() {
        stopping.withLockedValue { $0 = true }
        for _ in 0..<threads { available.signal() }
        finished.wait()
    }

    private func next() -> Job? {
        while true {
            // A client that just got its answer often asks again at once: poll briefly before
            // sleeping, since waking a sleeping thread costs tens of µs on a virtual machine.
            let spinUntil = NIODeadline.now() + Self.spin
            while NIODeadline.now() < spinUntil, queue.withLockedValue({ $0.isEmpty }) { sched_yield() }
            available.wait()
            if let job = queue.withLockedValue({ $0.isEmpty ? nil : $0.removeFirst() }) { return job }
            if stopping.withLockedValue({ $0 }) { return nil }
        }
    }

    private static let spin = TimeAmount.microseconds(300)

    private func work() {
        var searcher: Searcher?
        while let job = next() {
            guard job.isWanted() else {
                job.promise.fail(ProtocolError(.unavailable, "the client went away"))
                continue
            }
            guard NIODeadline.now() < job.deadline else {
                job.promise.fail(ProtocolError(.timeout, "the request waited too long for a worker"))
                continue
            }
            do throws(ProtocolError) {
                if let searcher {
                    searcher.refresh()
                } else {
                    do throws(EngineError) {
                        searcher = try Searcher(databasePath: databasePath)
                    } catch {
                        throw ProtocolError(error)
                    }
                }
                job.promise.succeed(try RequestHandler.answer(job.request, with: searcher!))
            } catch {
                job.promise.fail(error)
            }
        }
    }
}
