import Testing
@testable import ModSearchCore
import XapianKit

/// Our compiled queries against Xapian 1.4's QueryParser configured as `Searcher` configured it
/// before modsearch had a grammar of its own (on the text `QueryText.prepare` made): the same
/// description, or the difference listed in `QueryDifferentialCases` with its reason.
@Suite struct QueryDifferentialTests {
    /// A small real index, since Xapian's parser reads the index for `C++` and `~word`.
    static let workspace: Workspace = {
        let workspace = try! Workspace(corpusFiles: ["mod032-compassion-focused-therapy.txt"])
        try! workspace.index()
        return workspace
    }()

    /// A parser as `Searcher.init` made one; one a query, since a parser is not thread-safe.
    static func xapianParser() throws -> QueryParser {
        let parser = QueryParser()
        try parser.setStemmer(Schema.stemmer)
        parser.stemmingStrategy = Schema.stemming
        parser.setDatabase(try Database(path: workspace.database))
        try parser.setDefaultOperator(.and)
        try parser.addPrefix("title", Schema.Prefix.title)
        try parser.addPrefix("heading", Schema.Prefix.heading)
        try parser.addBooleanPrefix("modality", Schema.Prefix.modality)
        try parser.addBooleanPrefix("section", Schema.Prefix.section)
        try parser.addBooleanPrefix("related", Schema.Prefix.reference)
        return parser
    }

    /// Xapian's description of the query, or nil for an error.
    static func xapian(_ query: String) -> String? {
        guard let prepared = try? QueryText.prepare(query) else { return nil }
        return try? xapianParser().parseQuery(prepared.text, flags: [.default, .wildcard, .pureNot, .synonym])
            .description
    }

    static func ours(_ query: String) -> String? {
        let compiler = QueryCompiler(stemmer: try! Stemmer(language: Schema.stemmer))
        // The pair terms' filters change the work, not the query's meaning, which is compared.
        return try? compiler.compile(query).xapianQuery(asParsed: true).description
    }

    @Test func moreThanEightyQueriesAreCompared() {
        #expect(QueryDifferentialCases.all.count >= 80)
        #expect(Set(QueryDifferentialCases.all.map(\.query)).count == QueryDifferentialCases.all.count)
    }

    @Test(arguments: QueryDifferentialCases.all)
    func compilesAsXapianParses(_ query: String, _ expected: QueryDifferentialCases.Expected) {
        let theirs = Self.xapian(query)
        let ours = Self.ours(query)
        switch expected {
        case .same:
            #expect(ours == theirs, "\(query)")
        case .ours(let description, _):
            #expect(ours == description, "\(query)")
            #expect(theirs != description, "\(query) is no longer a difference")
        }
    }
}
