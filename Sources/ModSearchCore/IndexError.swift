import XapianKit

/// Why indexing could not run at all (per-file problems are skips, not errors).
public enum IndexError: Error, CustomStringConvertible {
    case missingPath(String)
    case cannotCreate(String, String)
    case locked(database: String, detail: String)
    case xapian(XapianError)
    /// The path is a stub listing shards, which Xapian opens read-only (remote ones always).
    case stub(String, shards: Int)
    /// Stopped by a signal; the index is as it was before the run (or absent, as it was).
    case interrupted

    public var description: String {
        switch self {
        case .missingPath(let path): "\(path): no such file or folder"
        case .cannotCreate(let path, let why): "\(path): cannot create the index folder: \(why)"
        case .locked(let database, let detail):
            "\(database): another process is writing to this index (\(detail)); try again when it has finished"
        case .xapian(let error): "\(error)"
        case .stub(let path, let shards):
            "\(path): a stub listing \(shards) shard(s), which cannot be indexed into; index each shard's own "
                + "database (`modsearch index --db SHARD FOLDER`, on the machine that serves it)"
        case .interrupted: "interrupted; index unchanged"
        }
    }
}
