/// Reads JSON into `JSONValue`s without Foundation: the client decodes every response with it
/// (Foundation's JSONDecoder would cost the client its start-up time), the daemon every request,
/// and the searcher the stored section of each hit.
public enum JSONValue: Equatable, Sendable {
    case string(String)
    /// A number written without fraction or exponent that fits in an `Int`.
    case int(Int)
    case double(Double)
    case bool(Bool)
    case null
    case array([JSONValue])
    case object([String: JSONValue])

    public var string: String? { if case .string(let value) = self { value } else { nil } }
    public var int: Int? { if case .int(let value) = self { value } else { nil } }
    public var bool: Bool? { if case .bool(let value) = self { value } else { nil } }
    public var array: [JSONValue]? { if case .array(let value) = self { value } else { nil } }
    public var object: [String: JSONValue]? { if case .object(let value) = self { value } else { nil } }

    /// Any number as a `Double` (integers included, as JSON does not tell them apart).
    public var double: Double? {
        switch self {
        case .double(let value): value
        case .int(let value): Double(value)
        default: nil
        }
    }

    public var isNull: Bool { self == .null }
}

public enum JSONReader {
    public struct Malformed: Error, CustomStringConvertible {
        public let offset: Int
        public var description: String { "malformed JSON at byte \(offset)" }
    }

    /// Deeper nesting is refused rather than risking the stack on hostile input.
    static let maxDepth = 64

    /// Parses one JSON text; only white space may follow the value.
    public static func parse(_ bytes: some Collection<UInt8>) throws(Malformed) -> JSONValue {
        var cursor = Cursor(bytes: Array(bytes))
        let value = try cursor.value(depth: 0)
        cursor.skipSpace()
        guard cursor.peek == nil else { throw Malformed(offset: cursor.index) }
        return value
    }

    private struct Cursor {
        let bytes: [UInt8]
        var index = 0

        var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

        mutating func next() -> UInt8? {
            defer { index += 1 }
            return peek
        }

        mutating func skipSpace() {
            while let byte = peek, byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { index += 1 }
        }

        mutating func expect(_ byte: UInt8) throws(Malformed) {
            skipSpace()
            guard next() == byte else { throw Malformed(offset: index - 1) }
        }

        mutating func value(depth: Int) throws(Malformed) -> JSONValue {
            skipSpace()
            guard depth < JSONReader.maxDepth else { throw Malformed(offset: index) }
            switch peek {
            case UInt8(ascii: "\""):
                return .string(try string())
            case UInt8(ascii: "{"):
                return .object(try object(depth: depth))
            case UInt8(ascii: "["):
                return .array(try array(depth: depth))
            case UInt8(ascii: "n"):
                try literal("null")
                return .null
            case UInt8(ascii: "t"):
                try literal("true")
                return .bool(true)
            case UInt8(ascii: "f"):
                try literal("false")
                return .bool(false)
            default:
                return try number()
            }
        }

        mutating func object(depth: Int) throws(Malformed) -> [String: JSONValue] {
            try expect(UInt8(ascii: "{"))
            var object: [String: JSONValue] = [:]
            skipSpace()
            if peek == UInt8(ascii: "}") {
                index += 1
                return object
            }
            while true {
                skipSpace()
                let key = try string()
                try expect(UInt8(ascii: ":"))
                object[key] = try value(depth: depth + 1)
                skipSpace()
                switch next() {
                case UInt8(ascii: "}"): return object
                case UInt8(ascii: ","): continue
                default: throw Malformed(offset: index - 1)
                }
            }
        }

        mutating func array(depth: Int) throws(Malformed) -> [JSONValue] {
            try expect(UInt8(ascii: "["))
            var array: [JSONValue] = []
            skipSpace()
            if peek == UInt8(ascii: "]") {
                index += 1
                return array
            }
            while true {
                array.append(try value(depth: depth + 1))
                skipSpace()
                switch next() {
                case UInt8(ascii: "]"): return array
                case UInt8(ascii: ","): continue
                default: throw Malformed(offset: index - 1)
                }
            }
        }

        /// JSON's number grammar exactly (no leading zeros, no bare `.5`, no `+`); integers stay exact.
        mutating func number() throws(Malformed) -> JSONValue {
            let start = index
            if peek == UInt8(ascii: "-") { index += 1 }
            guard let first = peek, isDigit(first) else { throw Malformed(offset: start) }
            index += 1
            if first != UInt8(ascii: "0") { skipDigits() }
            var integral = true
            if peek == UInt8(ascii: ".") {
                integral = false
                index += 1
                guard let digit = peek, isDigit(digit) else { throw Malformed(offset: index) }
                skipDigits()
            }
            if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") {
                integral = false
                index += 1
                if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") { index += 1 }
                guard let digit = peek, isDigit(digit) else { throw Malformed(offset: index) }
                skipDigits()
            }
            let text = String(decoding: bytes[start..<index], as: UTF8.self)
            if integral, let value = Int(text) { return .int(value) }
            guard let value = Double(text) else { throw Malformed(offset: start) }
            return .double(value)
        }

        func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

        mutating func skipDigits() {
            while let byte = peek, isDigit(byte) { index += 1 }
        }

        mutating func literal(_ word: StaticString) throws(Malformed) {
            let start = index
            let matched = word.withUTF8Buffer { expected in
                index + expected.count <= bytes.count && bytes[index..<(index + expected.count)].elementsEqual(expected)
            }
            guard matched else { throw Malformed(offset: start) }
            index += word.utf8CodeUnitCount
        }

        mutating func string() throws(Malformed) -> String {
            guard next() == UInt8(ascii: "\"") else { throw Malformed(offset: index - 1) }
            var out: [UInt8] = []
            // Copy runs without escapes in one go; most strings have none at all.
            var runStart = index
            while let byte = peek {
                switch byte {
                case UInt8(ascii: "\""):
                    out.append(contentsOf: bytes[runStart..<index])
                    index += 1
                    return String(decoding: out, as: UTF8.self)
                case UInt8(ascii: "\\"):
                    out.append(contentsOf: bytes[runStart..<index])
                    index += 1
                    try escape(into: &out)
                    runStart = index
                case 0..<0x20:
                    throw Malformed(offset: index)  // control characters must be escaped
                default:
                    index += 1
                }
            }
            throw Malformed(offset: index)
        }

        mutating func escape(into out: inout [UInt8]) throws(Malformed) {
            guard let byte = next() else { throw Malformed(offset: index) }
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(byte)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "u"):
                var scalar = try hex4()
                if (0xD800..<0xDC00).contains(scalar) {
                    // A high surrogate makes one character with the low surrogate that follows;
                    // alone, it is replaced, as invalid UTF-16 is everywhere else.
                    let save = index
                    if next() == UInt8(ascii: "\\"), next() == UInt8(ascii: "u") {
                        let low = try hex4()
                        if (0xDC00..<0xE000).contains(low) {
                            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        } else {
                            index = save
                        }
                    } else {
                        index = save
                    }
                }
                let character = Unicode.Scalar(scalar) ?? "\u{FFFD}"
                out.append(contentsOf: String(character).utf8)
            default:
                throw Malformed(offset: index - 1)
            }
        }

        mutating func hex4() throws(Malformed) -> UInt32 {
            var value: UInt32 = 0
            for _ in 0..<4 {
                guard let byte = next() else { throw Malformed(offset: index) }
                let digit: UInt8
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
                default: throw Malformed(offset: index - 1)
                }
                value = value << 4 | UInt32(digit)
            }
            return value
        }
    }
}
