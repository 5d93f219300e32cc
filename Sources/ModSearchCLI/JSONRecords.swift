import JSONText
import ModSearchProtocol

/// The records of `--json` output (docs/json-output.md): one JSON object a line, each with its
/// `type` first. Every output carries the version of this format once: in the summary that ends
/// `search`, `related` and `get`, and in the one record `stats`, `index` and `parse` print each.
public enum JSONRecords {
    /// Raised when a record changes in a way a reader could trip on (a key removed or retyped);
    /// new keys may appear without it.
    public static let format = 1

    /// A record: `{"type":…,` the fields `fill` writes `}` and a newline.
    public static func record(_ type: StaticString, versioned: Bool = false, _ fill: (inout JSONWriter) -> Void) -> String {
        var writer = JSONWriter()
        writer.beginObject()
        writer.key("type"); writer.string(String(describing: type))
        if versioned { writer.key("format"); writer.int(format) }
        fill(&writer)
        writer.endObject()
        return String(decoding: writer.bytes + [0x0A], as: UTF8.self)
    }

    /// The summary that ends an output, naming the command it ends.
    static func summary(_ command: String, _ fill: (inout JSONWriter) -> Void) -> String {
        record("summary", versioned: true) { writer in
            writer.key("command"); writer.string(command)
            fill(&writer)
        }
    }

    static func hit(_ hit: Hit) -> String { record("hit") { hit.writeFields(to: &$0) } }

    static func passage(_ passage: Passage) -> String { record("passage") { passage.writeFields(to: &$0) } }

    /// A passage printed around a hit by `-C`: `hit` is the id of the hit it belongs to.
    static func context(_ passage: Passage, around hit: String) -> String {
        record("context") { writer in
            writer.key("hit"); writer.string(hit)
            passage.writeFields(to: &writer)
        }
    }

    static func stats(_ stats: Stats) -> String {
        record("stats", versioned: true) { writer in
            writer.key("database"); writer.string(stats.database)
            writer.counts([("documents", stats.documents), ("passages", stats.passages), ("modalities", stats.modalities),
                           ("revision", stats.revision)])
            writer.field("uptime_s", stats.uptimeSeconds)
            writer.field("requests", stats.requests)
            writer.field("served", stats.served)
            if let shards = stats.shards {
                writer.key("shards")
                writer.beginArray()
                for shard in shards { shard.write(to: &writer) }
                writer.endArray()
            }
        }
    }
}

extension JSONWriter {
    /// Integer fields, in order.
    public mutating func counts(_ fields: [(String, Int)]) {
        for (name, value) in fields {
            key(dynamic: name)
            int(value)
        }
    }
}
