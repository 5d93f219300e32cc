import MCP
import ModSearchProtocol

/// The tools `modsearch mcp` offers, with the JSON Schemas of their arguments and results.
enum ToolCatalog {
    static let tools = [search, get, related, modalities, stats]

    /// Every tool only reads the index.
    private static let readOnly = Tool.Annotations(readOnlyHint: true, openWorldHint: false)

    private static func input(_ properties: [String: Value], required: [String] = []) -> Value {
        ["type": "object", "properties": .object(properties), "required": .array(required.map { .string($0) }),
         "additionalProperties": false]
    }

    private static func count(_ description: String, _ range: ClosedRange<Int>, default value: Int) -> Value {
        ["type": "integer", "minimum": .int(range.lowerBound), "maximum": .int(range.upperBound), "default": .int(value),
         "description": .string(description)]
    }

    static let limits = (search: 1...Limits.maxLimit, offset: 0...Limits.maxOffset, context: 0...10, ids: 1...100)

    static let search = Tool(
        name: "search",
        title: "Search passages",
        description: """
            Ranked passages of the modality documents for a query, best first. The query language: words \
            (all must match), "a phrase", -exclude, OR, NOT, NEAR, wildcard*, and the fields modality:MOD032, \
            section:evidence, title:…, heading:…, related:MOD039. A misspelt word is corrected (the result \
            says so in corrected).
            """,
        inputSchema: input([
            "query": ["type": "string", "description": "What to search for, in the query language above"],
            "modality": ["type": "array", "items": ["type": "string"],
                         "description": "Only passages of these modalities, by id (MOD032)"],
            "section": ["type": "array", "items": ["type": "string"],
                        "description": "Only passages of these sections, by slug, short name or heading (evidence, definition)"],
            "by": ["type": "string", "enum": .array(Collapse.allCases.map { .string($0.rawValue) }),
                   "description": "Only the best passage of each modality, or of each section"],
            "limit": count("Passages to return", limits.search, default: Limits.defaultLimit),
            "offset": count("Passages to skip first (paging)", limits.offset, default: 0),
        ], required: ["query"]),
        annotations: readOnly,
        outputSchema: ResultSchemas.object([
            "query": ResultSchemas.string,
            "total": ResultSchemas.total,
            "corrected": ["type": "string", "description": "The query searched instead of the one given"],
            "suggestion": ["type": "string", "description": "A spelling the index suggests when nothing matched"],
            "took_us": ResultSchemas.integer,
            "hits": ResultSchemas.array(ResultSchemas.hit),
        ], required: ["query", "total", "hits"]))

    static let get = Tool(
        name: "get",
        title: "Read passages",
        description: "Whole passages by id (as search returns them), optionally with the passages around each in its section.",
        inputSchema: input([
            "ids": ["type": "array", "items": ["type": "string"], "minItems": .int(limits.ids.lowerBound),
                    "maxItems": .int(limits.ids.upperBound), "description": "Passage ids, mod032/definition/1"],
            "context": count("Passages to add before and after each one, from its section", limits.context, default: 0),
        ], required: ["ids"]),
        annotations: readOnly,
        outputSchema: ResultSchemas.object([
            "passages": ResultSchemas.array(ResultSchemas.passageInContext),
            "missing": ResultSchemas.array(ResultSchemas.object(["id": ResultSchemas.string, "error": ResultSchemas.string],
                                                                required: ["id", "error"])),
        ], required: ["passages", "missing"]))

    static let related = Tool(
        name: "related",
        title: "Related passages or modalities",
        description: """
            For a passage id: similar passages from other modalities. For a modality id (MOD032): the \
            modalities it cross-references and those that reference it, then the most similar modalities \
            by content, one passage each.
            """,
        inputSchema: input([
            "target": ["type": "string", "description": "A passage id (mod032/definition/1) or a modality id (MOD032)"],
            "limit": count("Passages to return", limits.search, default: Limits.defaultLimit),
        ], required: ["target"]),
        annotations: readOnly,
        outputSchema: ResultSchemas.object([
            "target": ResultSchemas.string,
            "references": ResultSchemas.strings,
            "referenced_by": ResultSchemas.strings,
            "took_us": ResultSchemas.integer,
            "hits": ResultSchemas.array(ResultSchemas.hit),
        ], required: ["target", "hits"]))

    static let modalities = Tool(
        name: "modalities",
        title: "List modalities",
        description: """
            Every modality of the index: its id, title, passage count, the modalities its Related Therapies \
            cross-reference and those that reference it, and the resource with its whole document.
            """,
        inputSchema: input([:]),
        annotations: readOnly,
        outputSchema: ResultSchemas.object([
            "modalities": ResultSchemas.array(ResultSchemas.object([
                "id": ResultSchemas.string, "title": ResultSchemas.string, "passages": ResultSchemas.integer,
                "references": ResultSchemas.strings, "referenced_by": ResultSchemas.strings,
                "resource": ResultSchemas.string,
            ], required: ["id", "title", "passages", "references", "referenced_by", "resource"])),
        ], required: ["modalities"]))

    static let stats = Tool(
        name: "stats",
        title: "Index statistics",
        description: "What the index holds: its path, sections, passages, modalities and revision.",
        inputSchema: input([:]),
        annotations: readOnly,
        outputSchema: ResultSchemas.object([
            "database": ResultSchemas.string, "documents": ResultSchemas.integer,
            "passages": ResultSchemas.integer, "modalities": ResultSchemas.integer, "revision": ResultSchemas.integer,
            "uptime_s": ResultSchemas.number, "requests": ResultSchemas.integer, "served": ResultSchemas.strings,
        ], required: ["database", "documents", "passages", "modalities", "revision"]))
}
