import Foundation
import NIOCore

/// What the pool's threads share, behind one condition variable: the queue, when each thread's
/// job started, and which threads run at a lowered priority.
///
/// Every member is used with `condition` locked.
final class WorkerBoard<Job>: @unchecked Sendable {
    let condition = NSCondition()
    var queue = CircularBuffer<Job>()
    var stopping = false
    /// Threads polling the queue before they sleep (`WorkerPool.pollBriefly`): a new job wakes
    /// no sleeping thread while one polls.
    var polling = 0
    /// When each thread's current job started; nil while it waits.
    private var started: [NIODeadline?]
    /// Kernel thread ids, for lowering a thread's priority from another one.
    private var threadIDs: [pid_t?]
    private var demoted: [Bool]

    /// Nice value of a thread running a long job: quick jobs, and the event loop, come first.
    static var demotedNice: Int32 { 10 }

    init(threads: Int) {
        started = Array(repeating: nil, count: threads)
        threadIDs = Array(repeating: nil, count: threads)
        demoted = Array(repeating: false, count: threads)
    }

    func arrive(_ thread: Int) {
        threadIDs[thread] = Self.currentThreadID()
        demoted[thread] = false
    }

    func begin(_ thread: Int, at now: NIODeadline) { started[thread] = now }
    func end(_ thread: Int) { started[thread] = nil }

    /// Jobs started less than `longAfter` ago, oldest first.
    func recentStarts(at now: NIODeadline, longAfter: TimeAmount) -> [NIODeadline] {
        started.compactMap { $0 }.filter { now - $0 < longAfter }.sorted()
    }

    /// Lowers the priority of threads whose job has run `longAfter` or more: it goes on, on
    /// what CPU the quick jobs leave.
    func demoteLongJobs(at now: NIODeadline, longAfter: TimeAmount) {
        for thread in started.indices where !demoted[thread] {
            guard let start = started[thread], now - start >= longAfter, let id = threadIDs[thread] else { continue }
            if setpriority(__priority_which_t(PRIO_PROCESS.rawValue), id_t(id), Self.demotedNice) == 0 {
                demoted[thread] = true
            }
        }
    }

    /// Restores a demoted thread's priority; false when that is not allowed (only a privileged
    /// process may lower a nice value), and the thread must leave for a fresh one.
    func restore(_ thread: Int) -> Bool {
        guard demoted[thread], let id = threadIDs[thread] else { return true }
        guard setpriority(__priority_which_t(PRIO_PROCESS.rawValue), id_t(id), 0) == 0 else { return false }
        demoted[thread] = false
        return true
    }

    /// This thread's kernel id (`gettid`, which Swift's Glibc does not import).
    private static func currentThreadID() -> pid_t? {
        var buffer = [CChar](repeating: 0, count: 64)
        let count = readlink("/proc/thread-self", &buffer, buffer.count)
        guard count > 0 else { return nil }
        let link = String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return link.split(separator: "/").last.flatMap { pid_t($0) }
    }
}
