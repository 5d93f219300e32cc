internal import CXapianShim

/// A database opened for writing (one writer per database at a time); it can read too.
///
/// Not thread-safe: use from one thread at a time. Releasing the last reference
/// commits pending changes (outside a transaction), as Xapian's destructor does, or discards
/// them when the disk lacks room for their value slots (see `commit()`).
public final class WritableDatabase: Database {
    /// How to open the database.
    public enum OpenMode: Sendable {
        /// Open an existing database, or create it if missing.
        case createOrOpen
        /// Create a new database, replacing any existing one.
        case createOrOverwrite
        /// Open an existing database; fail if missing.
        case open

        var flag: Int32 {
            switch self {
            case .createOrOpen: Int32(CX_DB_CREATE_OR_OPEN)
            case .createOrOverwrite: Int32(CX_DB_CREATE_OR_OVERWRITE)
            case .open: Int32(CX_DB_OPEN)
            }
        }
    }

    /// Extra open flags (Xapian's `DB_*` flags).
    public struct Options: OptionSet, Sendable {
        public let rawValue: Int32
        public init(rawValue: Int32) { self.rawValue = rawValue }
        /// Don't fsync on commit (fast, unsafe on power loss).
        public static let noSync = Options(rawValue: Int32(CX_DB_NO_SYNC))
    }

    /// Opens (or creates) a database for writing; throws `DatabaseLockError` if another
    /// writer holds it.
    public init(path: String, mode: OpenMode = .createOrOpen, options: Options = []) throws(XapianError) {
        let handle = try make { err in cx_writable_database_open(path, mode.flag | options.rawValue, err) }
        super.init(handle: handle)
    }

    /// Runs body in a transaction: commits it if body returns, cancels it if body throws.
    /// `flushed` transactions commit atomically on their own.
    public func transaction<T>(flushed: Bool = true, _ body: () throws -> T) throws -> T {
        try check { err in cx_database_begin_transaction(handle, flushed ? 1 : 0, err) }
        let result: T
        do {
            result = try body()
        } catch {
            try? check { err in cx_database_cancel_transaction(handle, err) }
            throw error
        }
        try check { err in cx_database_commit_transaction(handle, err) }
        return result
    }

    /// Makes pending changes durable and visible to readers. Without room on the disk for the
    /// changes' value slots (Xapian 1.4 would abort writing them), it discards every change since
    /// the last commit and throws `DatabaseError` "… (No space left on device)"; a transaction's
    /// commit does the same.
    public func commit() throws(XapianError) {
        try check { err in cx_database_commit(handle, err) }
    }

    /// Replaces the document(s) indexed by uniqueTerm, or adds it; returns its id.
    @discardableResult
    public func replaceDocument(uniqueTerm: String, _ document: Document) throws(XapianError) -> DocID {
        var id: UInt32 = 0
        try check { err in
            withBytes(uniqueTerm) { t, tn in
                cx_database_replace_document_by_term(handle, t, tn, document.handle, &id, err)
            }
        }
        return id
    }

    /// Replaces (or sets) the document with this id.
    public func replaceDocument(_ id: DocID, with document: Document) throws(XapianError) {
        try check { err in cx_database_replace_document(handle, id, document.handle, err) }
    }

    /// Deletes every document indexed by uniqueTerm (none is not an error).
    public func deleteDocument(uniqueTerm: String) throws(XapianError) {
        try check { err in
            withBytes(uniqueTerm) { t, tn in cx_database_delete_document_by_term(handle, t, tn, err) }
        }
    }

    /// Sets a metadata value (`""` removes the key).
    public func setMetadata(_ key: String, to value: String) throws(XapianError) {
        try check { err in
            withBytes(key) { k, kn in
                withBytes(value) { v, vn in cx_database_set_metadata(handle, k, kn, v, vn, err) }
            }
        }
    }

    /// Adds word to the spelling dictionary (or raises its frequency).
    public func addSpelling(_ word: String, frequencyIncrement: Int = 1) throws(XapianError) {
        try check { err in
            withBytes(word) { w, wn in cx_database_add_spelling(handle, w, wn, UInt32(clamping: frequencyIncrement), err) }
        }
    }

    /// Lowers word's spelling frequency (removing it at zero).
    public func removeSpelling(_ word: String, frequencyDecrement: Int = 1) throws(XapianError) {
        try check { err in
            withBytes(word) { w, wn in cx_database_remove_spelling(handle, w, wn, UInt32(clamping: frequencyDecrement), err) }
        }
    }
}
