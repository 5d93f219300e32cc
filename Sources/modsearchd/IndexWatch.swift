import Foundation
import Logging
import ModSearchCore
import ModSearchProtocol
import ModSearchService
import NIOConcurrencyHelpers
import NIOCore

/// Whether the index is there, as every worker sees it. A worker holding a removed index open
/// would go on answering from its files while one opening it afresh answers `unavailable`, so
/// the path is checked before each request and a searcher is dropped once its index is gone.
final class IndexWatch: Sendable {
    let path: String
    private let logger: Logger
    /// Since when the path has been missing, and whether that was logged.
    private let missing = NIOLockedValueBox<(since: NIODeadline, logged: Bool)?>(nil)

    /// A path missing for less than this may be a new index moving into place (two renames).
    static let grace = TimeAmount.milliseconds(100)

    init(path: String, logger: Logger) {
        self.path = path
        self.logger = logger
    }

    /// The thread's searcher for the next request, refreshed; opened afresh when there is none
    /// (or its index was removed), which answers `unavailable` while no index is there.
    func searcher(reusing current: inout Searcher?) throws(ProtocolError) -> Searcher {
        if !isPresent() { current = nil }
        if let current {
            current.refresh()
            return current
        }
        do throws(EngineError) {
            let opened = try Searcher(databasePath: path)
            current = opened
            return opened
        } catch {
            throw ProtocolError(error)
        }
    }

    private enum Verdict { case wait, gone(firstSeen: Bool) }

    private func isPresent() -> Bool {
        while access(path, F_OK) != 0 {
            let now = NIODeadline.now()
            let verdict = missing.withLockedValue { state -> Verdict in
                guard let found = state else {
                    state = (now, false)
                    return .wait
                }
                guard now - found.since >= Self.grace else { return .wait }
                state = (found.since, true)
                return .gone(firstSeen: !found.logged)
            }
            guard case .gone(let firstSeen) = verdict else {
                usleep(5_000)
                continue
            }
            if firstSeen { logger.warning("no index at \(path); answering unavailable until there is one") }
            return false
        }
        let wasGone = missing.withLockedValue { state in
            defer { state = nil }
            return state?.logged ?? false
        }
        if wasGone { logger.notice("an index is at \(path) now; serving it") }
        return true
    }
}
