import JSONText
// Requests and responses read from `JSONValue`s: the protocol's reading side, without
// Foundation's JSONDecoder, so that the client starts fast and the daemon reads requests cheaply.

/// The fields of one JSON object, read with errors that name the field.
struct JSONFields {
    let fields: [String: JSONValue]
    /// The code of every error: `bad_request` for what clients send, `internal` for what daemons answer.
    let code: ErrorCode
    /// Where this object sits (`hits.0.`), for error messages.
    let path: String

    init(_ value: JSONValue, code: ErrorCode, path: String = "") throws(ProtocolError) {
        guard case .object(let fields) = value else {
            throw ProtocolError(code, path.isEmpty ? "expected a JSON object" : "field '\(path.dropLast())': expected an object")
        }
        self.fields = fields
        self.code = code
        self.path = path
    }

    func error(_ key: String, _ problem: String) -> ProtocolError {
        ProtocolError(code, "field '\(path)\(key)': \(problem)")
    }

    /// The value under `key` converted by `read`, nil when absent or null: clients
    /// may write an unset optional field either way.
    func optional<T>(_ key: String, _ expected: String, _ read: (JSONValue) -> T?) throws(ProtocolError) -> T? {
        guard let value = fields[key], !value.isNull else { return nil }
        guard let converted = read(value) else { throw error(key, "expected \(expected)") }
        return converted
    }

    func required<T>(_ key: String, _ expected: String, _ read: (JSONValue) -> T?) throws(ProtocolError) -> T {
        guard let value = fields[key] else { throw error(key, "required") }
        guard let converted = read(value) else {
            throw error(key, value.isNull ? "expected \(expected), got null" : "expected \(expected)")
        }
        return converted
    }

    func string(_ key: String) throws(ProtocolError) -> String { try required(key, "a string", \.string) }
    func int(_ key: String) throws(ProtocolError) -> Int { try required(key, "an integer", \.int) }
    func optionalString(_ key: String) throws(ProtocolError) -> String? { try optional(key, "a string", \.string) }
    func optionalInt(_ key: String) throws(ProtocolError) -> Int? { try optional(key, "an integer", \.int) }

    func optionalStrings(_ key: String) throws(ProtocolError) -> [String]? {
        guard let items = try optional(key, "an array of strings", \.array) else { return nil }
        var strings: [String] = []
        strings.reserveCapacity(items.count)
        for (index, item) in items.enumerated() {
            guard let string = item.string else { throw error("\(key).\(index)", "expected a string") }
            strings.append(string)
        }
        return strings
    }

    /// A string that must be one of an enumeration's raw values.
    func optionalCase<T: RawRepresentable & CaseIterable>(_ key: String, _: T.Type) throws(ProtocolError) -> T?
    where T.RawValue == String {
        guard let raw = try optionalString(key) else { return nil }
        guard let value = T(rawValue: raw) else {
            throw error(key, "must be one of " + T.allCases.map(\.rawValue).joined(separator: ", "))
        }
        return value
    }

    /// The objects of an array under `key`, each read by `read`.
    func objects<T>(_ key: String, _ read: (JSONFields) throws(ProtocolError) -> T) throws(ProtocolError) -> [T] {
        let items = try required(key, "an array", \.array)
        var values: [T] = []
        values.reserveCapacity(items.count)
        for (index, item) in items.enumerated() {
            values.append(try read(JSONFields(item, code: code, path: "\(path)\(key).\(index).")))
        }
        return values
    }

    func object(_ key: String) throws(ProtocolError) -> JSONFields {
        try JSONFields(fields[key] ?? .null, code: code, path: "\(path)\(key).")
    }
}

extension RequestID {
    /// An integer or a string, echoed as it came; anything else is refused.
    static func read(_ fields: JSONFields) throws(ProtocolError) -> RequestID? {
        guard let value = fields.fields["id"], !value.isNull else { return nil }
        if let number = value.int { return .number(number) }
        if let string = value.string { return .string(string) }
        throw fields.error("id", "expected a string")
    }
}

extension Request {
    init(_ fields: JSONFields) throws(ProtocolError) {
        guard let opValue = fields.fields["op"] else { throw fields.error("op", "required") }
        guard let opName = opValue.string else {
            throw fields.error("op", opValue.isNull ? "expected a string, got null" : "expected a string")
        }
        guard let op = Operation(rawValue: opName) else {
            throw fields.error("op", "must be one of " + Operation.allCases.map(\.rawValue).joined(separator: ", "))
        }
        self.init(op: op, id: try RequestID.read(fields), query: try fields.optionalString("query"),
                  limit: try fields.optionalInt("limit"), offset: try fields.optionalInt("offset"),
                  modality: try fields.optionalStrings("modality"), section: try fields.optionalStrings("section"),
                  collapse: try fields.optionalCase("collapse", Collapse.self),
                  facets: try fields.optional("facets", "true or false", \.bool),
                  target: try fields.optionalString("target"), db: try fields.optionalString("db"),
                  cursor: try fields.optionalInt("cursor"), exact: try fields.optional("exact", "true or false", \.bool))
        v = try fields.optionalInt("v")
    }
}

extension Passage {
    init(_ fields: JSONFields) throws(ProtocolError) {
        self.init(id: try fields.string("id"), modality: try fields.string("modality"), title: try fields.string("title"),
                  section: try fields.string("section"), heading: try fields.string("heading"),
                  subheading: try fields.optionalString("subheading"), ordinal: try fields.int("ordinal"),
                  source: try fields.string("source"), line: try fields.int("line"), text: try fields.string("text"))
    }
}

extension Hit {
    init(_ fields: JSONFields) throws(ProtocolError) {
        let spans = try fields.required("highlights", "an array of [start, end] pairs") { value -> [[Int]]? in
            var spans: [[Int]] = []
            for span in value.array ?? [] {
                guard let offsets = span.array?.compactMap(\.int), offsets.count == span.array?.count else { return nil }
                spans.append(offsets)
            }
            return value.array == nil ? nil : spans
        }
        self.init(rank: try fields.optionalInt("rank"), score: try fields.optional("score", "a number", \.double),
                  percent: try fields.optionalInt("percent"), passage: try Passage(fields),
                  snippet: try fields.string("snippet"), highlights: spans, collapsed: try fields.optionalInt("collapsed"),
                  partial: try fields.optional("partial", "true or false", \.bool) ?? false)
    }
}

extension Total {
    init(_ fields: JSONFields) throws(ProtocolError) {
        self.init(estimate: try fields.int("estimate"), lower: try fields.int("lower"), upper: try fields.int("upper"))
    }
}

extension Facets {
    init(_ fields: JSONFields) throws(ProtocolError) {
        func counts(_ key: String) throws(ProtocolError) -> [String: Int] {
            let object = try fields.object(key)
            var counts: [String: Int] = [:]
            for (value, count) in object.fields {
                guard let count = count.int else { throw object.error(value, "expected an integer") }
                counts[value] = count
            }
            return counts
        }
        self.init(modality: try counts("modality"), section: try counts("section"))
    }
}

extension JSONFields {
    /// `rewrites` (none when absent) and `searched_as_typed` (nil when absent: a daemon older than both).
    func rewrites() throws(ProtocolError) -> (list: [Rewrite], searchedAsTyped: Bool?) {
        let list = fields["rewrites", default: .null].isNull ? [] : try objects("rewrites") { fields throws(ProtocolError) in
            Rewrite(Rewrite.Kind(rawValue: try fields.string("kind")), from: try fields.string("from"),
                    to: try fields.optionalString("to"))
        }
        return (list, try optional("searched_as_typed", "true or false", \.bool))
    }
}

extension SearchResult {
    init(_ fields: JSONFields) throws(ProtocolError) {
        let corrected = try fields.optionalString("corrected")
        let rewrites = try fields.rewrites()
        self.init(total: try Total(fields.object("total")), corrected: corrected,
                  suggestion: try fields.optionalString("suggestion"), rewrites: rewrites.list,
                  searchedAsTyped: rewrites.searchedAsTyped ?? (corrected == nil), tookMicroseconds: try fields.int("took_us"),
                  hits: try fields.objects("hits", Hit.init),
                  facets: fields.fields["facets", default: .null].isNull ? nil : try Facets(fields.object("facets")))
    }
}

extension RelatedResult {
    init(_ fields: JSONFields) throws(ProtocolError) {
        self.init(target: try fields.string("target"), hits: try fields.objects("hits", Hit.init),
                  references: try fields.optionalStrings("references"),
                  referencedBy: try fields.optionalStrings("referenced_by"), tookMicroseconds: try fields.int("took_us"))
    }
}

extension Stats {
    init(_ fields: JSONFields) throws(ProtocolError) {
        self.init(documents: try fields.int("documents"), passages: try fields.int("passages"),
                  modalities: try fields.int("modalities"), revision: try fields.int("revision"),
                  database: try fields.string("database"), uptimeSeconds: try fields.optional("uptime_s", "a number", \.double),
                  requests: try fields.optionalInt("requests"), served: try fields.optionalStrings("served"),
                  shards: fields.fields["shards", default: .null].isNull ? nil : try fields.objects("shards", Shard.init))
    }
}

extension Stats.Shard {
    init(_ fields: JSONFields) throws(ProtocolError) {
        self.init(shard: try fields.string("shard"), documents: try fields.int("documents"),
                  passages: try fields.int("passages"), revision: try fields.optionalInt("revision"))
    }
}

extension Pong {
    init(_ fields: JSONFields) throws(ProtocolError) {
        self.init(version: try fields.string("version"), pid: try fields.int("pid"))
        pong = try fields.required("pong", "true or false", \.bool)
    }
}

extension Response.Result {
    /// Reads by shape: each result type has a key no other has.
    init(_ fields: JSONFields) throws(ProtocolError) {
        let keys = fields.fields
        if keys["pong"] != nil {
            self = .pong(try Pong(fields))
        } else if keys["matches"] != nil {
            self = .matches(try MatchesResult(fields))
        } else if keys["modalities"] != nil {
            self = .stats(try Stats(fields))
        } else if keys["target"] != nil {
            self = .related(try RelatedResult(fields))
        } else if keys["query"] != nil {
            self = .explain(try ExplainResult(fields))
        } else if keys["hits"] != nil {
            self = .search(try SearchResult(fields))
        } else {
            self = .passage(try Passage(fields))
        }
    }
}

extension Response {
    init(_ fields: JSONFields) throws(ProtocolError) {
        var error: ErrorBody?
        if let body = fields.fields["error"], !body.isNull {
            let object = try fields.object("error")
            let name = try object.string("code")
            guard let code = ErrorCode(rawValue: name) else { throw object.error("code", "unknown error code '\(name)'") }
            error = ErrorBody(code: code, message: try object.string("message"))
        }
        let result = fields.fields["result", default: .null].isNull ? nil : try Result(fields.object("result"))
        self.init(id: try RequestID.read(fields), db: try fields.optionalString("db"),
                  ok: try fields.required("ok", "true or false", \.bool), result: result, error: error)
    }
}
