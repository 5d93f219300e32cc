import MCP

/// JSON Schemas of what the tools return: the objects of docs/protocol.md, which a client may check
/// a structured result against.
enum ResultSchemas {
    static func object(_ properties: [String: Value], required: [String]) -> Value {
        ["type": "object", "properties": .object(properties), "required": .array(required.map { .string($0) })]
    }

    static func array(_ items: Value) -> Value { ["type": "array", "items": items] }

    static let string: Value = ["type": "string"]
    static let integer: Value = ["type": "integer"]
    static let number: Value = ["type": "number"]
    static let strings = array(string)

    private static let passageFields: [String: Value] = [
        "id": ["type": "string", "description": "Stable passage id: modality/section/ordinal, mod032/definition/1"],
        "modality": ["type": "string", "description": "Modality id, MOD032"],
        "title": ["type": "string", "description": "The modality's name"],
        "section": ["type": "string", "description": "Section slug, evidence-to-efficacy"],
        "heading": string, "subheading": string, "ordinal": integer,
        "source": ["type": "string", "description": "The document's path as indexed"],
        "line": ["type": "integer", "description": "The 1-based line of source the passage starts on"],
        "text": ["type": "string", "description": "The whole passage"],
    ]
    private static let passageRequired = ["id", "modality", "title", "section", "heading", "ordinal", "source", "line", "text"]

    /// A stored passage (`get`).
    static let passage = object(passageFields, required: passageRequired)

    /// A passage a search found, with its rank, score and snippet.
    static let hit = object(passageFields.merging([
        "rank": integer, "score": number, "percent": integer,
        "snippet": ["type": "string", "description": "Plain text around the matches, … where cut"],
        "highlights": ["type": "array", "items": ["type": "array", "items": integer],
                       "description": "Matched spans of snippet as [start, end) UTF-8 byte offsets"],
        "collapsed": ["type": "integer", "description": "With by: other passages of the group folded into this one"],
    ]) { own, _ in own }, required: passageRequired + ["snippet", "highlights"])

    /// A passage of `get`, with the passages around it in its section when `context` asked for them.
    static let passageInContext = object(passageFields.merging([
        "before": array(passage), "after": array(passage),
    ]) { own, _ in own }, required: passageRequired)

    static let total = object(["estimate": integer, "lower": integer, "upper": integer],
                              required: ["estimate", "lower", "upper"])
}
