internal import CXapianShim

/// Parses user query strings into `Query` trees (Xapian's `QueryParser`).
///
/// Not thread-safe: use one per thread.
public final class QueryParser {
    let handle: OpaquePointer
    private var keptStopper: Stopper?

    /// Query syntax features to enable.
    public struct Flags: OptionSet, Sendable {
        public let rawValue: UInt32
        public init(rawValue: UInt32) { self.rawValue = rawValue }
        /// `AND`, `OR`, `NOT`, `XOR`, `NEAR`, parentheses.
        public static let boolean = Flags(rawValue: UInt32(CX_QP_FLAG_BOOLEAN))
        /// `"quoted phrases"` and hyphenated-words as phrases.
        public static let phrase = Flags(rawValue: UInt32(CX_QP_FLAG_PHRASE))
        /// `+required` and `-excluded` terms.
        public static let loveHate = Flags(rawValue: UInt32(CX_QP_FLAG_LOVEHATE))
        /// Boolean operators in any case (`and`, `or`).
        public static let booleanAnyCase = Flags(rawValue: UInt32(CX_QP_FLAG_BOOLEAN_ANY_CASE))
        /// Trailing `*` wildcards (needs a database).
        public static let wildcard = Flags(rawValue: UInt32(CX_QP_FLAG_WILDCARD))
        /// Queries that are only `NOT x`.
        public static let pureNot = Flags(rawValue: UInt32(CX_QP_FLAG_PURE_NOT))
        /// Treat the last word as a prefix (search-as-you-type; needs a database).
        public static let partial = Flags(rawValue: UInt32(CX_QP_FLAG_PARTIAL))
        /// Compute `correctedQueryString` from spelling data (needs a database).
        public static let spellingCorrection = Flags(rawValue: UInt32(CX_QP_FLAG_SPELLING_CORRECTION))
        /// `~term` expands to its synonyms.
        public static let synonym = Flags(rawValue: UInt32(CX_QP_FLAG_SYNONYM))
        /// Every term expands to its synonyms.
        public static let autoSynonyms = Flags(rawValue: UInt32(CX_QP_FLAG_AUTO_SYNONYMS))
        /// Multi-word synonym keys expand too (implies `.autoSynonyms`).
        public static let autoMultiwordSynonyms = Flags(rawValue: UInt32(CX_QP_FLAG_AUTO_MULTIWORD_SYNONYMS))
        /// CJK text as n-grams.
        public static let cjkNgram = Flags(rawValue: UInt32(CX_QP_FLAG_CJK_NGRAM))
        /// Xapian's default: `[.phrase, .boolean, .loveHate]`.
        public static let `default` = Flags(rawValue: UInt32(CX_QP_FLAG_DEFAULT))
    }

    /// A parser with no stemmer, default operator OR, no prefixes.
    public init() {
        handle = mustMake { err in cx_queryparser_new(err) }
    }

    deinit { cx_queryparser_free(handle) }

    /// Sets the stemmer by language name (`""`/`"none"` for none); unknown names throw.
    public func setStemmer(_ language: String) throws(XapianError) {
        try check { err in cx_queryparser_set_stemmer(handle, language, err) }
    }

    /// How the stemmer is applied (default `.some`); match the `TermGenerator`'s.
    public var stemmingStrategy: StemmingStrategy = .some {
        didSet {
            let value = stemmingStrategy.cValue
            mustCheck { err in cx_queryparser_set_stemming_strategy(handle, value, err) }
        }
    }

    /// Stopwords to drop from queries (nil for none).
    public var stopper: Stopper? {
        get { keptStopper }
        set {
            keptStopper = newValue
            mustCheck { err in cx_queryparser_set_stopper(handle, newValue?.handle, err) }
        }
    }

    /// Sets the database used for wildcards, partial terms, spelling and synonyms (the
    /// parser keeps it open while it lives).
    public func setDatabase(_ database: Database) {
        mustCheck { err in cx_queryparser_set_database(handle, database.handle, err) }
    }

    /// The operator between words with no explicit operator (`.or` by default; Xapian
    /// accepts `.and`, `.or`, `.near`, `.phrase`, `.eliteSet`, `.synonym`, `.max`).
    public func setDefaultOperator(_ op: QueryOperator) throws(XapianError) {
        try check { err in cx_queryparser_set_default_op(handle, op.cValue, err) }
    }

    /// Maps `field:words` to free-text terms with prefix (call again to add more prefixes).
    public func addPrefix(_ field: String, _ prefix: String) throws(XapianError) {
        try check { err in
            withBytes(field) { f, fn in
                withBytes(prefix) { p, pn in cx_queryparser_add_prefix(handle, f, fn, p, pn, err) }
            }
        }
    }

    /// Maps `field:value` to the filter term prefix+value. Filters in the same grouping
    /// (by default: the same field) are ORed, different groupings ANDed.
    public func addBooleanPrefix(_ field: String, _ prefix: String, grouping: String? = nil) throws(XapianError) {
        try check { err in
            withBytes(field) { f, fn in
                withBytes(prefix) { p, pn in
                    if let grouping {
                        withBytes(grouping) { g, gn in
                            cx_queryparser_add_boolean_prefix(handle, f, fn, p, pn, g, gn, err)
                        }
                    } else {
                        cx_queryparser_add_boolean_prefix(handle, f, fn, p, pn, nil, 0, err)
                    }
                }
            }
        }
    }

    /// Parses query; throws `QueryParserError` for syntax errors. defaultPrefix applies to
    /// words with no field.
    public func parseQuery(_ query: String, flags: Flags = .default, defaultPrefix: String = "") throws(XapianError) -> Query {
        let handle = try make { err in
            withBytes(query) { q, qn in
                withBytes(defaultPrefix) { p, pn in
                    cx_queryparser_parse_query(self.handle, q, qn, flags.rawValue, p, pn, err)
                }
            }
        }
        return Query(handle: handle)
    }

    /// The spelling-corrected query string from the last `parseQuery` with
    /// `.spellingCorrection`, or nil if nothing was corrected.
    public var correctedQueryString: String? {
        let s = mustSucceed { () throws(XapianError) in
            try fetchString { out, len, err in cx_queryparser_get_corrected_query_string(handle, out, len, err) }
        }
        return s.isEmpty ? nil : s
    }
}
