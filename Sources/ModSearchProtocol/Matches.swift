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

    public init(matches: [Hit], next: Int?, tookMicroseconds: Int) {
        self.matches = matches
        self.next = next
        self.tookMicroseconds = tookMicroseconds
    }
}

extension MatchesResult: JSONWritable {
    public func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("matches")
        writer.array(matches)
        writer.field("next", next)
        writer.key("took_us"); writer.int(tookMicroseconds)
        writer.endObject()
    }
}

extension MatchesResult {
    init(_ fields: JSONFields) throws(ProtocolError) {
        self.init(matches: try fields.objects("matches", Hit.init), next: try fields.optionalInt("next"),
                  tookMicroseconds: try fields.int("took_us"))
    }
}
