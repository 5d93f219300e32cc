/// A word of a query as typed, with where it stands.
public struct QueryWord: Equatable, Hashable, Sendable {
    /// The word as Xapian's parser reads it: case kept, `’` made `'`, an acronym's dots dropped
    /// (`U.S.A.` → `USA`), zero-width characters left out.
    public var text: String
    /// The free-text field it is searched in (`title`, `heading`), or nil for the text itself.
    public var field: String?
    /// Its place among the query's words, from 1, as Xapian numbers query terms.
    public var position: Int
    /// Where it starts in the query, in characters from 0.
    public var offset: Int

    public init(_ text: String, field: String? = nil, position: Int, offset: Int = 0) {
        self.text = text
        self.field = field
        self.position = position
        self.offset = offset
    }
}

/// A filter `field:value` (`modality:MOD032`): matches or not, and adds no weight.
public struct QueryFilter: Equatable, Hashable, Sendable {
    /// The filter field, as the grammar names it (`modality`).
    public var field: String
    /// The value as typed, quotes removed.
    public var value: String
    public var offset: Int

    public init(field: String, value: String, offset: Int = 0) {
        self.field = field
        self.value = value
        self.offset = offset
    }
}

/// What a query says, as `QueryGrammar` reads it: the tree Xapian's QueryParser would build,
/// before any word is stemmed or given a term prefix.
///
/// Lists are built the way Xapian builds its queries, so that a compiled tree has Xapian's shape:
/// an operator joining a list of the same operator on its left extends that list
/// (`a b AND c` is one AND of three), one on its right stays a member (`a AND (b c)`).
public indirect enum QuerySyntax: Equatable, Sendable {
    /// A word in any of its forms.
    case word(QueryWord)
    /// Words next to each other in this order: `"inner critic"`, `self-criticism`.
    case phrase([QueryWord])
    /// Words within a distance of each other: NEAR (any order) and ADJ (in order); `distance`
    /// is the largest `/n` given, nil for none.
    case near([QueryWord], distance: Int?, ordered: Bool)
    /// Every word that begins with the word's text: `compas*`.
    case wildcard(QueryWord)
    /// A filter value.
    case filter(QueryFilter)
    /// All of the parts.
    case and([QuerySyntax])
    /// Any of the parts.
    case or([QuerySyntax])
    /// An odd number of the parts.
    case xor([QuerySyntax])
    /// The first and not the second.
    case andNot(QuerySyntax, QuerySyntax)
    /// The first; the second only adds weight (`+a b` when words are joined with OR).
    case andMaybe(QuerySyntax, QuerySyntax)
    /// The first, where the filter (filters and their ANDs and ORs) matches too.
    case filtered(QuerySyntax, by: QuerySyntax)
    /// What the part matches, with no weight: filters on their own.
    case unweighted(QuerySyntax)
    /// Everything: what a query of exclusions only (`-word`, `NOT word`) takes them from.
    case everything
    /// Nothing: the empty query.
    case nothing
}

/// A query that cannot be read, with a one-line message that says where and why.
public struct QuerySyntaxError: Error, Equatable, Sendable, CustomStringConvertible {
    /// `AND at position 6 needs a word after it`.
    public let message: String
    /// Where it went wrong, in characters from 0.
    public let offset: Int

    public init(_ message: String, offset: Int) {
        self.message = message
        self.offset = offset
    }

    public var description: String { message }
}
