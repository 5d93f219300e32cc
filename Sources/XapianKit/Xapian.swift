internal import CXapianShim

/// A document id inside a database (1-based; 0 is never a valid id).
public typealias DocID = UInt32

/// A value slot number of a document.
public typealias ValueSlot = UInt32

/// Library-wide facts.
public enum Xapian {
    /// The version of the Xapian library linked in, e.g. `"1.4.22"`.
    public static var version: String { String(cString: cx_version_string()) }
}
