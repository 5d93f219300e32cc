import JSONText

/// The answer to `matches`: the next batch of every passage that satisfies a query, in the order
/// the index holds them, with no ranking. A client reads batches until `next` is absent, holding
/// one batch at a time however many passages match.
public struct MatchesResult: Sendable, Equatable {
    /// Hits without rank, score or percent.
    public var matches: [Hit]
    /// The `cursor` that asks for the following batch; nil after the last one.
    public var next: Int?
    public var tookMicroseconds: Int
    /// How the query was searched: the same in every batch (never relaxed to some of the words).
    public var rewrites: [Rewrite]
    public var searchedAsTyped: Bool

    public init(matches: [Hit], next: Int?, tookMicroseconds: Int, rewrites: [Rewrite] = [],
                searchedAsTyped: Bool = true) {
        self.matches = matches
        self.next = next
        self.tookMicroseconds = tookMicroseconds
        self.rewrites = rewrites
        self.searchedAsTyped = searchedAsTyped
    }
}

extension MatchesResult: JSONWritable {
    public func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("matches")
        writer.array(matches)
        writer.field("next", next)
        writer.rewrites(rewrites, searchedAsTyped: searchedAsTyped)
        writer.key("took_us"); writer.int(tookMicroseconds)
        writer.endObject()
    }
}

extension MatchesResult {
    init(_ fields: JSONFields) throws(ProtocolError) {
        let rewrites = try fields.rewrites()
        self.init(matches: try fields.objects("matches", Hit.init), next: try fields.optionalInt("next"),
                  tookMicroseconds: try fields.int("took_us"), rewrites: rewrites.list,
                  searchedAsTyped: rewrites.searchedAsTyped ?? true)
    }
}
