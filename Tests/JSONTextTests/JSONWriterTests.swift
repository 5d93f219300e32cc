import Testing
@testable import JSONText

@Suite struct JSONWriterTests {
    private func written(_ fill: (inout JSONWriter) -> Void) -> String {
        var writer = JSONWriter()
        fill(&writer)
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    /// What `string` must write, one byte at a time.
    private func quotedSlowly(_ value: String) -> String {
        var out: [UInt8] = [0x22]
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out += Array(#"\""#.utf8)
            case UInt8(ascii: "\\"): out += Array(#"\\"#.utf8)
            case 0x0A: out += Array(#"\n"#.utf8)
            case 0x0D: out += Array(#"\r"#.utf8)
            case 0x09: out += Array(#"\t"#.utf8)
            case ..<0x20: out += Array("\\u00\(String(byte >> 4, radix: 16))\(String(byte & 0x0F, radix: 16))".utf8)
            default: out.append(byte)
            }
        }
        return String(decoding: out + [0x22], as: UTF8.self)
    }

    @Test func separatesValuesAtEveryDepth() {
        let text = written { writer in
            writer.beginObject()
            writer.key("a"); writer.int(1)
            writer.key("empty"); writer.beginObject(); writer.endObject()
            writer.key("list")
            writer.beginArray()
            writer.beginArray(); writer.endArray()
            writer.beginArray(); writer.int(2); writer.beginObject(); writer.key("z"); writer.null(); writer.endObject(); writer.endArray()
            writer.bool(true)
            writer.endArray()
            writer.field("missing", nil as String?)
            writer.field("names", ["x", "y"])
            writer.key(dynamic: "dyn"); writer.double(0.5)
            writer.endObject()
        }
        #expect(text == #"{"a":1,"empty":{},"list":[[],[2,{"z":null}],true],"names":["x","y"],"dyn":0.5}"#)
    }

    /// Each character that needs escaping, at every offset within and across eight-byte words,
    /// among plain ASCII and multi-byte UTF-8 that must pass through untouched.
    @Test func escapesWhatJSONRequiresWhereverItFalls() throws {
        let specials = ["\"", "\\", "\n", "\r", "\t", "\u{0}", "\u{1}", "\u{1F}", "\u{7F}"]
        for special in specials {
            for offset in 0..<20 {
                for filler in ["abcdefghijklmnopqrstuvwxyz", "é—ü🙂 ok déjà vu"] {
                    let value = String(filler.prefix(offset)) + special + filler + special
                    let text = written { $0.string(value) }
                    #expect(text == quotedSlowly(value), "\(Array(value.utf8))")
                    #expect(try JSONReader.parse(Array(text.utf8)) == .string(value))
                }
            }
        }
        #expect(written { $0.string("") } == #""""#)
        #expect(written { $0.string(String(repeating: "plain text ", count: 40)) }
                == "\"" + String(repeating: "plain text ", count: 40) + "\"")
    }

    @Test func writesNumbersAsJSONReadsThem() {
        for value in [0, 7, -1, 10, 1234567890, -9876543210, Int.max, Int.min] {
            #expect(written { $0.int(value) } == String(value))
        }
        #expect(written { $0.double(3) } == "3")
        #expect(written { $0.double(-2) } == "-2")
        #expect(written { $0.double(2.8423) } == "2.8423")
        #expect(written { $0.double(1e16) } == "1e+16")
        #expect(written { $0.double(.nan) } == "null")
    }
}
