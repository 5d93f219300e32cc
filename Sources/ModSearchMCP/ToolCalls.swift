import JSONText
import MCP
import ModSearchCLI
import ModSearchClient
import ModSearchProtocol

/// The tools at work: each call is read against its schema, answered with wire-protocol requests,
/// and returned as JSON text and the same JSON as structured content. A failure is a tool error
/// whose text is the line `modsearch` prints for it.
extension Session {
    func call(_ name: String, arguments: [String: Value]) throws -> CallTool.Result {
        guard let tool = ToolCatalog.tools.first(where: { $0.name == name }) else {
            throw MCPError.invalidParams("unknown tool '\(name)' (modsearch has \(ToolCatalog.tools.map(\.name).joined(separator: ", ")))")
        }
        do throws(ProtocolError) {
            let result = try answer(tool, ToolArguments(tool: tool, arguments))
            return CallTool.Result(content: [.text(text: result.text, annotations: nil, _meta: nil)],
                                   structuredContent: result.value as Value?, isError: false)
        } catch {
            return CallTool.Result(content: [.text(text: Commands.message(for: error), annotations: nil, _meta: nil)],
                                   isError: true)
        }
    }

    private func answer(_ tool: Tool, _ arguments: ToolArguments) throws(ProtocolError) -> (text: String, value: Value) {
        switch tool.name {
        case ToolCatalog.search.name: try search(arguments)
        case ToolCatalog.get.name: try get(arguments)
        case ToolCatalog.related.name: try related(arguments)
        case ToolCatalog.modalities.name: try modalities()
        default: try stats()
        }
    }

    private func search(_ arguments: ToolArguments) throws(ProtocolError) -> (text: String, value: Value) {
        let query = try arguments.requiredString("query")
        guard query.contains(where: { !$0.isWhitespace }) else { throw ProtocolError(.badRequest, "the query is empty") }
        let modality = try arguments.strings("modality"), section = try arguments.strings("section")
        let request = Request(
            op: .search, query: query,
            limit: try arguments.integer("limit", in: ToolCatalog.limits.search, default: Limits.defaultLimit),
            offset: try arguments.integer("offset", in: ToolCatalog.limits.offset, default: 0),
            modality: modality.isEmpty ? nil : modality, section: section.isEmpty ? nil : section,
            collapse: try arguments.choice("by", among: Collapse.allCases.map(\.rawValue)).flatMap(Collapse.init))
        guard case .search(let answer) = try withBackend({ backend throws(ProtocolError) in try backend.send(request) })
        else { throw Self.unexpected }
        return JSONBridge.object { writer in
            writer.key("query"); writer.string(query)
            writer.key("total"); answer.total.write(to: &writer)
            writer.field("corrected", answer.corrected)
            writer.field("suggestion", answer.suggestion)
            writer.key("took_us"); writer.int(answer.tookMicroseconds)
            writer.key("hits")
            writer.beginArray()
            for hit in answer.hits { hit.write(to: &writer) }
            writer.endArray()
        }
    }

    private func get(_ arguments: ToolArguments) throws(ProtocolError) -> (text: String, value: Value) {
        let ids = try arguments.strings("ids")
        guard !ids.isEmpty else { throw ProtocolError(.badRequest, "get needs at least one passage id, such as mod032/definition/1") }
        guard ids.count <= ToolCatalog.limits.ids.upperBound else {
            throw ProtocolError(.badRequest, "get: at most \(ToolCatalog.limits.ids.upperBound) ids a call; got \(ids.count)")
        }
        let context = try arguments.integer("context", in: ToolCatalog.limits.context, default: 0)
        return try withBackend { backend throws(ProtocolError) in
            var found: [Passage] = []
            var missing: [(id: String, error: String)] = []
            for id in ids {
                do throws(ProtocolError) {
                    guard case .passage(let passage) = try backend.send(Request(op: .get, target: id)) else { throw Self.unexpected }
                    found.append(passage)
                } catch where error.code == .notFound {
                    missing.append((id, Commands.message(for: error)))
                }
            }
            // Nothing found is an error, as `modsearch get` finding nothing is; some found is an answer.
            if found.isEmpty, let first = missing.first { throw ProtocolError(.notFound, first.error) }
            let contexts = try Neighbours(backend: backend, count: context).around(found.map(\.id))
            return JSONBridge.object { writer in
                writer.key("passages")
                writer.beginArray()
                for (index, passage) in found.enumerated() {
                    writer.beginObject()
                    passage.writeFields(to: &writer)
                    if index < contexts.count {
                        writer.key("before"); writer.passages(contexts[index].before)
                        writer.key("after"); writer.passages(contexts[index].after)
                    }
                    writer.endObject()
                }
                writer.endArray()
                writer.key("missing")
                writer.beginArray()
                for (id, error) in missing {
                    writer.beginObject()
                    writer.key("id"); writer.string(id)
                    writer.key("error"); writer.string(error)
                    writer.endObject()
                }
                writer.endArray()
            }
        }
    }

    private func related(_ arguments: ToolArguments) throws(ProtocolError) -> (text: String, value: Value) {
        let target = try arguments.requiredString("target")
        guard !target.isEmpty else {
            throw ProtocolError(.badRequest, "related needs one passage id or modality id (mod032/definition/1, MOD032)")
        }
        let request = Request(op: .related, limit: try arguments.integer("limit", in: ToolCatalog.limits.search,
                                                                          default: Limits.defaultLimit),
                              target: target)
        guard case .related(let answer) = try withBackend({ backend throws(ProtocolError) in try backend.send(request) })
        else { throw Self.unexpected }
        return JSONBridge.object(answer)
    }

    private func modalities() throws(ProtocolError) -> (text: String, value: Value) {
        let modalities = try withBackend { backend throws(ProtocolError) in try ModalityResources.modalities(backend) }
        return JSONBridge.object { writer in
            writer.key("modalities")
            writer.beginArray()
            for modality in modalities {
                writer.beginObject()
                writer.key("id"); writer.string(modality.id)
                writer.key("title"); writer.string(modality.title)
                writer.key("passages"); writer.int(modality.passages)
                writer.field("references", modality.references)
                writer.field("referenced_by", modality.referencedBy)
                writer.key("resource"); writer.string(ModalityResources.uri(of: modality.id))
                writer.endObject()
            }
            writer.endArray()
        }
    }

    private func stats() throws(ProtocolError) -> (text: String, value: Value) {
        guard case .stats(let stats) = try withBackend({ backend throws(ProtocolError) in try backend.send(Request(op: .stats)) })
        else { throw Self.unexpected }
        return JSONBridge.object(stats)
    }

    static let unexpected = ProtocolError(.internalError, "unexpected answer from the daemon")
}

extension JSONWriter {
    mutating func passages(_ passages: [Passage]) {
        beginArray()
        for passage in passages { passage.write(to: &self) }
        endArray()
    }
}
