/// A stored passage: where it lives and what it says (the answer to `get`, and the body of every hit).
public struct Passage: Sendable, Equatable {
    /// Stable passage id, e.g. `mod032/explanation/2`.
    public var id: String
    public var modality: String
    public var title: String
    public var section: String
    public var heading: String
    public var subheading: String?
    public var ordinal: Int
    /// The document's path as indexed, and the 1-based line of that file the passage starts on.
    public var source: String
    public var line: Int
    /// The whole passage.
    public var text: String

    public init(id: String, modality: String, title: String, section: String, heading: String, subheading: String?,
                ordinal: Int, source: String, line: Int, text: String) {
        self.id = id
        self.modality = modality
        self.title = title
        self.section = section
        self.heading = heading
        self.subheading = subheading
        self.ordinal = ordinal
        self.source = source
        self.line = line
        self.text = text
    }
}

/// A passage a search found: ranked (rank, score, percent) or, in a `matches` answer, in index order.
public struct Hit: Sendable, Equatable {
    public var rank: Int?
    public var score: Double?
    public var percent: Int?
    public var passage: Passage
    /// Plain text around the matches.
    public var snippet: String
    /// Matched spans in `snippet` as [start, end) UTF-8 byte offsets.
    public var highlights: [[Int]]
    /// How many other passages of the same group were collapsed into this one (`--by`).
    public var collapsed: Int?
    /// The passage holds only some of the words of a plain query (such hits follow those with all).
    public var partial: Bool

    public init(rank: Int?, score: Double?, percent: Int?, passage: Passage, snippet: String, highlights: [[Int]],
                collapsed: Int? = nil, partial: Bool = false) {
        self.rank = rank
        self.score = score
        self.percent = percent
        self.passage = passage
        self.snippet = snippet
        self.highlights = highlights
        self.collapsed = collapsed
        self.partial = partial
    }

    public var id: String { passage.id }
    public var modality: String { passage.modality }
    public var title: String { passage.title }
    public var section: String { passage.section }
    public var heading: String { passage.heading }
    public var subheading: String? { passage.subheading }
    public var text: String { passage.text }
}

/// How many passages match: exact when `lower` equals `upper`.
public struct Total: Sendable, Equatable {
    public var estimate: Int
    public var lower: Int
    public var upper: Int

    public init(estimate: Int, lower: Int, upper: Int) {
        self.estimate = estimate
        self.lower = lower
        self.upper = upper
    }

    public var isExact: Bool { lower == upper }
}

public struct Facets: Sendable, Equatable {
    /// Matching passages per modality id.
    public var modality: [String: Int]
    /// Matching passages per section slug.
    public var section: [String: Int]

    public init(modality: [String: Int], section: [String: Int]) {
        self.modality = modality
        self.section = section
    }
}

/// A departure from the query as typed, reported with the answer (`rewrites`).
public struct Rewrite: Sendable, Equatable {
    /// What kind of departure; a string on the wire, so that a client reads kinds newer than itself.
    public struct Kind: RawRepresentable, Sendable, Hashable {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }

        /// A word the index lacks replaced by the spelling the index suggests.
        public static let spelling = Kind(rawValue: "spelling")
        /// A word searched without its accents (`café` as `cafe`).
        public static let accents = Kind(rawValue: "accents")
        /// A US spelling searched in the UK form too.
        public static let ukSpelling = Kind(rawValue: "uk-spelling")
        /// The other members of synonym groups searched too, ranked below the words typed.
        public static let synonyms = Kind(rawValue: "synonyms")
        /// Passages with only some of the words follow those with all of them.
        public static let partial = Kind(rawValue: "partial")
        /// A word no passage holds, searched as typed.
        public static let unknownWord = Kind(rawValue: "unknown-word")
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
}

public struct SearchResult: Sendable, Equatable {
    public var total: Total
    /// The query actually searched when the typed one was corrected, else nil.
    public var corrected: String?
    /// A spelling suggestion for the typed query, when the index has one.
    public var suggestion: String?
    /// Every departure from the words as typed, in the order made.
    public var rewrites: [Rewrite]
    /// Whether the hits are for the words as typed (no word was corrected or had its accents
    /// dropped): a search exits 1 when they are not, as grep would find nothing.
    public var searchedAsTyped: Bool
    public var tookMicroseconds: Int
    public var hits: [Hit]
    public var facets: Facets?


    public init(total: Total, corrected: String? = nil, suggestion: String? = nil, rewrites: [Rewrite] = [],
                searchedAsTyped: Bool = true, tookMicroseconds: Int, hits: [Hit], facets: Facets? = nil) {
        self.total = total
        self.corrected = corrected
        self.suggestion = suggestion
        self.rewrites = rewrites
        self.searchedAsTyped = searchedAsTyped
        self.tookMicroseconds = tookMicroseconds
        self.hits = hits
        self.facets = facets
    }
}

/// `related`: passages like a passage, or the neighbourhood of a modality.
public struct RelatedResult: Sendable, Equatable {
    public var target: String
    /// Passages (for a passage target) or each modality's best passage (for a modality target), best first.
    public var hits: [Hit]
    /// For a modality target: the modalities it cross-references, and those that reference it.
    public var references: [String]?
    public var referencedBy: [String]?
    public var tookMicroseconds: Int


    public init(target: String, hits: [Hit], references: [String]? = nil, referencedBy: [String]? = nil,
                tookMicroseconds: Int) {
        self.target = target
        self.hits = hits
        self.references = references
        self.referencedBy = referencedBy
        self.tookMicroseconds = tookMicroseconds
    }
}

public struct Stats: Sendable, Equatable {
    public var documents: Int
    public var passages: Int
    public var modalities: Int
    public var revision: Int
    public var database: String
    public var uptimeSeconds: Double?
    public var requests: Int?
    /// From the daemon: every database it has answered for, the one asked about included.
    public var served: [String]?
    /// Over a stub of shards, each shard's figures (the totals are their sums); nil otherwise.
    public var shards: [Shard]?

    /// One shard of a stub.
    public struct Shard: Sendable, Equatable {
        /// The stub's line naming it (`remote 10.0.0.5:7000`).
        public var shard: String
        public var documents: Int
        public var passages: Int
        /// Nil for a remote shard, whose revision Xapian 1.4 does not tell.
        public var revision: Int?

        public init(shard: String, documents: Int, passages: Int, revision: Int?) {
            (self.shard, self.documents, self.passages, self.revision) = (shard, documents, passages, revision)
        }
    }

    public init(documents: Int, passages: Int, modalities: Int, revision: Int, database: String,
                uptimeSeconds: Double? = nil, requests: Int? = nil, served: [String]? = nil, shards: [Shard]? = nil) {
        self.documents = documents
        self.passages = passages
        self.modalities = modalities
        self.revision = revision
        self.database = database
        self.uptimeSeconds = uptimeSeconds
        self.requests = requests
        self.served = served
        self.shards = shards
    }
}

public struct Pong: Sendable, Equatable {
    public var pong: Bool
    public var version: String
    public var pid: Int

    public init(version: String, pid: Int) {
        self.pong = true
        self.version = version
        self.pid = pid
    }
}
