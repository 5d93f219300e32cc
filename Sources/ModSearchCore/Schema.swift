import ModalityDocs
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
        /// Prefix of per-file records: key + path hash → `contenthash \t modality \t path`.
        public static let filePrefix = "modsearch:file:"
    }

    /// Language of the stemmer used for indexing, queries and snippets alike.
    public static let stemmer = "english"
    /// Stemmed terms with positions, so phrases also match other word forms of their words.
    static let indexStemming: StemmingStrategy = .someFullPositions

    /// Ranking: BM25 with parameters checked against the relevance suite.
    static let weighting: Enquire.Weighting = .bm25(k1: 1.2, k2: 0, k3: 1, b: 0.5, minNormLength: 0.5)
    /// Characters of context in a snippet.
    static let snippetLength = 240

    /// How much more a title or heading word counts than a body word (wdf increment).
    public static let titleWeight: UInt32 = 3
    public static let headingWeight: UInt32 = 2

    /// Zero-padded so that string order is numeric order.
    public static func sortableOrdinal(_ ordinal: Int) -> String {
        let digits = String(ordinal)
        return String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }
}

/// What the index stores as each document's data: everything a hit needs, without a second lookup.
public struct StoredPassage: Codable, Sendable, Equatable {
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
