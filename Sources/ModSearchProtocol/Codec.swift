import Foundation

/// Turns request lines into `Request`s and responses into lines, with errors that name the field.
public enum Codec {
    /// Decodes one request line (without its newline) and checks it against `Limits`.
    public static func decodeRequest(_ line: some Collection<UInt8>) throws(ProtocolError) -> Request {
        guard line.count <= Limits.maxLineBytes else {
            throw ProtocolError(.tooLarge, "request line is longer than \(Limits.maxLineBytes) bytes")
        }
        let request: Request
        do {
            request = try JSONDecoder().decode(Request.self, from: Data(line))
        } catch let error as DecodingError {
            throw ProtocolError(.badRequest, describe(error))
        } catch {
            throw ProtocolError(.badRequest, "not a JSON object: \(error)")
        }
        try validate(request)
        return request
    }

    /// The `id` of a request line that failed to decode, when the line is a JSON object that has one.
    public static func requestID(in line: some Collection<UInt8>) -> RequestID? {
        return (try? JSONDecoder().decode(IDOnly.self, from: Data(line)))?.id
    }

    /// Checks the fields the decoder cannot: version, ranges and sizes.
    public static func validate(_ request: Request) throws(ProtocolError) {
        if let version = request.v, version != 1 {
            throw ProtocolError(.badRequest, "field 'v': protocol version \(version) is not supported (this server speaks 1)")
        }
        if let limit = request.limit, !(0...Limits.maxLimit).contains(limit) {
            throw ProtocolError(.badRequest, "field 'limit': must be between 0 and \(Limits.maxLimit), got \(limit)")
        }
        if let offset = request.offset, offset < 0 {
            throw ProtocolError(.badRequest, "field 'offset': must not be negative, got \(offset)")
        }
        if let query = request.query, query.utf8.count > Limits.maxQueryBytes {
            throw ProtocolError(.tooLarge, "field 'query': longer than \(Limits.maxQueryBytes) bytes")
        }
        switch request.op {
        case .search:
            if request.query == nil { throw ProtocolError(.badRequest, "field 'query': required for op 'search'") }
        case .get, .related:
            if request.target?.isEmpty ?? true {
                throw ProtocolError(.badRequest, "field 'target': required for op '\(request.op.rawValue)'")
            }
        case .stats, .ping:
            break
        }
    }

    /// Encodes a response as one line, newline included.
    public static func encode(_ response: Response) -> [UInt8] {
        var bytes = response.jsonBytes
        bytes.append(0x0A)
        return bytes
    }

    /// Encodes a request as one line, newline included.
    public static func encode(_ request: Request) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(request)) + [0x0A]
    }

    public static func decodeResponse(_ line: some Collection<UInt8>) throws -> Response {
        try JSONDecoder().decode(Response.self, from: Data(line))
    }

    private static func describe(_ error: DecodingError) -> String {
        func field(_ path: [CodingKey]) -> String {
            path.isEmpty ? "request" : "field '" + path.map { $0.intValue.map(String.init) ?? $0.stringValue }
                .joined(separator: ".") + "'"
        }
        switch error {
        case .typeMismatch(let type, let context):
            return "\(field(context.codingPath)): expected \(typeName(type))"
        case .valueNotFound(let type, let context):
            return "\(field(context.codingPath)): expected \(typeName(type)), got null"
        case .keyNotFound(let key, _):
            return "field '\(key.stringValue)': required"
        case .dataCorrupted(let context):
            if context.codingPath.last?.stringValue == "op" {
                return "field 'op': must be one of \(Request.Operation.allCases.map(\.rawValue).joined(separator: ", "))"
            }
            if context.codingPath.last?.stringValue == "collapse" {
                return "field 'collapse': must be one of \(Collapse.allCases.map(\.rawValue).joined(separator: ", "))"
            }
            if context.codingPath.isEmpty { return "not valid JSON" }
            return "\(field(context.codingPath)): \(context.debugDescription)"
        @unknown default:
            return "malformed request"
        }
    }

    private static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is Int.Type: "an integer"
        case is String.Type: "a string"
        case is Bool.Type: "true or false"
        case is [String].Type: "an array of strings"
        default: "\(type)"
        }
    }
}

/// Just the `id` of a request, read from a line that failed to decode as a whole.
private struct IDOnly: Decodable {
    var id: RequestID?
}
