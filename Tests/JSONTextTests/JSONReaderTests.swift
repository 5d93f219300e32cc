import Testing
@testable import JSONText

@Suite struct JSONReaderTests {
    private func parse(_ text: String) throws -> JSONValue { try JSONReader.parse(Array(text.utf8)) }

    private func fails(_ text: String) -> Bool { (try? parse(text)) == nil }

    @Test func readsEveryKindOfValue() throws {
        let value = try parse(#" {"s":"x","i":-12,"d":7.41,"e":1e3,"t":true,"f":false,"n":null,"a":[1,[2,{}],[]],"o":{"k":{"z":0}}} "#)
        let object = try #require(value.object)
        #expect(object["s"] == .string("x"))
        #expect(object["i"] == .int(-12))
        #expect(object["d"] == .double(7.41))
        #expect(object["e"]?.double == 1000)
        #expect(object["t"] == .bool(true) && object["f"] == .bool(false) && object["n"] == .null)
        #expect(object["a"] == .array([.int(1), .array([.int(2), .object([:])]), .array([])]))
        #expect(object["o"]?.object?["k"]?.object?["z"] == .int(0))
    }

    @Test func decodesEscapesAndSurrogatePairs() throws {
        #expect(try parse(#""a\"b\\c\/d\n\r\t\b\f""#) == .string("a\"b\\c/d\n\r\t\u{8}\u{C}"))
        #expect(try parse(#""\u00e9\u2013 caf\u00C9""#) == .string("é– cafÉ"))
        #expect(try parse(#""\ud83d\ude00!""#) == .string("😀!"))
        // A lone surrogate cannot be a character: replaced, as with invalid UTF-16 elsewhere.
        #expect(try parse(#""\ud83dx""#) == .string("\u{FFFD}x"))
        #expect(try parse(#""\ude00""#) == .string("\u{FFFD}"))
        #expect(try parse(#""\ud83d\u0041""#) == .string("\u{FFFD}A"))
        #expect(try parse("\"self-critical – ‘inner critic’\"") == .string("self-critical – ‘inner critic’"))
    }

    @Test func numbersFollowJSONsGrammar() throws {
        #expect(try parse("0") == .int(0))
        #expect(try parse("-0.5") == .double(-0.5))
        #expect(try parse("9223372036854775807") == .int(Int.max))
        #expect(try parse("9223372036854775808") == .double(9223372036854775808))
        #expect(try parse("2.5E-3") == .double(0.0025))
        for bad in ["01", "+1", ".5", "1.", "1e", "-", "--1", "0x10", "NaN", "Infinity"] {
            #expect(fails(bad), "\(bad)")
        }
    }

    @Test func refusesMalformedText() {
        for bad in ["", "{", "{\"a\"}", "{\"a\":}", "{\"a\":1,}", "[1,]", "[1 2]", "{a:1}", "\"open", "\"\\x\"", "\"\\u12\"",
                    "tru", "nul", "{} {}", "\"tab\there\"", String(repeating: "[", count: 100) + String(repeating: "]", count: 100)] {
            #expect(fails(bad), "\(bad)")
        }
    }

    @Test func storedSectionShape() throws {
        let text = #"{"id":"mod032/definition","passages":[{"ordinal":1,"subheading":null,"text":"a"},{"ordinal":2,"text":"b"}]}"#
        let value = try JSONReader.parse(Array(text.utf8))
        let fields = try #require(value.object)
        let passages = (fields["passages"]?.array ?? []).compactMap { $0.object }
        #expect(fields["id"]?.string == "mod032/definition")
        #expect(passages.map { $0["ordinal"]?.int } == [1, 2] && passages[0]["subheading"] == JSONValue.null)
    }
}
