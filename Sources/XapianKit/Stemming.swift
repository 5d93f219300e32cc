internal import CXapianShim

/// How a `TermGenerator` or `QueryParser` applies its stemmer.
public enum StemmingStrategy: Sendable {
    /// No stemming.
    case none
    /// Index/query stemmed terms with a `Z` prefix besides unstemmed ones; phrases
    /// use unstemmed terms (Xapian's default).
    case some
    /// Only stemmed terms, without a prefix.
    case all
    /// Only stemmed terms, with a `Z` prefix.
    case allZ
    /// Like `.some`, but stemmed terms get positions too, so phrases and NEAR
    /// match other word forms (Xapian 1.4.8+).
    case someFullPositions

    var cValue: Int32 {
        switch self {
        case .none: Int32(CX_STEM_NONE)
        case .some: Int32(CX_STEM_SOME)
        case .all: Int32(CX_STEM_ALL)
        case .allZ: Int32(CX_STEM_ALL_Z)
        case .someFullPositions: Int32(CX_STEM_SOME_FULL_POS)
        }
    }
}

/// How a `TermGenerator` uses its stopper.
public enum StopStrategy: Sendable {
    /// Ignore the stopper.
    case none
    /// Skip stopwords entirely.
    case all
    /// Index stopwords unstemmed but not their stemmed forms (Xapian's default).
    case stemmed

    var cValue: Int32 {
        switch self {
        case .none: Int32(CX_STOP_NONE)
        case .all: Int32(CX_STOP_ALL)
        case .stemmed: Int32(CX_STOP_STEMMED)
        }
    }
}
