internal import CXapianShim

/// A Xapian database opened for reading (also the base of `WritableDatabase`).
///
/// Not thread-safe: use one instance from one thread at a time (one per thread is fine).
/// The class is public but not `open`: only `WritableDatabase` derives from it.
public class Database {
    let handle: OpaquePointer

    init(handle: OpaquePointer) {
        self.handle = handle
    }

    deinit { cx_database_free(handle) }

    /// Opens a database: a directory, a single-file database, or a stub file listing
    /// shards: `glass PATH`, `auto PATH`, `remote HOST:PORT` (served by `xapian-tcpsrv`;
    /// Xapian 1.4 has no `tcp` keyword), one per line.
    public convenience init(path: String) throws(XapianError) {
        let handle = try make { err in cx_database_open(path, err) }
        self.init(handle: handle)
    }

    /// Re-reads the latest committed revision; returns whether it may have changed.
    @discardableResult
    public func reopen() throws(XapianError) -> Bool {
        var changed: Int32 = 0
        try check { err in cx_database_reopen(handle, &changed, err) }
        return changed != 0
    }

    /// Closes the database; later calls throw `DatabaseClosedError`. A writer commits first.
    public func close() throws(XapianError) {
        try check { err in cx_database_close(handle, err) }
    }

    /// Number of documents.
    public var documentCount: Int {
        get throws(XapianError) {
            var n: UInt32 = 0
            try check { err in cx_database_get_doccount(handle, &n, err) }
            return Int(n)
        }
    }

    /// The revision of a single database (throws `InvalidOperationError` for several shards).
    public var revision: UInt64 {
        get throws(XapianError) {
            var n: UInt64 = 0
            try check { err in cx_database_get_revision(handle, &n, err) }
            return n
        }
    }

    /// Average document length (in terms).
    public var averageLength: Double {
        get throws(XapianError) {
            var n = 0.0
            try check { err in cx_database_get_avlength(handle, &n, err) }
            return n
        }
    }

    /// Length (number of terms, counting wdf) of one document.
    public func documentLength(_ id: DocID) throws(XapianError) -> Int {
        var n: UInt32 = 0
        try check { err in cx_database_get_doclength(handle, id, &n, err) }
        return Int(n)
    }

    /// The metadata value for key; `""` if unset.
    public func metadata(_ key: String) throws(XapianError) -> String {
        try fetchString { out, len, err in
            withBytes(key) { k, kn in cx_database_get_metadata(handle, k, kn, out, len, err) }
        }
    }

    /// Metadata keys starting with prefix, sorted.
    public func metadataKeys(prefix: String = "") throws(XapianError) -> [String] {
        try fetchList { out, err in
            withBytes(prefix) { p, pn in cx_database_metadata_keys(handle, p, pn, out, err) }
        }.map(\.string)
    }

    /// Whether any document is indexed by term.
    public func termExists(_ term: String) throws(XapianError) -> Bool {
        var exists: Int32 = 0
        try check { err in
            withBytes(term) { t, tn in cx_database_term_exists(handle, t, tn, &exists, err) }
        }
        return exists != 0
    }

    /// Number of documents indexed by term.
    public func termFrequency(_ term: String) throws(XapianError) -> Int {
        var n: UInt32 = 0
        try check { err in
            withBytes(term) { t, tn in cx_database_get_termfreq(handle, t, tn, &n, err) }
        }
        return Int(n)
    }

    /// The document with this id (throws `DocNotFoundError`).
    public func document(_ id: DocID) throws(XapianError) -> Document {
        Document(handle: try make { err in cx_database_get_document(handle, id, err) })
    }

    /// Ids of the documents indexed by term, ascending.
    public func postings(of term: String) throws(XapianError) -> [DocID] {
        var ids: UnsafeMutablePointer<UInt32>?
        var count = 0
        try check { err in
            withBytes(term) { t, tn in cx_database_postlist(handle, t, tn, &ids, &count, err) }
        }
        defer { cx_free(ids) }
        return Array(UnsafeBufferPointer(start: ids, count: count))
    }

    /// How often word was added to the spelling data (its occurrences, when the term generator
    /// adds spellings); 0 for a word never seen.
    public func spellingFrequency(of word: String) throws(XapianError) -> Int {
        var n: UInt32 = 0
        try check { err in
            withBytes(word) { w, wn in cx_database_get_spelling_frequency(handle, w, wn, &n, err) }
        }
        return Int(n)
    }

    /// Words of the spelling data starting with prefix, sorted, with their frequencies.
    public func spellingWords(prefix: String) throws(XapianError) -> [(word: String, frequency: Int)] {
        try fetchList { out, err in
            withBytes(prefix) { p, pn in cx_database_spellings(handle, p, pn, out, err) }
        }.map { ($0.string, Int($0.number)) }
    }

    /// Whether document id is indexed by term.
    public func hasPosting(_ term: String, in id: DocID) throws(XapianError) -> Bool {
        var found: Int32 = 0
        try check { err in
            withBytes(term) { t, tn in cx_database_has_posting(handle, t, tn, id, &found, err) }
        }
        return found != 0
    }

    /// Positions of term in document id, ascending; empty when the term has none there.
    public func positions(of term: String, in id: DocID) throws(XapianError) -> [UInt32] {
        var positions: UnsafeMutablePointer<UInt32>?
        var count = 0
        try check { err in
            withBytes(term) { t, tn in cx_database_positionlist(handle, id, t, tn, &positions, &count, err) }
        }
        defer { cx_free(positions) }
        return Array(UnsafeBufferPointer(start: positions, count: count))
    }

    /// The value in slot of a document that exists, as bytes; empty if unset (or if the id
    /// is no document's: ids come from matches and posting lists, so none is looked up twice).
    public func valueBytes(slot: ValueSlot, of id: DocID) throws(XapianError) -> [UInt8] {
        try fetchBytes { out, len, err in cx_database_get_value(handle, id, slot, out, len, err) }
    }

    /// The data of a document that exists (its id came from a match or a posting list), read
    /// without building a `Document`; a missing id reads as empty.
    public func dataBytes(of id: DocID) throws(XapianError) -> [UInt8] {
        try fetchBytes { out, len, err in cx_database_get_data(handle, id, out, len, err) }
    }

    /// Merges databases into a new one at destination, as `xapian-compact` does: documents are
    /// renumbered in source order, and clashing metadata keys keep the first source's value.
    public static func compact(_ sources: [String], into destination: String) throws(XapianError) {
        try check { err in
            withCStringArray(sources) { list, count in cx_compact(list, count, destination, err) }
        }
    }

    /// All terms starting with prefix, sorted.
    public func allTerms(prefix: String = "") throws(XapianError) -> [String] {
        try termFrequencies(prefix: prefix).map(\.term)
    }

    /// All terms starting with prefix, sorted, with how many documents hold each.
    public func termFrequencies(prefix: String) throws(XapianError) -> [(term: String, frequency: Int)] {
        try fetchList { out, err in
            withBytes(prefix) { p, pn in cx_database_allterms(handle, p, pn, out, err) }
        }.map { (term: $0.string, frequency: Int($0.number)) }
    }

    /// A spelling correction for word from the spelling data, or nil.
    public func spellingSuggestion(for word: String, maxEditDistance: Int = 2) throws(XapianError) -> String? {
        let suggestion = try fetchString { out, len, err in
            withBytes(word) { w, wn in
                cx_database_get_spelling_suggestion(handle, w, wn, UInt32(clamping: maxEditDistance), out, len, err)
            }
        }
        return suggestion.isEmpty ? nil : suggestion
    }
}
