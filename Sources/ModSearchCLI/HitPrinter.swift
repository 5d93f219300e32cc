import ModSearchProtocol

/// Prints hits for people (text) or for pipes (JSON Lines, TSV, ids, count, vimgrep); results
/// only, on stdout. A command prints a page or a batch at a time, then its summary, so that a
/// stream of every match never holds more than a batch.
public struct HitPrinter {
    public enum Format: Equatable, Sendable {
        case text(Terminal.Style, full: Bool)
        case json, tsv, ids, count
        /// `path:line:column:text`, one passage a line, for editors' quickfix lists.
        case vimgrep(full: Bool)
    }

    /// The passages `-C` prints before and after a hit.
    public struct Context: Sendable {
        public var before: [Passage] = []
        public var after: [Passage] = []

        public init(before: [Passage] = [], after: [Passage] = []) {
            self.before = before
            self.after = after
        }
    }

    let format: Format
    let places = SourcePlaces()

    public init(format: Format) {
        self.format = format
    }

    /// Hits in the order given, each with the passages `-C` asked for around it.
    public func hits(_ hits: [Hit], context: [Context] = []) {
        var out = ""
        for (index, hit) in hits.enumerated() {
            let around = index < context.count ? context[index] : Context()
            switch format {
            case .count: break
            case .ids: out += hit.id + "\n"
            case .tsv:
                out += tsvLine([hit.id, hit.modality, hit.section, hit.score.map { String($0) } ?? "", hit.snippet,
                                hit.passage.source, String(hit.passage.line)])
            case .json:
                out += around.before.map { JSONRecords.context($0, around: hit.id) }.joined()
                out += JSONRecords.hit(hit)
                out += around.after.map { JSONRecords.context($0, around: hit.id) }.joined()
            case .vimgrep(let full):
                let (line, column) = places.position(of: hit)
                out += vimgrepLine(hit.passage, line: line, column: column, text: full ? hit.text : hit.snippet)
            case .text(let style, let full):
                out += TextHits(style: style, places: places).hit(hit, full: full, context: around)
            }
        }
        Output.write(out)
    }

    /// Passages looked up by id (`get`), whole.
    public func passages(_ passages: [Passage], context: [Context] = []) {
        var out = ""
        for (index, passage) in passages.enumerated() {
            let around = index < context.count ? context[index] : Context()
            switch format {
            case .count: break
            case .ids: out += passage.id + "\n"
            case .tsv:
                out += tsvLine([passage.id, passage.modality, passage.section, "", passage.text, passage.source,
                                String(passage.line)])
            case .json:
                out += around.before.map { JSONRecords.context($0, around: passage.id) }.joined()
                out += JSONRecords.passage(passage)
                out += around.after.map { JSONRecords.context($0, around: passage.id) }.joined()
            case .vimgrep:
                out += vimgrepLine(passage, line: passage.line, column: 1, text: passage.text)
            case .text(let style, _):
                out += TextHits(style: style, places: places).passage(passage, context: around)
            }
        }
        Output.write(out)
    }

    private func tsvLine(_ fields: [String]) -> String {
        fields.map { String($0.map { $0 == "\t" || $0 == "\n" || $0 == "\r" ? " " : $0 }) }.joined(separator: "\t") + "\n"
    }

    private func vimgrepLine(_ passage: Passage, line: Int, column: Int, text: String) -> String {
        let flat = String(text.map { $0 == "\n" || $0 == "\r" ? " " : $0 })
        return "\(places.display(passage.source)):\(line):\(column):\(flat)\n"
    }
}
