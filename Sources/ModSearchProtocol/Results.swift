/// A ranked passage: the contract every search answer is made of.
public struct Hit: Sendable, Equatable {
    public var rank: Int
    public var score: Double
    public var percent: Int
    /// Stable passage id, e.g. `mod032/explanation/2`.
    public var id: String
    public var modality: String
    public var title: String
    public var section: String
    public var heading: String
    public var subheading: String?
    public var ordinal: Int
    /// Plain text around the matches.
    public var snippet: String
    /// Matched spans in `snippet` as [start, end) UTF-8 byte offsets.
    public var highlights: [[Int]]
    /// The whole passage.
    public var text: String
    /// How many other passages of the same group were collapsed into this one (`--by`).
    public var collapsed: Int?

    public init(rank: Int, score: Double, percent: Int, id: String, modality: String, title: String,
                section: String, heading: String, subheading: String?, ordinal: Int, snippet: String,
                highlights: [[Int]], text: String, collapsed: Int? = nil) {
        self.rank = rank
        self.score = score
        self.percent = percent
        self.id = id
        self.modality = modality
        self.title = title
        self.section = section
        self.heading = heading
        self.subheading = subheading
        self.ordinal = ordinal
        self.snippet = snippet
        self.highlights = highlights
        self.text = text
        self.collapsed = collapsed
    }
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

    public init(documents: Int, passages: Int, modalities: Int, revision: Int, database: String,
                uptimeSeconds: Double? = nil, requests: Int? = nil) {
        self.documents = documents
        self.passages = passages
        self.modalities = modalities
        self.revision = revision
        self.database = database
        self.uptimeSeconds = uptimeSeconds
        self.requests = requests
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
