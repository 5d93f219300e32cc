import Glibc
import ModalityDocs
import ModSearchProtocol
import XapianKit

/// The index schema: term prefixes, value slots and metadata keys (README, "How the index works").
///
/// One Xapian document per section; its passages occupy separate ranges of term positions, so
/// that the passages satisfying a query can be found inside a matched section (`PassageMatcher`).
public enum Schema {
    /// Bumped whenever documents indexed by an older version would be read wrongly, or an older
    /// version would misread what this one writes.
    /// 2: one document per section (1 was one per passage). 3: section data in a zstd frame.
    public static let version = "3"
    /// Whether this version reads an index of schema `version` correctly, and so updates it in
    /// place (to `version`): schema 2's plain JSON data is read as it is; none means a new index.
    public static func reads(_ version: String) -> Bool { ["", "2", "3"].contains(version) }

    public enum Prefix {
        /// Stemmed words: `Z` + stem (with a field's prefix between: `ZS` + stem for title words).
        /// Xapian's convention, which its term generator and query parser write under STEM_ALL_Z.
        public static let stem = "Z"
        /// Unique id: `Q` + section key (`mod032/evidence-to-efficacy`).
        public static let id = "Q"
        /// Modality filter: `XM` + lower-case modality id.
        public static let modality = "XM"
        /// Section filter: `XS` + slug, and `XS` + short alias.
        public static let section = "XS"
        /// Cross-reference: `XR` + lower-case target modality id, at the referring passage's position.
        public static let reference = "XR"
        /// Title words (Omega's convention).
        public static let title = "S"
        /// Section heading and subheading words.
        public static let heading = "XH"
        /// Source file: `XF` + hash of its absolute path, so a file's sections go together.
        public static let file = "XF"
    }

    public enum Slot {
        public static let modality: UInt32 = 0
        public static let section: UInt32 = 1
        /// Term count of each position range, two bytes each, little-endian: range 0 (title and
        /// heading, shared by every passage), then passage 1, 2, …
        public static let passageLengths: UInt32 = 2
    }

    public enum Metadata {
        public static let schema = "modsearch:schema"
        /// The synonym groups (`synonyms.txt` of an indexed folder), as the file's text.
        public static let synonyms = "modsearch:synonyms"
        /// How many passages the index holds, in decimal.
        public static let passages = "modsearch:passages"
        /// Prefix of per-file records: key + path hash → `contenthash \t modality \t passages \t path`.
        public static let filePrefix = "modsearch:file:"
    }

    /// Positions of passage n start at n × stride; range 0 holds the title and section heading.
    /// The indexer keeps every passage inside its range (`TermBudget`), and `PassageMatcher`
    /// checks phrases and NEAR one range at a time.
    public static let passageStride: UInt32 = 4096
    /// Passages of a section that can be searched; the parser's sections are far smaller, and
    /// any beyond this are stored (and `get` finds them) but not indexed, with a warning.
    public static let maxPassages = 1023

    /// Language of the stemmer used for indexing, queries and snippets alike.
    public static let stemmer = "english"
    /// Every word is indexed once, stemmed (`Z` + stem) with its positions, and queries stem
    /// every word alike, so phrases match other word forms and every query term has positions
    /// for the passage check. Words as written live in the spelling data (for corrections,
    /// wildcards and US/UK forms) rather than as terms: a second set of terms cost 40% of
    /// indexing time. Exact forms are looked for in the passages' stored text.
    static let stemming: StemmingStrategy = .allZ

    /// Weight of a query rewritten with synonyms, beside the query as typed (weight 1).
    static let synonymWeight = 0.5
    /// Characters of context in a snippet.
    static let snippetLength = 240

    /// The sections that say what an approach is, whose words `Tuning.primaryTextWeight` weighs up.
    static let primarySections: Set<String> = ["definition", "explanation"]

    /// The key of a section: its id term and the collapse key of `--by section`.
    public static func sectionKey(modality: String, slug: String) -> String {
        modality.lowercased() + "/" + slug
    }
}

/// What the index stores as a section document's data: everything its hits need.
public struct StoredSection: Sendable, Equatable {
    public struct StoredPassage: Sendable, Equatable {
        public var ordinal: Int
        public var subheading: String?
        public var kind: Passage.Kind
        public var text: String
    }

    public var modality: String
    public var title: String
    public var section: String
    public var heading: String
    public var source: String
    public var passages: [StoredPassage]

    public var key: String { Schema.sectionKey(modality: modality, slug: section) }

    /// The passage with this 1-based ordinal.
    public func passage(_ ordinal: Int) -> StoredPassage? {
        guard ordinal >= 1 else { return nil }
        return passages.indices.contains(ordinal - 1) && passages[ordinal - 1].ordinal == ordinal
            ? passages[ordinal - 1] : passages.first { $0.ordinal == ordinal }
    }

    public func passageID(_ ordinal: Int) -> String { key + "/" + String(ordinal) }
}

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
