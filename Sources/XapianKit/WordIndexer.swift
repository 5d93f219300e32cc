internal import CXapianShim

/// The indexer's term generation: the terms, positions and spelling words of a `TermGenerator`
/// with `.allZ` stemming (no CJK n-grams, no stopper), for less work. The terms go into the
/// document without positions, which go into its position block (`positionBlock()`). The words
/// for the spelling data are counted, and added to a database by `addSpelling(to:)`, once per word.
///
/// Not thread-safe: use one per thread.
public final class WordIndexer {
    let handle: OpaquePointer
    private var currentDocument: Document

    /// A word indexer stemming by Snowball language name (`"english"`, `"en"`, …). Throws
    /// `InvalidArgumentError` for an unknown language, or none.
    public init(stemmer language: String) throws(XapianError) {
        handle = try make { err in cx_wordindexer_new(language, err) }
        currentDocument = Document()
        let doc = currentDocument
        mustCheck { err in cx_wordindexer_set_document(handle, doc.handle, err) }
    }

    deinit { cx_wordindexer_free(handle) }

    /// The document that `indexText` adds terms to; setting it resets the term position.
    public var document: Document {
        get { currentDocument }
        set {
            currentDocument = newValue
            mustCheck { err in cx_wordindexer_set_document(handle, newValue.handle, err) }
        }
    }

    /// Indexes text, its positions into the block; terms get prefix (e.g. `"S"` for a title field). With
    /// `spelling`, unprefixed words are counted for `addSpelling(to:)`.
    public func indexText(_ text: String, wdfIncrement: Int = 1, prefix: String = "",
                          spelling: Bool) throws(XapianError) {
        try check { err in
            withBytes(text) { t, tn in
                withBytes(prefix) { p, pn in
                    cx_wordindexer_index_text(handle, t, tn, UInt32(clamping: wdfIncrement), p, pn,
                                              spelling ? 1 : 0, err)
                }
            }
        }
    }

    /// Adds the words counted since the last call to the database's spelling data.
    public func addSpelling(to database: WritableDatabase) throws(XapianError) {
        try check { err in cx_wordindexer_add_spelling(handle, database.handle, err) }
    }

    /// From now on, also adds the boolean term `PairTerms.term(prefix:first:second:)` of each
    /// two unprefixed words indexed at consecutive positions (if it has one). Unprefixed words
    /// must then come in position order within a document: `indexText` throws
    /// `InvalidOperationError` for one at or before the last.
    public func markPairs(prefix: String) throws(XapianError) {
        try check { err in withBytes(prefix) { p, pn in cx_wordindexer_mark_pairs(handle, p, pn, err) } }
    }

    /// Adds a term at a position (with its wdf increment) to the document and its position block.
    public func addPosting(_ term: String, position: Int, wdfIncrement: Int = 1) throws(XapianError) {
        try check { err in
            withBytes(term) { t, tn in
                cx_wordindexer_add_posting(handle, t, tn, UInt32(clamping: position), UInt32(clamping: wdfIncrement), err)
            }
        }
    }

    /// The positions of the document's terms as one block, for a value slot (`PositionBlock`).
    public func positionBlock() throws(XapianError) -> [UInt8] {
        try fetchBytes { out, len, err in cx_wordindexer_position_block(handle, out, len, err) }
    }

    /// Moves the term position on, so phrases don't match across a boundary.
    public func increaseTermPosition(by delta: Int = 100) {
        termPosition += delta
    }

    /// The current term position.
    public var termPosition: Int {
        get { Int(cx_wordindexer_get_termpos(handle)) }
        set { cx_wordindexer_set_termpos(handle, UInt32(clamping: newValue)) }
    }
}
