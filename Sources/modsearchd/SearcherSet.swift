import Logging
import ModSearchCore
import ModSearchProtocol
import NIOConcurrencyHelpers

/// The searchers of one worker thread: one per index it has answered for, since each request
/// names its index (`db`) and one daemon serves them all. The least recently used is closed
/// past `capacity`, so that a daemon asked about many indexes keeps few open.
struct SearcherSet {
    static let capacity = 8
    private var open: [(watch: IndexWatch, searcher: Searcher?)] = []

    /// The searcher of `database` (nil: the daemon's own), at its newest revision.
    mutating func searcher(for database: String?, in indexes: ServedIndexes) throws(ProtocolError) -> Searcher {
        let watch = indexes.watch(database)
        var entry: (watch: IndexWatch, searcher: Searcher?) = open.firstIndex { $0.watch === watch }
            .map { open.remove(at: $0) } ?? (watch, nil)
        defer {
            open.append(entry)
            if open.count > Self.capacity { open.removeFirst() }
        }
        let searcher = try watch.searcher(reusing: &entry.searcher)
        indexes.served(watch.path)
        return searcher
    }
}

/// The indexes requests have named, each with the `IndexWatch` every worker shares, and those
/// the daemon has answered for, in the order first asked: `stats` lists them (`served`), and so
/// does `modsearch daemon status`.
final class ServedIndexes: Sendable {
    /// The index of requests that name none (`--db`).
    let defaultPath: String
    private let logger: Logger
    private let watches = NIOLockedValueBox<[IndexWatch]>([])
    private let answered = NIOLockedValueBox<[String]>([])

    init(defaultPath: String, logger: Logger) {
        self.defaultPath = defaultPath
        self.logger = logger
    }

    func watch(_ database: String?) -> IndexWatch {
        let path = database ?? defaultPath
        return watches.withLockedValue { watches in
            if let known = watches.first(where: { $0.path == path }) { return known }
            let watch = IndexWatch(path: path, logger: logger)
            watches.append(watch)
            return watch
        }
    }

    func served(_ path: String) {
        answered.withLockedValue { if !$0.contains(path) { $0.append(path) } }
    }

    var all: [String] { answered.withLockedValue { $0 } }
}
