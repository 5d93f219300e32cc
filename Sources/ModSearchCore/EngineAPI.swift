/// What a search asks of the engine.
public struct SearchOptions: Sendable, Equatable {
    /// The query as typed, in modsearch's query language.
    public var query: String
    /// Modality ids to keep (`MOD032`, any case); empty keeps all.
    public var modalities: [String]
    /// Sections to keep, by slug, alias or heading; empty keeps all.
    public var sections: [String]
    /// Passages to skip before the first one returned (clamped to `maxOffset`).
    public var offset: Int
    /// Passages to return at most (clamped to `maxLimit`); 0 counts without ranking.
    public var limit: Int
    /// The best passage per modality or per section instead of every passage.
    public var grouping: PassageGrouping?
    /// Whether to count every match per modality and section (an exact total too).
    public var facets: Bool
    /// Search the words as typed: no spelling correction, no synonyms or other spellings, no
    /// passages with only some of the words.
    public var exact: Bool

    /// Bounds that keep page arithmetic from overflowing and a page's memory bounded.
    public static let maxOffset = 1_000_000
    public static let maxLimit = 10_000

    public init(query: String, modalities: [String] = [], sections: [String] = [], offset: Int = 0,
                limit: Int = 10, grouping: PassageGrouping? = nil, facets: Bool = false, exact: Bool = false) {
        self.query = query
        self.modalities = modalities
        self.sections = sections
        self.offset = offset
        self.limit = limit
        self.grouping = grouping
        self.facets = facets
        self.exact = exact
    }
}

/// How passages are folded together: the best one of each modality, or of each section.
public enum PassageGrouping: Sendable, Equatable {
    case modality, section
}

/// A passage the engine found, with where it lives and how it scored.
public struct PassageHit: Sendable, Equatable {
    /// 1-based position in the whole ranking (offset included).
    public var rank: Int
    public var score: Double
    /// Xapian's percentage for the section, shaded like the score.
    public var percent: Int
    public var passage: PassageRecord
    /// Plain text around the matches, and the matched spans in it as UTF-8 byte ranges.
    public var snippet: String
    public var highlights: [Range<Int>]
    /// Passages folded into this one by the grouping (sections, for modality grouping: at least).
    public var collapsed: Int?
    /// The passage holds only some of the words of a plain query (it follows those with all).
    public var partial = false

    public var id: String { passage.id }
    public var modality: String { passage.modality }
    public var section: String { passage.section }
    public var text: String { passage.text }
}

/// A stored passage: its id, its place in the documents and its text.
public struct PassageRecord: Sendable, Equatable {
    /// Stable passage id, e.g. `mod032/explanation/2`.
    public var id: String
    public var modality: String
    public var title: String
    /// Section slug and the heading as written.
    public var section: String
    public var heading: String
    public var subheading: String?
    public var ordinal: Int
    /// The document's path as indexed, and the 1-based line the passage starts on.
    public var source: String
    public var line: Int
    public var text: String
}

/// How many passages match: exact when `lower == upper`.
public struct MatchCount: Sendable, Equatable {
    public var estimate: Int
    public var lower: Int
    public var upper: Int

    public init(estimate: Int, lower: Int, upper: Int) {
        self.estimate = estimate
        self.lower = lower
        self.upper = upper
    }

    public static func exactly(_ count: Int) -> MatchCount { MatchCount(estimate: count, lower: count, upper: count) }
    public var isExact: Bool { lower == upper }
}

/// Matching passages per modality id and per section slug.
public struct FacetCounts: Sendable, Equatable {
    public var modality: [String: Int]
    public var section: [String: Int]
}

/// What a search found, and what the engine searched for.
public struct SearchOutcome: Sendable, Equatable {
    public var total: MatchCount
    /// The query searched instead of the typed one (spelling, any-word), when it was changed.
    public var corrected: String?
    /// A spelling worth suggesting, when it was not searched.
    public var suggestion: String?
    public var tookMicroseconds: Int
    public var hits: [PassageHit]
    public var facets: FacetCounts?
    /// Every way the search departed from the words as typed, in the order made.
    public var rewrites: [QueryRewrite] = []

    /// Whether the words as typed were searched (no spelling or accent was changed to find these
    /// hits): the exit status of a search follows it.
    public var searchedAsTyped: Bool { QueryRewrite.searchedAsTyped(rewrites) }
}

/// A departure from the query as typed, reported with the answer.
public struct QueryRewrite: Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable {
        /// A word the index lacks replaced by the spelling the index suggests.
        case spelling
        /// A word searched without its accents (`café` as `cafe`).
        case accents
        /// A US spelling searched in the UK form the documents use too.
        case ukSpelling = "uk-spelling"
        /// Other members of the word's synonym groups searched too, weighted below it.
        case synonyms
        /// Passages with some of the words follow those with all of them.
        case partial
        /// A word no passage holds, searched as typed.
        case unknownWord = "unknown-word"
    }

    public var kind: Kind
    /// What was typed, and what was searched for it (nil for an unknown word).
    public var from: String
    public var to: String?

    public init(_ kind: Kind, from: String, to: String?) {
        self.kind = kind
        self.from = from
        self.to = to
    }

    /// Whether a search with these rewrites searched the words as typed: none was replaced by
    /// another spelling or lost its accents (other forms and synonyms are searched beside them).
    static func searchedAsTyped(_ rewrites: [QueryRewrite]) -> Bool {
        !rewrites.contains { $0.kind == .spelling || $0.kind == .accents }
    }
}

/// `related`: passages like a passage, or a modality's neighbourhood.
public struct RelatedOutcome: Sendable, Equatable {
    /// The passage id or modality id (upper case) the answer is about.
    public var target: String
    public var hits: [PassageHit]
    /// For a modality: the modalities it cross-references, and those referring to it.
    public var references: [String]?
    public var referencedBy: [String]?
    public var tookMicroseconds: Int
}

/// What the index holds.
public struct IndexStats: Sendable, Equatable {
    /// Section documents.
    public var documents: Int
    public var passages: Int
    public var modalities: Int
    /// The revision of a single database; over a stub, the sum of its shards' known revisions.
    public var revision: Int
    public var database: String
    /// Over a stub, each shard's own figures (the totals above are their sums); empty otherwise.
    public var shards: [ShardStats] = []
}

/// One shard of a stub, as `stats` reports it.
public struct ShardStats: Sendable, Equatable {
    /// The stub's line naming the shard (`remote 10.0.0.5:7000`, `auto /srv/shard1`).
    public var shard: String
    public var documents: Int
    public var passages: Int
    /// Nil for a remote shard: Xapian 1.4's remote protocol does not tell a revision.
    public var revision: Int?
}

/// Why the engine could not answer.
public struct EngineError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The query text cannot be read (syntax, unknown section name in a field).
        case badQuery
        /// A search option names something that does not exist (`sections`).
        case badOption(String)
        /// No passage or modality with the id asked for.
        case notFound
        /// No index, or one this version cannot read.
        case unavailable
        /// Xapian or the stored data failed.
        case internalFailure
        /// The searcher's `deadline` passed before the answer was ready.
        case timeout
    }

    public var kind: Kind
    /// One line saying what was wrong.
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}
