import Foundation
import ModalityDocs
import XapianKit

/// Why indexing could not run at all (per-file problems are skips, not errors).
public enum IndexError: Error, CustomStringConvertible {
    case missingPath(String)
    case cannotCreate(String, String)
    case locked(database: String, detail: String)
    /// The index is on a read-only file system: it can be searched, not written.
    case readOnly(database: String)
    /// Writing failed for want of room (`reason`: the system's words, such as "No space left on
    /// device"); the run's changes were rolled back.
    case noRoom(database: String, reason: String)
    case xapian(XapianError)
    /// The path is a stub listing shards, which Xapian opens read-only (remote ones always).
    case stub(String, shards: Int)
    /// Stopped by a signal; the index is as it was before the run (or absent, as it was).
    case interrupted

    /// What a failed run says: an `IndexError` as it is, a full disk (or a file size limit) as such.
    init(_ error: any Error, database: String) {
        switch error {
        case let error as IndexError: self = error
        case let error as XapianError: self = Self.noRoom(in: error.message, database: database) ?? .xapian(error)
        default:
            self = Self.noRoom(in: "\(error)", database: database)
                ?? .xapian(XapianError(kind: "Error", message: "\(error)"))
        }
    }

    /// The system's words for a full disk or a file over the size limit, found in `message`.
    private static func noRoom(in message: String, database: String) -> IndexError? {
        for code in [ENOSPC, EFBIG, EDQUOT] {
            let words = String(cString: strerror(code))
            if message.contains(words) { return .noRoom(database: database, reason: words.lowercased()) }
        }
        return nil
    }

    public var description: String {
        switch self {
        case .missingPath(let path): "\(FileName.shown(path)): no such file or folder"
        case .cannotCreate(let path, let why): "\(FileName.shown(path)): cannot create the index folder: \(why)"
        case .locked(let database, let detail):
            "\(FileName.shown(database)): another process is writing to this index (\(detail)); "
                + "try again when it has finished"
        case .readOnly(let database):
            "\(FileName.shown(database)): the index is on a read-only file system; it can be searched but not updated"
        case .noRoom(let database, let reason):
            "\(FileName.shown(database)): \(reason) while writing the index; "
                + "this run's changes were rolled back and the index is as it was"
        case .xapian(let error): "\(error)"
        case .stub(let path, let shards):
            "\(path): a stub listing \(shards) shard(s), which cannot be indexed into; index each shard's own "
                + "database (`modsearch index --db SHARD FOLDER`, on the machine that serves it)"
        case .interrupted: "interrupted; index unchanged"
        }
    }
}
