import JSONText
import ModSearchClient
import ModSearchProtocol

/// `explain`'s own arguments: a search's, less what only lists matches.
public struct ExplainArguments: Sendable, Equatable {
    public var query: [String]
    public var limit: Int
    public var modality: [String]
    public var section: [String]
    public var by: Collapse?

    public init(query: [String], limit: Int, modality: [String] = [], section: [String] = [], by: Collapse? = nil) {
        self.query = query
        self.limit = limit
        self.modality = modality
        self.section = section
        self.by = by
    }

    var request: Request {
        Request(op: .explain, query: query.joined(separator: " "), limit: limit,
                modality: modality.isEmpty ? nil : modality, section: section.isEmpty ? nil : section, collapse: by)
    }
}

extension Commands {
    /// `explain`: the query as searched and each hit's score in its parts, as text or as JSON
    /// records (docs/json-output.md). Exits 1 when nothing matched, as `search` does.
    public static func explain(_ arguments: ExplainArguments, json: Bool, connect: Connect) -> Int32 {
        let answer: ExplainResult
        do {
            guard case .explain(let result) = try connect().send(arguments.request) else { return unexpected() }
            answer = result
        } catch {
            return failed(error)
        }
        if json {
            var out = JSONRecords.record("query") { answer.query.writeFields(to: &$0) }
            for (hit, score) in zip(answer.search.hits, answer.scores) {
                out += JSONRecords.hit(hit)
                out += JSONRecords.record("explanation") { writer in
                    writer.key("hit"); writer.string(hit.id)
                    score.writeFields(to: &writer)
                }
            }
            out += JSONRecords.summary("explain") { writer in
                writer.key("query"); writer.string(answer.query.typed)
                writer.key("total"); writer.int(answer.search.total.estimate)
                writer.key("exact"); writer.bool(answer.search.total.lower == answer.search.total.upper)
                writer.key("shown"); writer.int(answer.search.hits.count)
                writer.key("took_us"); writer.int(answer.search.tookMicroseconds)
                writer.field("corrected", answer.search.corrected)
                writer.field("suggestion", answer.search.suggestion)
            }
            Output.write(out)
        } else {
            Output.write(ExplanationText.query(answer.query, total: answer.search.total)
                         + zip(answer.search.hits, answer.scores).map(ExplanationText.hit).joined())
        }
        return answer.search.hits.isEmpty && answer.search.total.upper == 0 ? 1 : 0
    }
}
