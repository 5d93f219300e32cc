import JSONText
// How each protocol type writes itself; the order of keys is for people reading the lines.

/// An object whose fields can be written without its braces, so that a caller can add its own
/// (the command line's `"type":"hit"`).
public protocol JSONObjectFields: JSONWritable {
    func writeFields(to writer: inout JSONWriter)
}

extension JSONObjectFields {
    public func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writeFields(to: &writer)
        writer.endObject()
    }
}

extension Passage: JSONObjectFields {
    public func writeFields(to writer: inout JSONWriter) {
        writer.key("id"); writer.string(id)
        writer.key("modality"); writer.string(modality)
        writer.key("title"); writer.string(title)
        writer.key("section"); writer.string(section)
        writer.key("heading"); writer.string(heading)
        writer.field("subheading", subheading)
        writer.key("ordinal"); writer.int(ordinal)
        writer.key("source"); writer.string(source)
        writer.key("line"); writer.int(line)
        writer.key("text"); writer.string(text)
    }
}

extension Hit: JSONObjectFields {
    public func writeFields(to writer: inout JSONWriter) {
        writer.field("rank", rank)
        writer.field("score", score)
        writer.field("percent", percent)
        passage.writeFields(to: &writer)
        writer.key("snippet"); writer.string(snippet)
        writer.key("highlights")
        writer.beginArray()
        for span in highlights {
            writer.beginArray()
            for offset in span { writer.int(offset) }
            writer.endArray()
        }
        writer.endArray()
        writer.field("collapsed", collapsed)
        if partial { writer.key("partial"); writer.bool(true) }
    }
}

extension JSONWriter {
    /// An array of values that write themselves.
    public mutating func array(_ values: [some JSONWritable]) {
        beginArray()
        for value in values { value.write(to: &self) }
        endArray()
    }
}

extension Rewrite: JSONWritable {
    public func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("kind"); writer.string(kind.rawValue)
        writer.key("from"); writer.string(from)
        writer.field("to", to)
        writer.endObject()
    }
}

extension JSONWriter {
    /// `rewrites` (left out when there are none) and `searched_as_typed`.
    mutating func rewrites(_ rewrites: [Rewrite], searchedAsTyped: Bool) {
        if !rewrites.isEmpty { key("rewrites"); array(rewrites) }
        key("searched_as_typed"); bool(searchedAsTyped)
    }
}

extension Total: JSONWritable {
    public func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("estimate"); writer.int(estimate)
        writer.key("lower"); writer.int(lower)
        writer.key("upper"); writer.int(upper)
        writer.endObject()
    }
}

extension Facets: JSONWritable {
    public func write(to writer: inout JSONWriter) {
        writer.beginObject()
        for (name, counts) in [("modality", modality), ("section", section)] {
            writer.key(dynamic: name)
            writer.beginObject()
            for (value, count) in counts.sorted(by: { $0.key < $1.key }) {
                writer.key(dynamic: value)
                writer.int(count)
            }
            writer.endObject()
        }
        writer.endObject()
    }
}

extension SearchResult: JSONWritable {
    public func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writeSummary(to: &writer)
        writer.key("hits")
        writer.array(hits)
        if let facets { writer.key("facets"); facets.write(to: &writer) }
        writer.endObject()
    }

    /// The fields before the hits: the total, what was searched instead, and the time taken.
    func writeSummary(to writer: inout JSONWriter) {
        writer.key("total"); total.write(to: &writer)
        writer.field("corrected", corrected)
        writer.field("suggestion", suggestion)
        writer.rewrites(rewrites, searchedAsTyped: searchedAsTyped)
        writer.key("took_us"); writer.int(tookMicroseconds)
    }
}

extension RelatedResult: JSONWritable {
    public func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("target"); writer.string(target)
        for (name, list) in [("references", references), ("referenced_by", referencedBy)] {
            guard let list else { continue }
            writer.key(dynamic: name)
            writer.beginArray()
            for id in list { writer.string(id) }
            writer.endArray()
        }
        writer.key("took_us"); writer.int(tookMicroseconds)
        writer.key("hits")
        writer.array(hits)
        writer.endObject()
    }
}

extension Stats: JSONWritable {
    public func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("database"); writer.string(database)
        writer.key("documents"); writer.int(documents)
        writer.key("passages"); writer.int(passages)
        writer.key("modalities"); writer.int(modalities)
        writer.key("revision"); writer.int(revision)
        writer.field("uptime_s", uptimeSeconds)
        writer.field("requests", requests)
        writer.field("served", served)
        if let shards { writer.key("shards"); writer.array(shards) }
        writer.endObject()
    }
}

extension Stats.Shard: JSONWritable {
    public func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("shard"); writer.string(shard)
        writer.key("documents"); writer.int(documents)
        writer.key("passages"); writer.int(passages)
        writer.key("revision")
        if let revision { writer.int(revision) } else { writer.null() }
        writer.endObject()
    }
}

extension Pong: JSONWritable {
    public func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("pong"); writer.bool(pong)
        writer.key("version"); writer.string(version)
        writer.key("pid"); writer.int(pid)
        writer.endObject()
    }
}

extension RequestID {
    func write(to writer: inout JSONWriter) {
        switch self {
        case .number(let number): writer.int(number)
        case .string(let string): writer.string(string)
        }
    }
}

extension Response: JSONWritable {
    public func write(to writer: inout JSONWriter) {
        writer.beginObject()
        if let id { writer.key("id"); id.write(to: &writer) }
        writer.field("db", db)
        writer.key("ok"); writer.bool(ok)
        if let result {
            writer.key("result")
            switch result {
            case .search(let value): value.write(to: &writer)
            case .matches(let value): value.write(to: &writer)
            case .passage(let value): value.write(to: &writer)
            case .related(let value): value.write(to: &writer)
            case .stats(let value): value.write(to: &writer)
            case .pong(let value): value.write(to: &writer)
            case .explain(let value): value.write(to: &writer)
            }
        }
        if let error {
            writer.key("error")
            writer.beginObject()
            writer.key("code"); writer.string(error.code.rawValue)
            writer.key("message"); writer.string(error.message)
            writer.endObject()
        }
        writer.endObject()
    }
}

extension Request: JSONWritable {
    public func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.field("v", v)
        if let id { writer.key("id"); id.write(to: &writer) }
        writer.key("op"); writer.string(op.rawValue)
        writer.field("query", query)
        writer.field("limit", limit)
        writer.field("offset", offset)
        for (name, list) in [("modality", modality), ("section", section)] {
            guard let list else { continue }
            writer.key(dynamic: name)
            writer.beginArray()
            for item in list { writer.string(item) }
            writer.endArray()
        }
        writer.field("collapse", collapse?.rawValue)
        if let facets { writer.key("facets"); writer.bool(facets) }
        writer.field("target", target)
        writer.field("db", db)
        writer.field("cursor", cursor)
        if let exact { writer.key("exact"); writer.bool(exact) }
        writer.endObject()
    }
}
