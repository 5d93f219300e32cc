import JSONText
/// Turns request lines into `Request`s and responses into lines, with errors that name the field.
public enum Codec {
    /// Decodes one request line (without its newline) and checks it against `Limits`.
    public static func decodeRequest(_ line: some Collection<UInt8>) throws(ProtocolError) -> Request {
        guard line.count <= Limits.maxLineBytes else {
            throw ProtocolError(.tooLarge, "request line is longer than \(Limits.maxLineBytes) bytes")
        }
        let json: JSONValue
        do {
            json = try JSONReader.parse(line)
        } catch {
            throw ProtocolError(.badRequest, "not valid JSON")
        }
        let request = try Request(JSONFields(json, code: .badRequest))
        try validate(request)
        return request
    }

    /// The `id` of a request line that failed to decode, when the line is a JSON object that has one.
    public static func requestID(in line: some Collection<UInt8>) -> RequestID? {
        guard let json = try? JSONReader.parse(line), let fields = try? JSONFields(json, code: .badRequest) else { return nil }
        return try? RequestID.read(fields)
    }

    /// Checks the fields the decoder cannot: version, ranges and sizes.
    public static func validate(_ request: Request) throws(ProtocolError) {
        if let version = request.v, version != 1 {
            throw ProtocolError(.badRequest, "field 'v': protocol version \(version) is not supported (this server speaks 1)")
        }
        if let limit = request.limit, !(0...Limits.maxLimit).contains(limit) {
            throw ProtocolError(.badRequest, "field 'limit': must be between 0 and \(Limits.maxLimit), got \(limit)")
        }
        if let offset = request.offset, !(0...Limits.maxOffset).contains(offset) {
            throw ProtocolError(.badRequest, "field 'offset': must be between 0 and \(Limits.maxOffset), got \(offset)")
        }
        if let query = request.query, query.utf8.count > Limits.maxQueryBytes {
            throw ProtocolError(.tooLarge, "field 'query': longer than \(Limits.maxQueryBytes) bytes")
        }
        if let cursor = request.cursor, cursor < 0 {
            throw ProtocolError(.badRequest, "field 'cursor': must be 0 or more, got \(cursor)")
        }
        if let db = request.db, !db.hasPrefix("/") {
            throw ProtocolError(.badRequest, "field 'db': must be an absolute path, got '\(db)'")
        }
        switch request.op {
        case .search, .matches, .explain:
            if request.query == nil {
                throw ProtocolError(.badRequest, "field 'query': required for op '\(request.op.rawValue)'")
            }
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
    public static func encode(_ request: Request) -> [UInt8] {
        var bytes = request.jsonBytes
        bytes.append(0x0A)
        return bytes
    }

    /// Decodes one response line (without its newline); a malformed one is an `internal` error.
    public static func decodeResponse(_ line: some Collection<UInt8>) throws(ProtocolError) -> Response {
        let json: JSONValue
        do {
            json = try JSONReader.parse(line)
        } catch {
            throw ProtocolError(.internalError, "the answer is not valid JSON (\(error.description))")
        }
        return try Response(JSONFields(json, code: .internalError))
    }
}
