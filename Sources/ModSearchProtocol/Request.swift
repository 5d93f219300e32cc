/// One request line of wire protocol v1.
public struct Request: Sendable, Equatable {
    public enum Operation: String, Sendable, CaseIterable {
        case search, matches, related, get, stats, ping, explain
    }

    /// Protocol version; absent means 1.
    public var v: Int?
    /// Echoed back unchanged in the response.
    public var id: RequestID?
    public var op: Operation
    public var query: String?
    public var limit: Int?
    public var offset: Int?
    /// Modality ids to keep (`MOD032`), any case.
    public var modality: [String]?
    /// Sections to keep, by slug, alias or heading.
    public var section: [String]?
    /// `modality` or `section`: the best passage per group.
    public var collapse: Collapse?
    public var facets: Bool?
    /// For `get` and `related`: a passage id (`mod032/definition/1`) or a modality id (`MOD032`).
    public var target: String?
    /// The index the request is for, as an absolute path; absent means the daemon's own (`--db`).
    public var db: String?
    /// For `matches`: sections of the match list already read (the previous answer's `next`).
    public var cursor: Int?
    /// For `search` and `matches`: the words as typed only, with no rewrite of any kind.
    public var exact: Bool?

    public init(op: Operation, id: RequestID? = nil, query: String? = nil, limit: Int? = nil, offset: Int? = nil,
                modality: [String]? = nil, section: [String]? = nil, collapse: Collapse? = nil,
                facets: Bool? = nil, target: String? = nil, db: String? = nil, cursor: Int? = nil,
                exact: Bool? = nil) {
        self.v = 1
        self.op = op
        self.id = id
        self.query = query
        self.limit = limit
        self.offset = offset
        self.modality = modality
        self.section = section
        self.collapse = collapse
        self.facets = facets
        self.target = target
        self.db = db
        self.cursor = cursor
        self.exact = exact
    }
}

public enum Collapse: String, Sendable, CaseIterable {
    case modality, section
}

/// A request id as the client sent it: a number or a string.
public enum RequestID: Sendable, Hashable {
    case number(Int)
    case string(String)
}

/// Limits every server enforces; clients may use them to fail early.
public enum Limits {
    /// Longest request or response line, newline excluded.
    public static let maxLineBytes = 64 * 1024
    public static let maxLimit = 1000
    /// Deeper pages than this are refused: nobody reads them, and each costs a longer scan.
    public static let maxOffset = 100_000
    public static let maxQueryBytes = 4 * 1024
    public static let defaultLimit = 10
}

/// The version every program of the project reports (`--version`, `ping`).
public enum ModSearchVersion {
    public static let string = "0.1.0"
}
