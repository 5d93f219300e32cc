internal import CXapianShim

/// Turns free text into terms (with positions) on a document.
///
/// Not thread-safe: use one per thread.
public final class TermGenerator {
    let handle: OpaquePointer
    private var keptDatabase: WritableDatabase?
    private var currentDocument: Document

    /// Option flags for indexing.
    public struct Flags: OptionSet, Sendable {
        public let rawValue: UInt32
        public init(rawValue: UInt32) { self.rawValue = rawValue }
        /// Add words to the spelling dictionary of the database (see `setDatabase`).
        public static let spelling = Flags(rawValue: UInt32(CX_TG_FLAG_SPELLING))
    }

    /// A term generator with no stemmer, writing to a new empty document.
    public init() {
        handle = mustMake { err in cx_termgenerator_new(err) }
        currentDocument = Document()
        let doc = currentDocument
        mustCheck { err in cx_termgenerator_set_document(handle, doc.handle, err) }
    }

    deinit { cx_termgenerator_free(handle) }

    /// Sets the stemmer by Snowball language name (`"english"`, `"en"`, …; `""` or `"none"`
    /// for none). Throws `InvalidArgumentError` for an unknown language.
    public func setStemmer(_ language: String) throws(XapianError) {
        try check { err in cx_termgenerator_set_stemmer(handle, language, err) }
    }

    /// How the stemmer is applied (default `.some`).
    public var stemmingStrategy: StemmingStrategy = .some {
        didSet {
            let value = stemmingStrategy.cValue
            mustCheck { err in cx_termgenerator_set_stemming_strategy(handle, value, err) }
        }
    }

    /// The document that `indexText` adds terms to; setting it resets the term position.
    public var document: Document {
        get { currentDocument }
        set {
            currentDocument = newValue
            mustCheck { err in cx_termgenerator_set_document(handle, newValue.handle, err) }
        }
    }

    /// Indexing flags (default none).
    public var flags: Flags = [] {
        didSet {
            let value = flags.rawValue
            mustCheck { err in cx_termgenerator_set_flags(handle, value, err) }
        }
    }

    /// The database that receives spelling data when `flags` contains `.spelling`. The term
    /// generator keeps it open (with its write lock) until it is itself released.
    public func setDatabase(_ database: WritableDatabase) throws(XapianError) {
        try check { err in cx_termgenerator_set_database(handle, database.handle, err) }
        keptDatabase = database
    }

    /// Indexes text with positions; terms get prefix (e.g. `"S"` for a title field).
    public func indexText(_ text: String, wdfIncrement: Int = 1, prefix: String = "") throws(XapianError) {
        try check { err in
            withBytes(text) { t, tn in
                withBytes(prefix) { p, pn in
                    cx_termgenerator_index_text(handle, t, tn, UInt32(clamping: wdfIncrement), p, pn, err)
                }
            }
        }
    }

    /// Indexes text without positions (phrase searches can't match it).
    public func indexTextWithoutPositions(_ text: String, wdfIncrement: Int = 1, prefix: String = "") throws(XapianError) {
        try check { err in
            withBytes(text) { t, tn in
                withBytes(prefix) { p, pn in
                    cx_termgenerator_index_text_without_positions(handle, t, tn, UInt32(clamping: wdfIncrement), p, pn, err)
                }
            }
        }
    }

    /// Moves the term position on, so phrases don't match across a boundary.
    public func increaseTermPosition(by delta: Int = 100) {
        let d = UInt32(clamping: delta)
        mustCheck { err in cx_termgenerator_increase_termpos(handle, d, err) }
    }

    /// The current term position.
    public var termPosition: Int {
        get {
            var pos: UInt32 = 0
            mustCheck { err in cx_termgenerator_get_termpos(handle, &pos, err) }
            return Int(pos)
        }
        set {
            let p = UInt32(clamping: newValue)
            mustCheck { err in cx_termgenerator_set_termpos(handle, p, err) }
        }
    }
}
