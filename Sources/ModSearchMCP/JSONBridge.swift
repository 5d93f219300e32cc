import JSONText
import MCP

/// Results are written once, by the protocol's own JSON writers (the keys of docs/protocol.md):
/// that text is the tool's text content, and the same JSON read back is its structured content.
enum JSONBridge {
    /// The JSON `fill` writes, as text and as an MCP value.
    static func object(_ fill: (inout JSONWriter) -> Void) -> (text: String, value: Value) {
        var writer = JSONWriter()
        writer.beginObject()
        fill(&writer)
        writer.endObject()
        return converted(writer.bytes)
    }

    /// `result` as text and as an MCP value.
    static func object(_ result: some JSONWritable) -> (text: String, value: Value) {
        converted(result.jsonBytes)
    }

    private static func converted(_ bytes: [UInt8]) -> (text: String, value: Value) {
        // The writer's own output always reads back.
        let parsed = (try? JSONReader.parse(bytes)) ?? .null
        return (String(decoding: bytes, as: UTF8.self), value(parsed))
    }

    static func value(_ json: JSONValue) -> Value {
        switch json {
        case .string(let string): .string(string)
        case .int(let int): .int(int)
        case .double(let double): .double(double)
        case .bool(let bool): .bool(bool)
        case .null: .null
        case .array(let values): .array(values.map(value))
        case .object(let fields): .object(fields.mapValues(value))
        }
    }
}
