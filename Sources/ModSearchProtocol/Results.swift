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

    public init(rank: Int?, score: Double?, percent: Int?, passage: Passage, snippet: String, highlights: [[Int]],
                collapsed: Int? = nil) {
        self.rank = rank
        self.score = score
        self.percent = percent
        self.passage = passage
        self.snippet = snippet
        self.highlights = highlights
        self.collapsed = collapsed
    }

    public var id: String { passage.id }
    public var modality: String { passage.modality }
    public var title: String { passage.title }
    public var section: String { passage.section }
    public var heading: String { passage.heading }
    public var subheading: String? { passage.subheading }
    public var text: String { passage.text }
}

public struct Total: Sendable, Equatable {
    public var estimate: Int
    public var lower: Int
    public var upper: Int

    public init(estimate: Int, lower: Int, upper: Int) {
        self.estimate = estimate
        self.lower = lower
        self.upper = upper
    }
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

public struct SearchResult: Sendable, Equatable {
    public var total: Total
    /// The query actually searched when the typed one was corrected, else nil.
    public var corrected: String?
    /// A spelling suggestion for the typed query, when the index has one.
    public var suggestion: String?
    public var tookMicroseconds: Int
    public var hits: [Hit]
    public var facets: Facets?


    public init(total: Total, corrected: String? = nil, suggestion: String? = nil, tookMicroseconds: Int,
                hits: [Hit], facets: Facets? = nil) {
        self.total = total
        self.corrected = corrected
        self.suggestion = suggestion
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
