import JSONText
import ModSearchProtocol

/// Prints hits for people (text) or for pipes (JSON Lines, TSV, ids, count); results only, on stdout.
public struct HitPrinter {
    public enum Format: Equatable, Sendable {
        case text(Terminal.Style, full: Bool)
        case json, tsv, ids, count
    }

    let format: Format

    public init(format: Format) {
        self.format = format
    }

    /// A search or related answer: header (text only), the hits, and a summary line (JSON only).
    public func printResult(hits: [Hit], total: Int, exact: Bool = true, query: String, tookMicroseconds: Int,
                     corrected: String? = nil, suggestion: String? = nil, facets: Facets? = nil) {
        switch format {
        case .count:
            Output.line(String(total))
        case .ids:
            for hit in hits { Output.line(hit.id) }
        case .tsv:
            for hit in hits {
                let fields = [hit.id, hit.modality, hit.section, String(hit.score), hit.snippet]
                Output.line(fields.map(Self.tsvField).joined(separator: "\t"))
            }
        case .json:
            var out: [UInt8] = []
            for hit in hits { out += Self.hitLine(hit) }
            var writer = JSONWriter()
            writer.beginObject()
            writer.key("type"); writer.string("summary")
            writer.key("query"); writer.string(query)
            writer.key("total"); writer.int(total)
            writer.key("shown"); writer.int(hits.count)
            writer.key("took_us"); writer.int(tookMicroseconds)
            writer.field("corrected", corrected)
            writer.field("suggestion", suggestion)
            if let facets { writer.key("facets"); facets.write(to: &writer) }
            writer.endObject()
            Output.write(String(decoding: out + writer.bytes + [0x0A], as: UTF8.self))
        case .text(let style, let full):
            printText(hits: hits, total: total, exact: exact, query: query, style: style, full: full,
                      corrected: corrected, suggestion: suggestion, facets: facets)
        }
    }

    /// One passage on its own (`get`).
    public func printPassage(_ hit: Hit) {
        switch format {
        case .json: Output.write(String(decoding: Self.hitLine(hit), as: UTF8.self))
        case .count: Output.line("1")
        default: printResult(hits: [hit], total: 1, query: "", tookMicroseconds: 0)
        }
    }

    private func printText(hits: [Hit], total: Int, exact: Bool, query: String, style: Terminal.Style, full: Bool,
                           corrected: String?, suggestion: String?, facets: Facets?) {
        let paint = { (code: String, text: String) in style.color ? code + text + Terminal.reset : text }
        var out = ""
        if let corrected {
            out += "No passages match \"\(query)\"; showing results for \"\(paint(Terminal.bold, corrected))\".\n"
        } else if let suggestion {
            out += "Did you mean \"\(paint(Terminal.bold, suggestion))\"?\n"
        }
        if !query.isEmpty {
            let shown = hits.isEmpty ? "" : " (showing \(hits.first!.rank)–\(hits.last!.rank))"
            let count = (exact ? "" : "about ") + "\(total) passage\(total == 1 ? "" : "s")"
            out += "\(count) match\(total == 1 && exact ? "es" : "") \"\(corrected ?? query)\"\(shown)\n"
        }
        for hit in hits {
            let place = [hit.heading, hit.subheading].compactMap { $0 }.joined(separator: " › ")
            out += "\n" + paint(Terminal.bold, "\(hit.rank). \(hit.modality) \(hit.title)") + " — " + place
                + "  " + paint(Terminal.dim, hit.id) + "\n"
            let body = full ? hit.text : Self.styled(hit.snippet, hit.highlights, color: style.color)
            out += WordWrap.wrap(body, width: style.width > 0 ? style.width : 100, indent: "   ") + "\n"
        }
        if let facets {
            out += "\nby modality: " + Self.facetLine(facets.modality) + "\n"
            out += "by section: " + Self.facetLine(facets.section) + "\n"
        }
        Output.write(out)
    }

    /// The snippet with its matches in colour (unchanged when not colouring).
    static func styled(_ snippet: String, _ highlights: [[Int]], color: Bool) -> String {
        guard color, !highlights.isEmpty else { return snippet }
        let bytes = Array(snippet.utf8)
        var out: [UInt8] = []
        var cursor = 0
        for span in highlights where span.count == 2 && span[0] >= cursor && span[1] <= bytes.count {
            out += bytes[cursor..<span[0]]
            out += Array(Terminal.matchStyle.utf8) + bytes[span[0]..<span[1]] + Array(Terminal.reset.utf8)
            cursor = span[1]
        }
        out += bytes[cursor...]
        return String(decoding: out, as: UTF8.self)
    }

    private static func facetLine(_ counts: [String: Int]) -> String {
        counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            .map { "\($0.key) \($0.value)" }.joined(separator: ", ")
    }

    private static func tsvField(_ text: String) -> String {
        String(text.map { $0 == "\t" || $0 == "\n" || $0 == "\r" ? " " : $0 })
    }
}

extension HitPrinter {
    /// A hit as one JSON line with `"type":"hit"` first, flat, so `jq -r .modality` works.
    static func hitLine(_ hit: Hit) -> [UInt8] {
        var writer = JSONWriter()
        writer.beginObject()
        writer.key("type"); writer.string("hit")
        hit.writeFields(to: &writer)
        writer.endObject()
        return writer.bytes + [0x0A]
    }
}
