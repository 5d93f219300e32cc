internal import CXapianShim

/// The terms `WordIndexer.markPairs` adds, one for each two words seen side by side.
public enum PairTerms {
    /// The term of `first` then `second` (stems) at consecutive positions: `prefix` + one of 2^12
    /// buckets; nil when either is a function word, whose pairs are not indexed.
    public static func term(prefix: String, first: String, second: String) throws(XapianError) -> String? {
        let term = try fetchString { out, len, err in
            withBytes(prefix) { p, pn in
                withBytes(first) { f, fn in
                    withBytes(second) { s, sn in cx_pair_term(p, pn, f, fn, s, sn, out, len, err) }
                }
            }
        }
        return term.isEmpty ? nil : term
    }
}
