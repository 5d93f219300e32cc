import JSONText
/// One response line: `{"id":…,"ok":true,"result":…}` or `{"id":…,"ok":false,"error":…}`.
/// Written by `JSONWritable` (Results+JSON.swift), read from `JSONValue`s (JSONDecoding.swift).
public struct Response: Sendable, Equatable {
    public var id: RequestID?
    /// The index a successful answer comes from: the request's `db`, echoed. A daemon that
    /// predates `db` answers from its own index and echoes nothing, which the client refuses.
    public var db: String?
    public var ok: Bool
    public var result: Result?
    public var error: ErrorBody?

    public init(id: RequestID?, db: String? = nil, ok: Bool, result: Result?, error: ErrorBody?) {
        self.id = id
        self.db = db
        self.ok = ok
        self.result = result
        self.error = error
    }

    public static func success(_ result: Result, id: RequestID?, db: String? = nil) -> Response {
        Response(id: id, db: db, ok: true, result: result, error: nil)
    }

    public static func failure(_ error: ProtocolError, id: RequestID?) -> Response {
        Response(id: id, ok: false, result: nil, error: ErrorBody(code: error.code, message: error.message))
    }

    /// The payload of a successful response; its shape depends on the operation.
    public enum Result: Sendable, Equatable {
        case search(SearchResult)
        /// Every match in index order, a batch at a time (`matches`).
        case matches(MatchesResult)
        case passage(Passage)
        case related(RelatedResult)
        case stats(Stats)
        case pong(Pong)
        /// A search with its query and scores explained (`explain`).
        case explain(ExplainResult)
    }

    public struct ErrorBody: Sendable, Equatable {
        public var code: ErrorCode
        public var message: String
    }
}

public enum ErrorCode: String, Sendable {
    case badRequest = "bad_request"
    case badQuery = "bad_query"
    case tooLarge = "too_large"
    case notFound = "not_found"
    case unavailable
    /// The request did not finish within the server's deadline.
    case timeout
    /// The connection is not allowed (another user's uid).
    case forbidden
    case internalError = "internal"
}

/// An error a server reports with a code clients can act on.
public struct ProtocolError: Error, Sendable, Equatable, CustomStringConvertible {
    public var code: ErrorCode
    public var message: String

    public init(_ code: ErrorCode, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code.rawValue): \(message)" }
}
