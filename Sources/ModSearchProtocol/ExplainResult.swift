import JSONText

/// `explain`: a search's answer, with the query as the engine searched it and each hit's score
/// in its parts. On the wire, a search result with `query` beside it and an `explanation` in
/// each hit.
public struct ExplainResult: Sendable, Equatable {
    public var query: ExplainedQuery
    public var search: SearchResult
    /// One per hit of `search.hits`, in the same order.
    public var scores: [HitScore]

    public init(query: ExplainedQuery, search: SearchResult, scores: [HitScore]) {
        self.query = query
        self.search = search
        self.scores = scores
    }
}

extension ExplainResult: JSONWritable {
    public func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("query"); query.write(to: &writer)
        search.writeSummary(to: &writer)
        writer.key("hits")
        writer.beginArray()
        for (hit, score) in zip(search.hits, scores) {
            writer.beginObject()
            hit.writeFields(to: &writer)
            writer.key("explanation"); score.write(to: &writer)
            writer.endObject()
        }
        writer.endArray()
        writer.endObject()
    }
}

extension ExplainResult {
    init(_ fields: JSONFields) throws(ProtocolError) {
        self.init(query: try ExplainedQuery(fields.object("query")), search: try SearchResult(fields),
                  scores: try fields.objects("hits") { hit throws(ProtocolError) in try HitScore(hit.object("explanation")) })
    }
}
