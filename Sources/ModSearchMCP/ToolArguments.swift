import MCP
import ModSearchProtocol

/// A tool call's arguments, read as its input schema says; anything else is a one-line error
/// naming the argument, returned to the assistant as a tool error so that it can correct the call.
struct ToolArguments {
    let tool: String
    private let values: [String: Value]

    /// Refuses arguments the tool does not take, naming those it does.
    init(tool: Tool, _ values: [String: Value]) throws(ProtocolError) {
        self.tool = tool.name
        self.values = values
        let known = tool.inputSchema.objectValue?["properties"]?.objectValue?.keys.sorted() ?? []
        if let unknown = values.keys.sorted().first(where: { !known.contains($0) }) {
            let takes = known.isEmpty ? "takes no arguments" : "takes " + known.joined(separator: ", ")
            throw ProtocolError(.badRequest, "\(self.tool) has no argument '\(unknown)' (it \(takes))")
        }
    }

    func requiredString(_ name: String) throws(ProtocolError) -> String {
        guard let value = try string(name) else { throw ProtocolError(.badRequest, "\(tool) needs the argument '\(name)'") }
        return value
    }

    func string(_ name: String) throws(ProtocolError) -> String? {
        guard let value = given(name) else { return nil }
        guard let string = value.stringValue else { throw wrongType(name, "a string", value) }
        return string
    }

    /// An array of strings; absent is empty.
    func strings(_ name: String) throws(ProtocolError) -> [String] {
        guard let value = given(name) else { return [] }
        guard let array = value.arrayValue else { throw wrongType(name, "an array of strings", value) }
        var strings: [String] = []
        for element in array {
            guard let string = element.stringValue else { throw wrongType(name, "an array of strings", value) }
            strings.append(string)
        }
        return strings
    }

    /// A whole number in `range`; a number with a zero fraction (`5.0`) is read as one.
    func integer(_ name: String, in range: ClosedRange<Int>, default fallback: Int) throws(ProtocolError) -> Int {
        guard let value = given(name) else { return fallback }
        let number = value.intValue ?? value.doubleValue.flatMap { $0.rounded() == $0 && abs($0) < 1e15 ? Int($0) : nil }
        guard let number, range.contains(number) else {
            throw wrongType(name, "a whole number from \(range.lowerBound) to \(range.upperBound)", value)
        }
        return number
    }

    /// One of `choices`.
    func choice(_ name: String, among choices: [String]) throws(ProtocolError) -> String? {
        guard let value = given(name) else { return nil }
        guard let string = value.stringValue, choices.contains(string) else {
            throw wrongType(name, choices.map { "'\($0)'" }.joined(separator: " or "), value)
        }
        return string
    }

    /// An argument given as null counts as not given, as in the wire protocol.
    private func given(_ name: String) -> Value? {
        guard let value = values[name], !value.isNull else { return nil }
        return value
    }

    private func wrongType(_ name: String, _ expected: String, _ value: Value) -> ProtocolError {
        ProtocolError(.badRequest, "\(tool): argument '\(name)' must be \(expected); got \(Self.shown(value))")
    }

    /// A value as an error message shows it: short, strings quoted.
    private static func shown(_ value: Value) -> String {
        switch value {
        case .string(let string): "'" + (string.count > 40 ? string.prefix(40) + "…" : string) + "'"
        case .array: "an array"
        case .object: "an object"
        case .data: "data"
        default: value.description
        }
    }
}
