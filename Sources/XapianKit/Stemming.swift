internal import CXapianShim

/// How a `TermGenerator` or `QueryParser` applies its stemmer.
public enum StemmingStrategy: Sendable {
    /// Index/query stemmed terms with a `Z` prefix besides unstemmed ones; phrases
    /// use unstemmed terms (Xapian's default).
    case some
    /// Only stemmed terms, with a `Z` prefix.
    case allZ

    var cValue: Int32 {
        switch self {
        case .some: Int32(CX_STEM_SOME)
        case .allZ: Int32(CX_STEM_ALL_Z)
        }
    }
}
