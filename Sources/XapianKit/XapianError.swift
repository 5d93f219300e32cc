/// An error thrown by Xapian (or by the C++ runtime underneath it).
///
/// `kind` is Xapian's error class name, e.g. `"DatabaseLockError"`,
/// `"QueryParserError"`, `"DatabaseNotFoundError"`, or `"std::exception"`,
/// `"std::bad_alloc"`, `"unknown"` for non-Xapian C++ exceptions.
public struct XapianError: Error, Equatable, Hashable, CustomStringConvertible {
    /// Xapian's class name for the error, e.g. `"DatabaseModifiedError"`.
    public let kind: String
    /// Xapian's message (with the OS error text in parentheses when there is one).
    public let message: String
    /// Where it happened, when Xapian says: `remote:tcp(10.0.0.5:7000)` for a remote shard,
    /// which is how a stub's error names the machine that failed; empty otherwise.
    public let context: String

    public init(kind: String, message: String, context: String = "") {
        self.kind = kind
        self.message = message
        self.context = context
    }

    /// `"kind: message"`, as Xapian's own `get_description()` prints it, then `" (context)"`.
    public var description: String { context.isEmpty ? "\(kind): \(message)" : "\(kind): \(message) (\(context))" }

    /// The database changed under a reader: `reopen()` and retry.
    public var isDatabaseModified: Bool { kind == "DatabaseModifiedError" }
    /// Another writer holds the database's write lock.
    public var isLockError: Bool { kind == "DatabaseLockError" }
    /// No database at the path, or no document with the docid.
    public var isNotFound: Bool { kind == "DatabaseNotFoundError" || kind == "DocNotFoundError" }
    /// The database could not be opened (any reason, including not found and locked).
    public var isDatabaseOpening: Bool {
        ["DatabaseOpeningError", "DatabaseNotFoundError", "DatabaseLockError",
         "DatabaseVersionError", "DatabaseCreateError"].contains(kind)
    }
    /// A remote shard could not be reached or timed out.
    public var isNetworkError: Bool { kind == "NetworkError" || kind == "NetworkTimeoutError" }
}
