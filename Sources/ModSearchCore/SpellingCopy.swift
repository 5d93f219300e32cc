import Foundation
import XapianKit

/// The spelling data of a stub's shards in a local database, for stubs with remote shards.
///
/// Xapian 1.4's remote protocol carries no spelling data, so over `remote` shards spelling
/// correction, wildcards and exact forms (all read from it) would find nothing. Each index
/// also keeps its spelling data in metadata (`Schema.Metadata.spelling`), which the protocol
/// does carry; this copy adds every shard's words into one private database (frequencies
/// summed, as Xapian sums them over local shards), so that Xapian's own suggestion algorithm
/// answers as it would over one database.
final class SpellingCopy {
    let database: WritableDatabase
    private let folder: String
    /// Each shard's exported spelling text, to rebuild only when one changed.
    let sources: [String]

    /// Builds the copy from each shard's exported spelling data (`exported(from:)`).
    init(sources: [String]) throws {
        self.sources = sources
        var template = Array((NSTemporaryDirectory() + "/modsearch-spelling-XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else {
            throw EngineError(.internalFailure,
                              "cannot create a folder for the shards' spelling data: \(String(cString: strerror(errno)))")
        }
        folder = String(cString: made)
        do {
            database = try WritableDatabase(path: folder + "/db", mode: .createOrOverwrite, options: .noSync)
            try database.transaction {
                for text in sources {
                    for line in text.split(separator: "\n") {
                        guard let tab = line.lastIndex(of: "\t"), let count = Int(line[line.index(after: tab)...])
                        else { continue }
                        try database.addSpelling(String(line[..<tab]), frequencyIncrement: count)
                    }
                }
            }
        } catch {
            try? FileManager.default.removeItem(atPath: folder)
            throw error
        }
    }

    deinit {
        try? database.close()
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// The spelling data of a database as `Schema.Metadata.spelling` holds it.
    static func exported(from database: Database) throws -> String {
        var text = ""
        for (word, frequency) in try database.spellingWords(prefix: "") {
            text += word + "\t" + String(frequency) + "\n"
        }
        return text
    }
}
