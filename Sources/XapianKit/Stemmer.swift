internal import CXapianShim

/// A word stemmer (Xapian's `Stem`), e.g. to find which words of a text match a stemmed query term.
///
/// Not thread-safe: one per thread.
public final class Stemmer {
    let handle: OpaquePointer
    private var buffer = [UInt8](repeating: 0, count: 256)

    /// A stemmer for `language` ("english", …); throws `InvalidArgumentError` for an unknown language.
    public init(language: String) throws(XapianError) {
        handle = try make { err in cx_stem_new(language, err) }
    }

    deinit { cx_stem_free(handle) }

    /// The stem of a lower-case word given as UTF-8 bytes.
    public func stem(_ word: [UInt8]) -> String {
        var length = 0
        var err = cx_error()
        let status = word.withUnsafeBufferPointer { w in
            buffer.withUnsafeMutableBufferPointer { b in
                w.withMemoryRebound(to: CChar.self) { wc in
                    b.withMemoryRebound(to: CChar.self) { bc in
                        cx_stem_word(handle, wc.baseAddress, wc.count, bc.baseAddress, bc.count, &length, &err)
                    }
                }
            }
        }
        guard status == 0 else {
            cx_error_clear(&err)
            return String(decoding: word, as: UTF8.self)
        }
        if length > buffer.count {
            buffer = [UInt8](repeating: 0, count: length)
            return stem(word)
        }
        return String(decoding: buffer[0..<length], as: UTF8.self)
    }

    public func stem(_ word: String) -> String { stem(Array(word.utf8)) }
}
