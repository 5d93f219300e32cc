import ModalityDocs
import ModSearchProtocol
import XapianKit

/// The index schema: term prefixes, value slots and metadata keys (DESIGN.md, "Index schema").
public enum Schema {
    /// Bumped whenever documents indexed by an older version would be read wrongly.
    public static let version = "1"

    public enum Prefix {
        /// Unique id: `Q` + passage id.
        public static let id = "Q"
        /// Modality filter: `XM` + lower-case modality id.
        public static let modality = "XM"
        /// Section filter: `XS` + slug, and `XS` + short alias.
        public static let section = "XS"
        /// Cross-reference: `XR` + lower-case target modality id.
        public static let reference = "XR"
        /// Title words (Omega's convention).
        public static let title = "S"
        /// Section heading and subheading words.
        public static let heading = "XH"
        /// Source file: `XF` + hash of its absolute path, so a file's passages go together.
        public static let file = "XF"
    }

    public enum Slot {
        public static let modality: UInt32 = 0
        public static let section: UInt32 = 1
        public static let ordinal: UInt32 = 2
        /// `MOD032/evidence-to-efficacy`: the collapse key for best-passage-per-section.
        public static let group: UInt32 = 3
    }

    public enum Metadata {
        public static let schema = "modsearch:schema"
        /// The synonym groups (`synonyms.txt` of an indexed folder), as the file's text.
        public static let synonyms = "modsearch:synonyms"
        /// Prefix of per-file records: key + path hash → `contenthash \t modality \t path`.
        public static let filePrefix = "modsearch:file:"
    }

    /// Language of the stemmer used for indexing, queries and snippets alike.
    public static let stemmer = "english"
    /// Stemmed terms with positions, so phrases also match other word forms of their words.
    static let indexStemming: StemmingStrategy = .someFullPositions

    /// Weight of a query rewritten with synonyms, beside the query as typed (weight 1).
    static let synonymWeight = 0.5
    /// Characters of context in a snippet.
    static let snippetLength = 240


    /// Zero-padded so that string order is numeric order.
    public static func sortableOrdinal(_ ordinal: Int) -> String {
        let digits = String(ordinal)
        return String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }
}

/// What the index stores as each document's data: everything a hit needs, without a second lookup.
public struct StoredPassage: Sendable, Equatable {
    public var id: String
    public var modality: String
    public var title: String
    public var section: String
    public var heading: String
    public var subheading: String?
    public var ordinal: Int
    public var kind: Passage.Kind
    public var text: String
    public var source: String
}

extension StoredPassage: JSONWritable {
    public func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("id"); writer.string(id)
        writer.key("modality"); writer.string(modality)
        writer.key("title"); writer.string(title)
        writer.key("section"); writer.string(section)
        writer.key("heading"); writer.string(heading)
        writer.field("subheading", subheading)
        writer.key("ordinal"); writer.int(ordinal)
        writer.key("kind"); writer.string(kind.rawValue)
        writer.key("text"); writer.string(text)
        writer.key("source"); writer.string(source)
        writer.endObject()
    }

    /// Reads the JSON that `write(to:)` wrote.
    public init(json: [UInt8]) throws {
        let fields = try FlatJSONReader.parse(json)
        func text(_ key: String) throws -> String {
            guard let value = fields[key]?.string else { throw StoredDataError(field: key) }
            return value
        }
        self.init(id: try text("id"), modality: try text("modality"), title: try text("title"),
                  section: try text("section"), heading: try text("heading"), subheading: fields["subheading"]?.string,
                  ordinal: fields["ordinal"]?.int ?? 0, kind: Passage.Kind(rawValue: try text("kind")) ?? .paragraph,
                  text: try text("text"), source: try text("source"))
    }
}

/// Document data that lacks a field a hit needs (written by another program, or damaged).
public struct StoredDataError: Error, CustomStringConvertible {
    public let field: String
    public var description: String { "stored passage data has no '\(field)'" }
}
