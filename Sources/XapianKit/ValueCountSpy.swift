internal import CXapianShim

/// Counts the values in one slot over the documents a match looked at (facets).
///
/// Made by `Enquire.addValueCountSpy(slot:)`; read it after `Enquire.mset`. It sees only
/// the documents the matcher considered: pass `checkAtLeast:` ≥ the document count to
/// get exact counts. Not thread-safe.
public final class ValueCountSpy {
    let handle: OpaquePointer
    /// The value slot being counted.
    public let slot: ValueSlot

    init(slot: ValueSlot) {
        self.slot = slot
        handle = mustMake { err in cx_valuecountspy_new(slot, err) }
    }

    deinit { cx_valuecountspy_free(handle) }

    /// Number of documents the spy saw.
    public var total: Int {
        var n: UInt32 = 0
        mustCheck { err in cx_valuecountspy_get_total(handle, &n, err) }
        return Int(n)
    }

    /// Each value seen and its number of documents, most frequent first (ties by value).
    public var sortedCounts: [(value: String, count: Int)] {
        mustSucceed { () throws(XapianError) in
            try fetchList { out, err in cx_valuecountspy_values(handle, out, err) }
        }.map { (value: $0.string, count: Int($0.number)) }
    }

    /// Each value seen and its number of documents (documents with the slot empty are
    /// not counted).
    public var counts: [String: Int] {
        Dictionary(sortedCounts.map { ($0.value, $0.count) }, uniquingKeysWith: +)
    }
}
