internal import CXapianShim

/// A list of stopwords (Xapian's `SimpleStopper`), for a `TermGenerator` or `QueryParser`.
///
/// Not thread-safe. Whoever it is attached to keeps it alive.
public final class Stopper {
    let handle: OpaquePointer

    /// A stopper holding the given words (compared exactly, so give them lower case).
    public init(_ words: some Sequence<String>) {
        let list = Array(words)
        let lengths = list.map { $0.utf8.count }
        handle = mustMake { err in
            withCStringArray(list) { pointers, count in
                lengths.withUnsafeBufferPointer { lens in cx_stopper_new(pointers, lens.baseAddress, count, err) }
            }
        }
    }

    deinit { cx_stopper_free(handle) }

    /// Whether word is a stopword.
    public func contains(_ word: String) -> Bool {
        withBytes(word) { w, wn in cx_stopper_is_stopword(handle, w, wn) != 0 }
    }
}
