/// One response line: `{"id":…,"ok":true,"result":…}` or `{"id":…,"ok":false,"error":…}`.
/// Written by `JSONWritable` (Results+JSON.swift), read with `Decodable`.
public struct Response: Decodable, Sendable, Equatable {
    public var id: RequestID?
    public var ok: Bool
    public var result: Result?
    public var error: ErrorBody?

    public static func success(_ result: Result, id: RequestID?) -> Response {
        Response(id: id, ok: true, result: result, error: nil)
    }

    public static func failure(_ error: ProtocolError, id: RequestID?) -> Response {
        Response(id: id, ok: false, result: nil, error: ErrorBody(code: error.code, message: error.message))
    }

    /// The payload of a successful response; its shape depends on the operation.
    public enum Result: Decodable, Sendable, Equatable {
        case search(SearchResult)
        case passage(Hit)
        case related(RelatedResult)
        case stats(Stats)
        case pong(Pong)

        /// Decodes by shape: each result type has a key no other has.
        public init(from decoder: Decoder) throws {
            let keys = try decoder.container(keyedBy: AnyKey.self)
            if keys.contains(AnyKey("pong")) {
                self = .pong(try Pong(from: decoder))
            } else if keys.contains(AnyKey("modalities")) {
                self = .stats(try Stats(from: decoder))
            } else if keys.contains(AnyKey("target")) {
                self = .related(try RelatedResult(from: decoder))
            } else if keys.contains(AnyKey("hits")) {
                self = .search(try SearchResult(from: decoder))
            } else {
                self = .passage(try Hit(from: decoder))
            }
        }
    }

    public struct ErrorBody: Codable, Sendable, Equatable {
        public var code: ErrorCode
        public var message: String
    }
}

struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ string: String) { stringValue = string }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

public enum ErrorCode: String, Codable, Sendable {
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
