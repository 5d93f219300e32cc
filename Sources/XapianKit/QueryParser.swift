internal import CXapianShim

/// Parses user query strings into `Query` trees (Xapian's `QueryParser`).
///
/// Not thread-safe: use one per thread.
public final class QueryParser {
    let handle: OpaquePointer

    /// Query syntax features to enable.
    public struct Flags: OptionSet, Sendable {
        public let rawValue: UInt32
        public init(rawValue: UInt32) { self.rawValue = rawValue }
        /// Trailing `*` wildcards (needs a database).
        public static let wildcard = Flags(rawValue: UInt32(CX_QP_FLAG_WILDCARD))
        /// Queries that are only `NOT x`.
        public static let pureNot = Flags(rawValue: UInt32(CX_QP_FLAG_PURE_NOT))
        /// `~term` expands to its synonyms.
        public static let synonym = Flags(rawValue: UInt32(CX_QP_FLAG_SYNONYM))
        /// Xapian's default: boolean operators, `"quoted phrases"`, `+required` and `-excluded` terms.
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

    /// Sets the database used for wildcards and synonyms (the parser keeps it open while it lives).
    public func setDatabase(_ database: Database) {
        mustCheck { err in cx_queryparser_set_database(handle, database.handle, err) }
    }

    /// The operator between words with no explicit operator (`.or` by default; Xapian
    /// accepts `.and`, `.or`, `.near` and `.phrase`).
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
}
