internal import CXapianShim

/// A Xapian document: data, terms (with positions) and value slots.
///
/// Not thread-safe. Copies of a document share storage inside Xapian: a document
/// given to a `TermGenerator` sees the terms it indexes.
public final class Document {
    let handle: OpaquePointer

    init(handle: OpaquePointer) {
        self.handle = handle
    }

    deinit { cx_document_free(handle) }

    /// A new, empty document.
    public convenience init() {
        self.init(handle: mustMake { err in cx_document_new(err) })
    }

    /// The document data as raw bytes.
    public func dataBytes() throws(XapianError) -> [UInt8] {
        try fetchBytes { out, len, err in cx_document_get_data(handle, out, len, err) }
    }

    /// Sets the document data from raw bytes.
    public func setData(bytes: [UInt8]) throws(XapianError) {
        try check { err in withBytes(bytes) { p, n in cx_document_set_data(handle, p, n, err) } }
    }

    /// Adds a filter term: no position, wdf 0 (no effect on weights).
    public func addBooleanTerm(_ term: String) throws(XapianError) {
        try check { err in withBytes(term) { t, tn in cx_document_add_boolean_term(handle, t, tn, err) } }
    }

    /// Adds an occurrence of term at position (positions start at 1).
    public func addPosting(_ term: String, position: Int, wdfIncrement: Int = 1) throws(XapianError) {
        try check { err in
            withBytes(term) { t, tn in
                cx_document_add_posting(handle, t, tn, UInt32(clamping: position), UInt32(clamping: wdfIncrement), err)
            }
        }
    }

    /// Removes a term and its positions; `InvalidArgumentError` if the document lacks it.
    public func removeTerm(_ term: String) throws(XapianError) {
        try check { err in withBytes(term) { cx_document_remove_term(handle, $0, $1, err) } }
    }

    /// Sets value slot to text (`""` clears it).
    public func setValue(_ value: String, slot: ValueSlot) throws(XapianError) {
        try check { err in withBytes(value) { v, vn in cx_document_set_value(handle, slot, v, vn, err) } }
    }

    /// Sets value slot to raw bytes.
    public func setValue(bytes: [UInt8], slot: ValueSlot) throws(XapianError) {
        try check { err in withBytes(bytes) { v, vn in cx_document_set_value(handle, slot, v, vn, err) } }
    }

    /// The value in slot as text; `""` if unset.
    public func value(slot: ValueSlot) throws(XapianError) -> String {
        try fetchString { out, len, err in cx_document_get_value(handle, slot, out, len, err) }
    }

    /// The document's terms, sorted, with their within-document frequencies.
    public func terms() throws(XapianError) -> [(term: String, wdf: Int)] {
        try fetchList { out, err in cx_document_termlist(handle, out, err) }
            .map { (term: $0.string, wdf: Int($0.number)) }
    }

    /// Marks where words weigh most: for each term that is `prefix` + a word (not a field's
    /// prefix + a word) with a wdf of at least `minimum`, adds the boolean term `tierPrefix` +
    /// word + `:` + its wdf.
    public func addWDFTiers(ofTermsPrefixed prefix: String, as tierPrefix: String, from minimum: Int) throws(XapianError) {
        try check { err in
            withBytes(prefix) { p, pn in
                withBytes(tierPrefix) { t, tn in
                    cx_document_add_wdf_tiers(handle, p, pn, t, tn, UInt32(clamping: minimum), err)
                }
            }
        }
    }
}
