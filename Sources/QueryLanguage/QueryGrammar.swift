/// The query language people type, read into a `QuerySyntax`.
///
/// The grammar is Xapian 1.4 QueryParser's as modsearch used it (boolean operators, phrases,
/// `+`/`-`, `*`, `~`, pure NOT): words, `"phrases"`, `self-criticism` (a phrase), `+word`,
/// `-word`, `AND`, `OR`, `NOT`, `AND NOT`, `XOR`, `NEAR`, `NEAR/n`, `ADJ`, `ADJ/n` (in capitals),
/// parentheses, `word*`, `field:word`, `field:"a phrase"`, `field:(a group)` and `filter:value`.
/// OR binds loosest, then XOR, then AND and NOT; words without an operator, and NEAR and ADJ,
/// bind tighter than any operator: `a b OR c` is `(a AND b) OR c`.
///
/// Where Xapian's parser gives up and reads the query again as plain words, this grammar keeps
/// a rule of its own: a query of exclusions only (`-word`) matches everything but them, NEAR and
/// ADJ take the single words next to them (`a b NEAR c` is `a AND (b NEAR c)`) and are an
/// error next to anything else, a `)` without its `(` is dropped, and a field phrase left open
/// runs to the end. Where Xapian reports an error, so does this grammar.
public struct QueryGrammar: Sendable {
    /// How words with no operator between them are joined.
    public enum Joining: Sendable {
        /// All must match (Xapian's default operator AND).
        case all
        /// Any may match (OR).
        case any
    }

    /// Free-text fields (`title:word`), lower case; field names are read in any case.
    public var fields: [String]
    /// Filter fields (`modality:MOD032`), lower case.
    public var filters: [String]
    public var joining: Joining

    public init(fields: [String] = [], filters: [String] = [], joining: Joining = .all) {
        self.fields = fields
        self.filters = filters
        self.joining = joining
    }

    /// The syntax tree of a query; `.nothing` for a query without words.
    public func parse(_ text: String) throws(QuerySyntaxError) -> QuerySyntax {
        var named: [String: QueryLexer.Field] = [:]
        for field in fields { named[field.lowercased()] = QueryLexer.Field(name: field, isFilter: false) }
        for filter in filters { named[filter.lowercased()] = QueryLexer.Field(name: filter, isFilter: true) }
        var lexer = QueryLexer(text, fields: named)
        var parser = QuerySyntaxParser(tokens: lexer.run(), joining: joining)
        return try parser.parse()
    }
}
