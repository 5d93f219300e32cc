import JSONText
import MCP
import ModSearchCLI
import ModSearchClient
import ModSearchProtocol

/// The modality documents as resources, `modsearch://MOD032`, built from the index through the
/// wire protocol, so that a document holds the passages and ids that searches return.
enum ModalityResources {
    static let scheme = "modsearch://"
    static let mimeType = "application/json"
    /// Every passage: a query of exclusions only matches everything but them, and no modality is `none`.
    static let everyPassage = "NOT modality:none"

    static let template = Resource.Template(
        uriTemplate: scheme + "{modality}", name: "modality", title: "A modality document",
        description: "A modality's whole document as indexed: its sections and passages, and its cross-references",
        mimeType: mimeType)

    /// A modality of the index, as the `modalities` tool and the resource list show it.
    struct Modality {
        var id: String
        var title: String
        var passages: Int
        var references: [String] = []
        var referencedBy: [String] = []
    }

    static func uri(of modality: String) -> String { scheme + modality }

    /// The modality id a resource URI names (any case), or nil for another URI.
    static func modality(in uri: String) -> String? {
        guard uri.hasPrefix(scheme) else { return nil }
        let id = uri.dropFirst(scheme.count)
        // Letters and digits only: the id goes into a query.
        return id.isEmpty || !id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) ? nil : id.uppercased()
    }

    /// Every modality by id, with its title and passage count: the best passage of each modality
    /// of a search for every passage, pages of a thousand modalities at a time.
    static func list(_ backend: any Backend) throws(ProtocolError) -> [Modality] {
        var modalities: [Modality] = []
        while true {
            let request = Request(op: .search, query: everyPassage, limit: Limits.maxLimit, offset: modalities.count,
                                  collapse: .modality, facets: true)
            guard case .search(let page) = try backend.send(request) else { throw Session.unexpected }
            modalities += page.hits.map { Modality(id: $0.modality, title: $0.title, passages: page.facets?.modality[$0.modality] ?? 0) }
            if page.hits.count < Limits.maxLimit { break }
        }
        return modalities.sorted { $0.id < $1.id }
    }

    /// `list`, with each modality's cross-references both ways.
    static func modalities(_ backend: any Backend) throws(ProtocolError) -> [Modality] {
        var modalities = try list(backend)
        for index in modalities.indices {
            (modalities[index].references, modalities[index].referencedBy) = try crossReferences(modalities[index].id, backend)
        }
        return modalities
    }

    private static func crossReferences(_ id: String, _ backend: any Backend) throws(ProtocolError) -> ([String], [String]) {
        guard case .related(let related) = try backend.send(Request(op: .related, limit: 0, target: id)) else {
            throw Session.unexpected
        }
        return (related.references ?? [], related.referencedBy ?? [])
    }

    /// The whole document of a modality as JSON: every passage, a batch at a time, grouped into
    /// its sections in the order of the file. An unknown modality is an error naming the nearest.
    static func document(_ id: String, _ backend: any Backend) throws(ProtocolError) -> String {
        var passages: [Passage] = []
        var cursor: Int? = 0
        while let from = cursor {
            // The `modality` field checks the id, which the query alone would not.
            let request = Request(op: .matches, query: "modality:\(id)", limit: Limits.maxLimit, modality: [id], cursor: from)
            guard case .matches(let batch) = try backend.send(request) else { throw Session.unexpected }
            passages += batch.matches.map(\.passage)
            cursor = batch.next
        }
        guard let first = passages.first else { throw ProtocolError(.notFound, "no modality with id '\(id)'") }
        passages.sort { $0.line < $1.line }
        let (references, referencedBy) = try crossReferences(id, backend)
        return JSONBridge.object { writer in
            writer.key("id"); writer.string(first.modality)
            writer.key("title"); writer.string(first.title)
            writer.key("source"); writer.string(first.source)
            writer.key("sections")
            writer.beginArray()
            for (index, passage) in passages.enumerated() {
                if index == 0 || passages[index - 1].section != passage.section {
                    if index > 0 { writer.endArray(); writer.endObject() }
                    writer.beginObject()
                    writer.key("slug"); writer.string(passage.section)
                    writer.key("heading"); writer.string(passage.heading)
                    writer.key("passages")
                    writer.beginArray()
                }
                writer.beginObject()
                writer.key("id"); writer.string(passage.id)
                writer.key("line"); writer.int(passage.line)
                writer.field("subheading", passage.subheading)
                writer.key("text"); writer.string(passage.text)
                writer.endObject()
            }
            writer.endArray(); writer.endObject()
            writer.endArray()
            writer.field("references", references)
            writer.field("referenced_by", referencedBy)
        }.text
    }
}

/// Resources: the list, and each document, with MCP errors (not tool errors) when one fails.
extension Session {
    func resources() throws -> [Resource] {
        let modalities: [ModalityResources.Modality]
        do throws(ProtocolError) {
            modalities = try withBackend { backend throws(ProtocolError) in try ModalityResources.list(backend) }
        } catch {
            throw MCPError.internalError(Commands.message(for: error))
        }
        return modalities.map { modality in
            Resource(name: modality.id, uri: ModalityResources.uri(of: modality.id), title: modality.title,
                     description: "\(modality.title): the whole document, \(modality.passages) passages by section",
                     mimeType: ModalityResources.mimeType)
        }
    }

    func read(_ uri: String) throws -> Resource.Content {
        guard let id = ModalityResources.modality(in: uri) else {
            throw MCPError.invalidParams("no resource '\(uri)': modsearch's resources are \(ModalityResources.scheme)MODnnn")
        }
        do throws(ProtocolError) {
            let document = try withBackend { backend throws(ProtocolError) in try ModalityResources.document(id, backend) }
            return .text(document, uri: ModalityResources.uri(of: id), mimeType: ModalityResources.mimeType)
        } catch where error.code == .badRequest || error.code == .notFound {
            // The protocol's code for a resource that does not exist.
            throw MCPError.serverError(code: -32002, message: Commands.message(for: error))
        } catch {
            throw MCPError.internalError(Commands.message(for: error))
        }
    }
}
