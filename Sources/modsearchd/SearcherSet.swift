import ModSearchCore
import ModSearchProtocol
import ModSearchService
import NIOConcurrencyHelpers

/// The searchers of one worker thread: one per index it has answered for, since each request
/// names its index (`db`) and one daemon serves them all. The least recently used is closed
/// past `capacity`, so that a daemon asked about many indexes keeps few open.
struct SearcherSet {
    static let capacity = 8
    /// The index of requests that name none (`--db`).
    let defaultDatabase: String
    let served: ServedDatabases
    private var open: [(path: String, searcher: Searcher)] = []

    init(defaultDatabase: String, served: ServedDatabases) {
        self.defaultDatabase = defaultDatabase
        self.served = served
    }

    /// The searcher of `database` (nil: the default), at its newest revision.
    mutating func searcher(for database: String?) throws(ProtocolError) -> Searcher {
        let path = database ?? defaultDatabase
        if let index = open.firstIndex(where: { $0.path == path }) {
            let entry = open.remove(at: index)
            open.append(entry)
            entry.searcher.refresh()
            return entry.searcher
        }
        let searcher: Searcher
        do throws(EngineError) {
            searcher = try Searcher(databasePath: path)
        } catch {
            throw ProtocolError(error)
        }
        if open.count == Self.capacity { open.removeFirst() }
        open.append((path, searcher))
        served.add(path)
        return searcher
    }
}

/// Every index the daemon has answered for, in the order first asked: `stats` lists them
/// (`served`), and so does `modsearch daemon status`.
final class ServedDatabases: Sendable {
    private let paths = NIOLockedValueBox<[String]>([])

    func add(_ path: String) {
        paths.withLockedValue { if !$0.contains(path) { $0.append(path) } }
    }

    var all: [String] { paths.withLockedValue { $0 } }
}
