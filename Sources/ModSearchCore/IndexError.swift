import XapianKit

/// Why indexing could not run at all (per-file problems are skips, not errors).
public enum IndexError: Error, CustomStringConvertible {
    case missingPath(String)
    case cannotCreate(String, String)
    case locked(database: String, detail: String)
    case xapian(XapianError)
    /// Stopped by a signal; the index is as it was before the run (or absent, as it was).
    case interrupted

    public var description: String {
        switch self {
        case .missingPath(let path): "\(path): no such file or folder"
        case .cannotCreate(let path, let why): "\(path): cannot create the index folder: \(why)"
        case .locked(let database, let detail):
            "\(database): another process is writing to this index (\(detail)); try again when it has finished"
        case .xapian(let error): "\(error)"
        case .interrupted: "interrupted; index unchanged"
        }
    }
}
