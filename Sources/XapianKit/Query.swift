internal import CXapianShim

/// Operators for combining queries (Xapian's `Query::op`).
public enum QueryOperator: Sendable {
    /// Both (all) subqueries match.
    case and
    /// Any subquery matches.
    case or
    /// The first matches and none of the others.
    case andNot
    /// An odd number of subqueries match.
    case xor
    /// The first matches; the others only add weight.
    case andMaybe
    /// Like `.and`, but only the first subquery contributes weight.
    case filter
    /// Terms within a window of positions, in any order (parameter: window).
    case near
    /// Terms at consecutive positions in order (parameter: window, 0 = number of terms).
    case phrase

    var cValue: Int32 {
        switch self {
        case .and: Int32(CX_OP_AND)
        case .or: Int32(CX_OP_OR)
        case .andNot: Int32(CX_OP_AND_NOT)
        case .xor: Int32(CX_OP_XOR)
        case .andMaybe: Int32(CX_OP_AND_MAYBE)
        case .filter: Int32(CX_OP_FILTER)
        case .near: Int32(CX_OP_NEAR)
        case .phrase: Int32(CX_OP_PHRASE)
        }
    }
}

/// An immutable Xapian query tree, built here or by `QueryParser`.
///
/// Not thread-safe (Xapian's reference counts are not atomic): keep a query on one thread.
public final class Query: CustomStringConvertible {
    let handle: OpaquePointer

    init(handle: OpaquePointer) {
        self.handle = handle
    }

    deinit { cx_query_free(handle) }

    /// A single term; position (1-based) matters only inside phrase/near queries.
    public convenience init(term: String, wqf: Int = 1, position: Int = 0) {
        self.init(handle: mustMake { err in
            withBytes(term) { t, tn in
                cx_query_new_term(t, tn, UInt32(clamping: wqf), UInt32(clamping: position), err)
            }
        })
    }

    /// Combines subqueries with op; parameter is the window for `.near`/`.phrase` (0 = default).
    public convenience init(_ op: QueryOperator, _ subqueries: [Query], parameter: Int = 0) throws(XapianError) {
        let handles: [OpaquePointer?] = subqueries.map(\.handle)
        let handle = try withExtendedLifetime(subqueries) { () throws(XapianError) -> OpaquePointer in
            try make { err in
                handles.withUnsafeBufferPointer { list in
                    cx_query_new_combine(op.cValue, list.baseAddress, list.count, UInt32(clamping: parameter), err)
                }
            }
        }
        self.init(handle: handle)
    }

    /// Matches every term starting with pattern (Xapian's `OP_WILDCARD`).
    public convenience init(wildcard pattern: String) throws(XapianError) {
        let handle = try make { err in withBytes(pattern) { p, pn in cx_query_new_wildcard(p, pn, err) } }
        self.init(handle: handle)
    }

    /// Matches every document.
    public static var matchAll: Query { Query(handle: mustMake { err in cx_query_new_match_all(err) }) }

    /// Matches no document (the empty query).
    public static var matchNothing: Query { Query(handle: mustMake { err in cx_query_new_match_nothing(err) }) }

    /// This query with its weights multiplied by factor (≥ 0; 0 makes it a pure filter).
    public func scaled(by factor: Double) throws(XapianError) -> Query {
        Query(handle: try make { err in cx_query_new_scale_weight(handle, factor, err) })
    }

    /// Xapian's description, e.g. `Query((Zself@1 OR criticism@2))`.
    public var description: String {
        mustSucceed { () throws(XapianError) in
            try fetchString { out, len, err in cx_query_get_description(handle, out, len, err) }
        }
    }
}
