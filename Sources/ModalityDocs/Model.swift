/// A parsed modality document: the unit a person writes, split into the units the index retrieves.
public struct Modality: Codable, Sendable, Equatable {
    /// Upper-case modality id as written, e.g. `MOD032`.
    public var id: String
    public var title: String
    /// The path the document was read from, as given by the caller.
    public var source: String
    public var sections: [Section]
    /// Modality ids cross-referenced from Related Therapies, in order of first mention.
    public var references: [String]
    /// Non-fatal problems, each one line naming file and line.
    public var warnings: [String]

    /// All passages in document order.
    public var passages: [Passage] { sections.flatMap(\.passages) }
}

/// A top-level section of a modality document, keyed by its canonical slug.
public struct Section: Codable, Sendable, Equatable {
    /// Canonical slug (`evidence-to-efficacy`), or `overview` for text before the first heading.
    public var slug: String
    /// The heading as written in the document.
    public var heading: String
    /// The short alias users may type (`evidence`), if the section has one.
    public var alias: String?
    public var passages: [Passage]
}

/// The unit of retrieval: one paragraph, bullet, question with its answer, resource or related item.
public struct Passage: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable {
        case paragraph, bullet, question, resource, related
    }

    /// Stable id: `mod032/evidence-to-efficacy/3` (lower-case modality, slug, 1-based ordinal).
    public var id: String
    public var kind: Kind
    /// The subheading the passage sits under within its section, if any.
    public var subheading: String?
    /// 1-based line in the source file where the passage starts.
    public var line: Int
    public var text: String

    /// The 1-based position of the passage within its section (the last component of `id`).
    public var ordinal: Int { Int(id[id.index(after: id.lastIndex(of: "/")!)...])! }
}
