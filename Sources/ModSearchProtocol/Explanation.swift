// The types of an `explain` answer (docs/protocol.md, "explain"): the engine's `ExplainOutcome` in the
// protocol's terms. Explanation+JSON.swift writes and reads them.

/// The query as the engine searched it (`explain`).
public struct ExplainedQuery: Sendable, Equatable {
    /// The text as typed.
    public var typed: String
    /// The words every passage of `tree` holds, as searched.
    public var searched: String
    /// The query matched, filters included.
    public var tree: QueryTreeNode
    /// For a plain query of several words: the query for passages with some of them.
    public var partialTree: QueryTreeNode?
    /// Every term that adds weight, once each.
    public var terms: [QueryTermWeight]
    /// Section documents in the index.
    public var sections: Int
    /// Their average length in terms (counting wdf).
    public var averageLength: Double
    /// BM25 of `tree`'s ranking.
    public var weighting: BM25Settings
    /// BM25 of `partial_tree`'s ranking.
    public var partialWeighting: BM25Settings?
    /// Every departure from the words as typed, in the order made.
    public var rewrites: [Rewrite]

    public init(typed: String, searched: String, tree: QueryTreeNode, partialTree: QueryTreeNode?,
                terms: [QueryTermWeight], sections: Int, averageLength: Double, weighting: BM25Settings,
                partialWeighting: BM25Settings?, rewrites: [Rewrite]) {
        self.typed = typed
        self.searched = searched
        self.tree = tree
        self.partialTree = partialTree
        self.terms = terms
        self.sections = sections
        self.averageLength = averageLength
        self.weighting = weighting
        self.partialWeighting = partialWeighting
        self.rewrites = rewrites
    }
}

/// One node of a query tree: an operator over its children, or a term.
public struct QueryTreeNode: Sendable, Equatable {
    /// `term`, `wildcard`, `phrase`, `near`, `and`, `or`, `xor`, `and_not`, `and_maybe`, `filter`, `scale`,
    /// `match_all` or `match_nothing`.
    public var op: String
    /// A term node's term.
    public var term: IndexTerm?
    /// A wildcard's pattern.
    public var pattern: String?
    /// A phrase's or NEAR's window, in positions.
    public var window: Int?
    /// A scale's factor.
    public var factor: Double?
    /// The operands, in order.
    public var children: [QueryTreeNode]

    public init(op: String, term: IndexTerm?, pattern: String?, window: Int?, factor: Double?,
                children: [QueryTreeNode]) {
        self.op = op
        self.term = term
        self.pattern = pattern
        self.window = window
        self.factor = factor
        self.children = children
    }
}

/// An index term and what it stands for.
public struct IndexTerm: Sendable, Equatable {
    /// The term as the index holds it (`Zcompass`).
    public var term: String
    /// `text`, `title`, `heading`, or a filter: `modality`, `section`, `related`.
    public var field: String
    /// The stem or filter value.
    public var value: String

    public init(term: String, field: String, value: String) {
        self.term = term
        self.field = field
        self.value = value
    }
}

/// A weighted term of the query.
public struct QueryTermWeight: Sendable, Equatable {
    public var term: IndexTerm
    /// Section documents holding the term.
    public var sections: Int
    /// Its factor in the query (below 1 for synonyms).
    public var factor: Double
    /// Xapian's BM25 inverse document frequency.
    public var idf: Double

    public init(term: IndexTerm, sections: Int, factor: Double, idf: Double) {
        self.term = term
        self.sections = sections
        self.factor = factor
        self.idf = idf
    }
}

/// BM25's parameters as Xapian applies them.
public struct BM25Settings: Sendable, Equatable {
    public var k1: Double
    public var b: Double
    public var minNormLength: Double

    public init(k1: Double, b: Double, minNormLength: Double) {
        self.k1 = k1
        self.b = b
        self.minNormLength = minNormLength
    }
}

/// One hit's score in its parts: section weight × passage factor × exact-form factor × partial scale.
public struct HitScore: Sendable, Equatable {
    /// The product, before rounding to the hit's four decimals.
    public var score: Double
    public var section: SectionWeight
    public var passage: PassageFactor
    public var exactForms: ExactFormsFactor
    /// For a passage with only some of the words.
    public var partialScale: Double?

    public init(score: Double, section: SectionWeight, passage: PassageFactor, exactForms: ExactFormsFactor,
                partialScale: Double?) {
        self.score = score
        self.section = section
        self.passage = passage
        self.exactForms = exactForms
        self.partialScale = partialScale
    }
}

/// Xapian's BM25 weight of a hit's section, and the terms it sums.
public struct SectionWeight: Sendable, Equatable {
    public var weight: Double
    /// The section's length in terms (counting wdf).
    public var length: Int
    /// Its length as BM25 reads it.
    public var normLength: Double
    /// `all` (the query) or `some` (its partial query).
    public var query: String
    public var terms: [SectionTermWeight]

    public init(weight: Double, length: Int, normLength: Double, query: String, terms: [SectionTermWeight]) {
        self.weight = weight
        self.length = length
        self.normLength = normLength
        self.query = query
        self.terms = terms
    }
}

/// One term's part of a section's weight.
public struct SectionTermWeight: Sendable, Equatable {
    public var term: IndexTerm
    public var wdf: Int
    public var occurrences: TermOccurrences
    public var factor: Double
    public var idf: Double
    public var weight: Double

    public init(term: IndexTerm, wdf: Int, occurrences: TermOccurrences, factor: Double, idf: Double,
                weight: Double) {
        self.term = term
        self.wdf = wdf
        self.occurrences = occurrences
        self.factor = factor
        self.idf = idf
        self.weight = weight
    }
}

/// Where a term occurs in a section: wdf = title × title_weight + heading × heading_weight + text × text_weight.
public struct TermOccurrences: Sendable, Equatable {
    public var title: Int
    public var titleWeight: Int
    public var heading: Int
    public var headingWeight: Int
    public var text: Int
    public var textWeight: Int

    public init(title: Int, titleWeight: Int, heading: Int, headingWeight: Int, text: Int, textWeight: Int) {
        self.title = title
        self.titleWeight = titleWeight
        self.heading = heading
        self.headingWeight = headingWeight
        self.text = text
        self.textWeight = textWeight
    }
}

/// A passage's share of its section's weight: 1 − share + share × local / best.
public struct PassageFactor: Sendable, Equatable {
    public var local: Double
    public var best: Double
    public var share: Double
    public var factor: Double

    public init(local: Double, best: Double, share: Double, factor: Double) {
        self.local = local
        self.best = best
        self.share = share
        self.factor = factor
    }
}

/// Typed words the passage lacks in the form typed: factor = 1 − weight × missing / words.
public struct ExactFormsFactor: Sendable, Equatable {
    public var words: [String]
    public var missing: [String]
    public var weight: Double
    public var factor: Double

    public init(words: [String], missing: [String], weight: Double, factor: Double) {
        self.words = words
        self.missing = missing
        self.weight = weight
        self.factor = factor
    }
}
