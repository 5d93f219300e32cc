/// `explain`: a search's answer with the query as the engine understood it and every hit's
/// score taken apart, so that the parts multiply back to the score `search` shows.
public struct ExplainOutcome: Sendable, Equatable {
    /// The search itself, exactly as `search` answers it (hits, total, rewrites).
    public var search: SearchOutcome
    public var query: QueryExplanation
    /// One per hit of `search.hits`, in the same order.
    public var hits: [ScoreExplanation]
}

/// The query as it was searched.
public struct QueryExplanation: Sendable, Equatable {
    /// The text as typed, and the words every passage of `tree` holds, as searched.
    public var typed: String
    public var searched: String
    /// The query matched (filters included), and the one for passages with only some of the
    /// words when a plain query has one.
    public var tree: QueryNode
    public var partialTree: QueryNode?
    /// Every term that adds weight, in `tree` and then `partialTree`, once each.
    public var terms: [TermStatistics]
    /// Section documents in the index, and their average length (terms, counting wdf).
    public var sections: Int
    public var averageLength: Double
    /// The BM25 parameters of `tree`'s ranking and of `partialTree`'s.
    public var weighting: BM25Parameters
    public var partialWeighting: BM25Parameters?
}

/// One node of a query tree: an operator over its children, or a term.
public struct QueryNode: Sendable, Equatable {
    /// `term`, `wildcard`, `phrase`, `near`, `and`, `or`, `xor`, `and_not`, `and_maybe`,
    /// `filter`, `scale`, `match_all` or `match_nothing`.
    public var op: String
    public var term: TermName?
    /// A wildcard's pattern.
    public var pattern: String?
    /// A phrase's or NEAR's window in positions; a scale's factor.
    public var window: Int?
    public var factor: Double?
    public var children: [QueryNode]
}

/// An index term, and what it stands for.
public struct TermName: Sendable, Equatable, Hashable {
    /// The term as the index holds it (`Zcompass`, `ZScompass`, `XMmod032`).
    public var term: String
    /// `text`, `title`, `heading` (stemmed words), or `modality`, `section`, `related` (filters).
    public var field: String
    /// The stem or filter value without the prefix.
    public var value: String
}

/// A weighted term of the query: how rare it is, and what it weighs.
public struct TermStatistics: Sendable, Equatable {
    public var name: TermName
    /// Section documents that hold the term.
    public var sections: Int
    /// The term's factor in the query: 1, less for synonyms, summed where it occurs twice.
    public var factor: Double
    /// Xapian's BM25 inverse document frequency: log of (N − n + ½)/(n + ½), raised to
    /// log(1 + x/2) where that ratio is under 2.
    public var idf: Double
}

/// BM25 as Xapian computes it: a term's part of a section's weight is
/// factor × idf × (k1 + 1) × wdf / (k1 × ((1 − b) + b × normLength) + wdf),
/// where normLength is the section's length over the average, at least `minNormLength`.
public struct BM25Parameters: Sendable, Equatable {
    public var k1: Double
    public var b: Double
    public var minNormLength: Double
}

/// One hit's score: section weight × passage factor × exact-form factor × partial scale.
public struct ScoreExplanation: Sendable, Equatable {
    public var id: String
    /// The product of the parts, before `search` rounds it to four decimals.
    public var score: Double
    public var section: SectionScore
    public var passage: PassageShare
    public var exactForms: ExactFormFactor
    /// Set for a passage with only some of the words (`partial` hits).
    public var partial: PartialScale?
}

/// Xapian's BM25 weight of the hit's section, and the terms it sums.
public struct SectionScore: Sendable, Equatable {
    /// Xapian's weight of the section for the query (the sum of `terms`).
    public var weight: Double
    /// The section's length (terms, counting wdf) and that over the average, as BM25 reads it.
    public var length: Int
    public var normLength: Double
    /// Which query ranked it: `all` (every word) or `some` (the partial query).
    public var query: String
    public var terms: [SectionTermScore]
}

/// One query term's part of a section's weight.
public struct SectionTermScore: Sendable, Equatable {
    public var name: TermName
    /// Within-section frequency: the term's occurrences, each counted with its field's weight.
    public var wdf: Int
    public var occurrences: FieldOccurrences
    public var factor: Double
    public var idf: Double
    /// factor × idf × (k1 + 1) × wdf / (k1 × norm + wdf).
    public var weight: Double
}

/// Where a term occurs in a section, and what each occurrence counts for in its wdf:
/// wdf = title × titleWeight + heading × headingWeight + text × textWeight.
public struct FieldOccurrences: Sendable, Equatable {
    public var title: Int
    public var titleWeight: Int
    /// In the section heading and the passages' subheadings.
    public var heading: Int
    public var headingWeight: Int
    public var text: Int
    /// More than 1 in the sections that say what an approach is (Definition, Explanation).
    public var textWeight: Int
}

/// The passage's share of its section's weight.
public struct PassageShare: Sendable, Equatable {
    /// BM25 of the passage inside its section, and that of the section's best passage.
    public var local: Double
    public var best: Double
    /// `Tuning.passageShare`: factor = 1 − share + share × local / best.
    public var share: Double
    public var factor: Double
}

/// The typed words the passage lacks in the form typed (found only through their stems).
public struct ExactFormFactor: Sendable, Equatable {
    public var words: [String]
    public var missing: [String]
    /// factor = 1 − weight × missing / words.
    public var weight: Double
    public var factor: Double
}

/// Passages with only some of the words are scaled below every passage with all of them:
/// scale = 0.99 × (lowest score with all the words) / (highest score with some).
public struct PartialScale: Sendable, Equatable {
    public var scale: Double
}
