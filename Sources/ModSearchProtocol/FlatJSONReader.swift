/// Reads a flat JSON object — string, integer, boolean or null values, or arrays of such flat
/// objects — into a dictionary, without Foundation: the searcher reads stored sections on its hot path.
public enum FlatJSONReader {
    public enum Value: Equatable, Sendable {
        case string(String)
        case int(Int)
        case bool(Bool)
        case null
        case objects([[String: Value]])

        public var string: String? { if case .string(let value) = self { value } else { nil } }
        public var int: Int? { if case .int(let value) = self { value } else { nil } }
        public var objects: [[String: Value]]? { if case .objects(let value) = self { value } else { nil } }
    }

    public struct Malformed: Error, CustomStringConvertible {
        public let offset: Int
        public var description: String { "malformed flat JSON object at byte \(offset)" }
    }

    public static func parse(_ bytes: [UInt8]) throws(Malformed) -> [String: Value] {
        var reader = Cursor(bytes: bytes)
        return try reader.object(nested: true)
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

        /// An object; its values may be arrays of objects only when `nested`.
        mutating func object(nested: Bool) throws(Malformed) -> [String: Value] {
            var object: [String: Value] = [:]
            try expect(UInt8(ascii: "{"))
            skipSpace()
            if peek == UInt8(ascii: "}") {
                index += 1
                return object
            }
            while true {
                let key = try string()
                try expect(UInt8(ascii: ":"))
                skipSpace()
                if nested, peek == UInt8(ascii: "[") {
                    object[key] = .objects(try objectArray())
                } else {
                    object[key] = try value()
                }
                skipSpace()
                guard let byte = next() else { throw Malformed(offset: index) }
                if byte == UInt8(ascii: "}") { return object }
                guard byte == UInt8(ascii: ",") else { throw Malformed(offset: index - 1) }
            }
        }

        mutating func objectArray() throws(Malformed) -> [[String: Value]] {
            try expect(UInt8(ascii: "["))
            var objects: [[String: Value]] = []
            skipSpace()
            if peek == UInt8(ascii: "]") {
                index += 1
                return objects
            }
            while true {
                objects.append(try object(nested: false))
                skipSpace()
                guard let byte = next() else { throw Malformed(offset: index) }
                if byte == UInt8(ascii: "]") { return objects }
                guard byte == UInt8(ascii: ",") else { throw Malformed(offset: index - 1) }
            }
        }

        mutating func value() throws(Malformed) -> Value {
            skipSpace()
            switch peek {
            case UInt8(ascii: "\""):
                return .string(try string())
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
                let start = index
                if peek == UInt8(ascii: "-") { index += 1 }
                while let byte = peek, byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") { index += 1 }
                guard index > start, let number = Int(String(decoding: bytes[start..<index], as: UTF8.self)) else {
                    throw Malformed(offset: start)
                }
                return .int(number)
            }
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
            try expect(UInt8(ascii: "\""))
            var out: [UInt8] = []
            var runStart = index
            while let byte = peek {
                if byte == UInt8(ascii: "\"") {
                    out.append(contentsOf: bytes[runStart..<index])
                    index += 1
                    return String(decoding: out, as: UTF8.self)
                }
                if byte == UInt8(ascii: "\\") {
                    out.append(contentsOf: bytes[runStart..<index])
                    index += 1
                    try escape(into: &out)
                    runStart = index
                } else {
                    index += 1
                }
            }
            throw Malformed(offset: index)
        }

        mutating func escape(into out: inout [UInt8]) throws(Malformed) {
            guard let byte = next() else { throw Malformed(offset: index) }
            switch byte {
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "u"):
                var scalar = try hex4()
                if (0xD800..<0xDC00).contains(scalar), peek == UInt8(ascii: "\\") {
                    index += 1
                    guard next() == UInt8(ascii: "u") else { throw Malformed(offset: index) }
                    let low = try hex4()
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                }
                out.append(contentsOf: String(Unicode.Scalar(scalar).map(Character.init) ?? "\u{FFFD}").utf8)
            default: out.append(byte)  // \" \\ \/
            }
        }

        mutating func hex4() throws(Malformed) -> UInt32 {
            guard index + 4 <= bytes.count,
                  let value = UInt32(String(decoding: bytes[index..<(index + 4)], as: UTF8.self), radix: 16) else {
                throw Malformed(offset: index)
            }
            index += 4
            return value
        }
    }
}
