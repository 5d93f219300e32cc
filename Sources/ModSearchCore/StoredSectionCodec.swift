import Glibc
import JSONText
import ModalityDocs

// The stored section's JSON: written at index time, read for every hit.
extension StoredSection: JSONWritable {
    public func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("id"); writer.string(key)
        writer.key("modality"); writer.string(modality)
        writer.key("title"); writer.string(title)
        writer.key("section"); writer.string(section)
        writer.key("heading"); writer.string(heading)
        writer.key("source"); writer.string(source)
        writer.key("passages")
        writer.beginArray()
        for passage in passages {
            writer.beginObject()
            writer.key("ordinal"); writer.int(passage.ordinal)
            writer.field("subheading", passage.subheading)
            writer.key("kind"); writer.string(passage.kind.rawValue)
            writer.key("text"); writer.string(passage.text)
            writer.endObject()
        }
        writer.endArray()
        writer.endObject()
    }

    /// Reads the JSON that `write(to:)` wrote. Searches read one section per hit, so text without
    /// escapes (nearly all) is read by a direct scan; anything else goes through `JSONReader`.
    public init(json: [UInt8]) throws {
        if let fast = json.withUnsafeBufferPointer({ buffer in
            var scanner = SectionScanner(bytes: buffer)
            return scanner.section()
        }) {
            self = fast
            return
        }
        guard let fields = try JSONReader.parse(json).object else { throw StoredDataError(field: "{") }
        func text(_ key: String) throws -> String {
            guard let value = fields[key]?.string else { throw StoredDataError(field: key) }
            return value
        }
        guard let passages = fields["passages"]?.array?.compactMap(\.object) else {
            throw StoredDataError(field: "passages")
        }
        self.init(
            modality: try text("modality"), title: try text("title"), section: try text("section"),
            heading: try text("heading"), source: try text("source"),
            passages: try passages.map { passage in
                guard let ordinal = passage["ordinal"]?.int, let text = passage["text"]?.string else {
                    throw StoredDataError(field: "passages.text")
                }
                return StoredPassage(ordinal: ordinal, subheading: passage["subheading"]?.string,
                                     kind: passage["kind"]?.string.flatMap(Passage.Kind.init(rawValue:)) ?? .paragraph,
                                     text: text)
            })
    }
}

/// The direct scan behind `StoredSection(json:)`: `write(to:)`'s layout with no escaped string;
/// nil for anything else.
private struct SectionScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0

    init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    mutating func section() -> StoredSection? {
        var fields: [String: String] = [:]
        var passages: [StoredSection.StoredPassage] = []
        guard take(UInt8(ascii: "{")) else { return nil }
        repeat {
            guard let key = string(), take(UInt8(ascii: ":")) else { return nil }
            if key == "passages" {
                guard take(UInt8(ascii: "[")) else { return nil }
                if !take(UInt8(ascii: "]")) {
                    repeat {
                        guard let passage = passage() else { return nil }
                        passages.append(passage)
                    } while take(UInt8(ascii: ","))
                    guard take(UInt8(ascii: "]")) else { return nil }
                }
            } else {
                guard let value = string() else { return nil }
                fields[key] = value
            }
        } while take(UInt8(ascii: ","))
        guard take(UInt8(ascii: "}")), let modality = fields["modality"], let title = fields["title"],
              let section = fields["section"], let heading = fields["heading"], let source = fields["source"] else {
            return nil
        }
        return StoredSection(modality: modality, title: title, section: section, heading: heading, source: source,
                             passages: passages)
    }

    private mutating func passage() -> StoredSection.StoredPassage? {
        var ordinal: Int?
        var subheading: String?
        var kind = Passage.Kind.paragraph
        var text: String?
        guard take(UInt8(ascii: "{")) else { return nil }
        repeat {
            guard let key = string(), take(UInt8(ascii: ":")) else { return nil }
            switch key {
            case "ordinal": ordinal = integer()
            case "subheading": if !takeNull() { subheading = string() }
            case "kind": kind = string().flatMap(Passage.Kind.init(rawValue:)) ?? .paragraph
            case "text": text = string()
            default: return nil
            }
        } while take(UInt8(ascii: ","))
        guard take(UInt8(ascii: "}")), let ordinal, let text else { return nil }
        return StoredSection.StoredPassage(ordinal: ordinal, subheading: subheading, kind: kind, text: text)
    }

    private mutating func take(_ byte: UInt8) -> Bool {
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    private mutating func takeNull() -> Bool {
        guard index + 4 <= bytes.count, bytes[index] == UInt8(ascii: "n") else { return false }
        index += 4
        return true
    }

    /// A string without escapes.
    private mutating func string() -> String? {
        guard take(UInt8(ascii: "\"")), let base = bytes.baseAddress else { return nil }
        let start = index
        // memchr scans a passage's text many times faster than a loop over its bytes.
        guard let quote = memchr(base + start, Int32(UInt8(ascii: "\"")), bytes.count - start) else { return nil }
        let end = base.distance(to: quote.assumingMemoryBound(to: UInt8.self))
        guard memchr(base + start, Int32(UInt8(ascii: "\\")), end - start) == nil else { return nil }
        index = end + 1
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
    }

    private mutating func integer() -> Int? {
        var value = 0
        let start = index
        while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
            value = value * 10 + Int(bytes[index] - UInt8(ascii: "0"))
            index += 1
        }
        return index > start ? value : nil
    }
}

/// Document data that lacks a field a hit needs (written by another program, or damaged).
public struct StoredDataError: Error, CustomStringConvertible {
    public let field: String
    public var description: String { "stored section data has no '\(field)'" }
}
