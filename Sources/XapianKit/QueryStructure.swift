internal import CXapianShim

/// What a query node is: an operator over subqueries, or a leaf.
public enum QueryNodeKind: Sendable, Equatable {
    case and, or, andNot, xor, andMaybe, filter, near, phrase, eliteSet, synonym, max
    case valueRange, scaleWeight, wildcard
    case term, postingSource, matchAll, matchNothing

    init(cValue: Int32) {
        switch Int(cValue) {
        case Int(CX_OP_AND): self = .and
        case Int(CX_OP_OR): self = .or
        case Int(CX_OP_AND_NOT): self = .andNot
        case Int(CX_OP_XOR): self = .xor
        case Int(CX_OP_AND_MAYBE): self = .andMaybe
        case Int(CX_OP_FILTER): self = .filter
        case Int(CX_OP_NEAR): self = .near
        case Int(CX_OP_PHRASE): self = .phrase
        case Int(CX_OP_VALUE_RANGE), Int(CX_OP_VALUE_GE), Int(CX_OP_VALUE_LE): self = .valueRange
        case Int(CX_OP_SCALE_WEIGHT): self = .scaleWeight
        case Int(CX_OP_ELITE_SET): self = .eliteSet
        case Int(CX_OP_SYNONYM): self = .synonym
        case Int(CX_OP_MAX): self = .max
        case Int(CX_OP_WILDCARD): self = .wildcard
        case Int(CX_QUERY_LEAF_TERM): self = .term
        case Int(CX_QUERY_LEAF_POSTING_SOURCE): self = .postingSource
        case Int(CX_QUERY_LEAF_MATCH_ALL): self = .matchAll
        default: self = .matchNothing
        }
    }
}

extension Query {
    /// The kind of the top node.
    public var kind: QueryNodeKind { QueryNodeKind(cValue: cx_query_get_type(handle)) }

    /// The subqueries of an operator node (none for a leaf).
    public var subqueries: [Query] {
        (0..<cx_query_num_subqueries(handle)).map { i in
            Query(handle: mustMake { err in cx_query_get_subquery(handle, i, err) })
        }
    }

    /// The term of a `.term` leaf; nil for any other node.
    public var leafTerm: String? {
        guard kind == .term else { return nil }
        return mustSucceed { () throws(XapianError) in
            try fetchString { out, len, err in cx_query_leaf_term(handle, out, len, err) }
        }
    }
}
