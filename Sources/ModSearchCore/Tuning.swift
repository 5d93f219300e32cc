import XapianKit

/// The ranking choices the relevance suite measures, so that they can be compared with plain
/// defaults. `standard` is what modsearch ships; `plain` is Xapian out of the box.
public struct Tuning: Sendable, Equatable {
    /// Title words count this many times a body word (wdf increment at index time).
    public var titleWeight: Int
    /// Section heading and subheading words, likewise.
    public var headingWeight: Int
    /// BM25 parameters for ranking sections. `b` is 0: passages are weighed against the length
    /// of their own section (`PassageMatcher`), and without length normalisation Xapian reads no
    /// document lengths, which makes common words much cheaper to match (BENCHMARKS.md).
    public var k1: Double
    public var b: Double
    /// Query with the other members of synonym groups.
    public var synonyms: Bool
    /// Correct words the index lacks, and rare words when nothing matches.
    public var spelling: Bool
    /// How much a passage's score depends on how it compares with the best passage of its section
    /// (0: every satisfying passage scores its section's weight; 1: in proportion to the best).
    public var passageShare: Double
    /// Definition and Explanation words count this many times a word elsewhere (wdf increment at
    /// index time): these sections say what an approach is, where others more often name a term
    /// in passing (a resource, a related therapy, a practitioner's question).
    public var primaryTextWeight: Int
    /// When fewer passages than a page hold all the words of a plain query, fill the page with
    /// passages holding some of them.
    public var partialMatches: Bool
    /// BM25 `b` for those passages. Where every word must match, a long section is no likelier to
    /// match by chance, so length normalisation only hides it; where any word will do, a long
    /// section holds some word by chance, and lengths must count (measured on both suites).
    public var partialB: Double
    /// Extra weight, relative to the query's, for passages with the typed words in their
    /// exact (unstemmed) forms; 0 ranks every form of a word alike.
    public var exactFormWeight: Double

    public static let standard = Tuning(titleWeight: 3, headingWeight: 2, k1: 1.2, b: 0, synonyms: true,
                                        spelling: true, passageShare: 0.5, primaryTextWeight: 2, partialMatches: true,
                                        partialB: 0.75, exactFormWeight: 0.2)
    public static let plain = Tuning(titleWeight: 1, headingWeight: 1, k1: 1, b: 0.5, synonyms: false,
                                     spelling: false, passageShare: 0.5, primaryTextWeight: 1, partialMatches: false,
                                     partialB: 0.5, exactFormWeight: 0)

    var weighting: Enquire.Weighting { .bm25(k1: k1, k2: 0, k3: 1, b: b, minNormLength: 0.5) }
    var partialWeighting: Enquire.Weighting {
        .bm25(k1: k1 * Double(primaryTextWeight), k2: 0, k3: 1, b: partialB, minNormLength: 0.5)
    }
}
