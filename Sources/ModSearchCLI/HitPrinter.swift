import ModSearchProtocol
import enum ModalityDocs.VisibleText

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
    public func hits(_ hits: [Hit], context: [Context] = []) { write(hits.map(Entry.hit), context) }

    /// Passages looked up by id (`get`), whole.
    public func passages(_ passages: [Passage], context: [Context] = []) { write(passages.map(Entry.passage), context) }

    /// What one line (or block) of output is about: a hit, or a passage looked up by id.
    enum Entry {
        case hit(Hit)
        case passage(Passage)

        var passage: Passage {
            switch self {
            case .hit(let hit): hit.passage
            case .passage(let passage): passage
            }
        }

        /// The text to show short: a hit's snippet, a passage whole.
        var snippet: String {
            switch self {
            case .hit(let hit): hit.snippet
            case .passage(let passage): passage.text
            }
        }
    }

    private func write(_ entries: [Entry], _ context: [Context]) {
        var out = ""
        for (index, entry) in entries.enumerated() {
            let around = index < context.count ? context[index] : Context()
            let passage = entry.passage
            switch (format, entry) {
            case (.count, _): break
            case (.ids, _): out += passage.id + "\n"
            case (.tsv, _):
                let score = if case .hit(let hit) = entry, let score = hit.score { String(score) } else { "" }
                out += tsvLine([passage.id, passage.modality, passage.section, score, entry.snippet, passage.source,
                                String(passage.line)])
            case (.json, _):
                let record = switch entry {
                case .hit(let hit): JSONRecords.hit(hit)
                case .passage(let passage): JSONRecords.passage(passage)
                }
                out += around.before.map { JSONRecords.context($0, around: passage.id) }.joined() + record
                    + around.after.map { JSONRecords.context($0, around: passage.id) }.joined()
            case (.vimgrep(let full), _):
                let (line, column) = if case .hit(let hit) = entry { places.position(of: hit) } else { (passage.line, 1) }
                out += vimgrepLine(passage, line: line, column: column, text: full ? passage.text : entry.snippet)
            case (.text(let style, let full), _):
                out += TextHits(style: style, places: places).entry(entry, full: full, context: around)
            }
        }
        Output.write(out)
    }

    /// Tabs and line breaks inside a field become spaces, and other control characters escapes.
    private func tsvLine(_ fields: [String]) -> String {
        fields.map { VisibleText.escaped(String($0.map { $0 == "\t" || $0 == "\n" || $0 == "\r" ? " " : $0 })) }
            .joined(separator: "\t") + "\n"
    }

    private func vimgrepLine(_ passage: Passage, line: Int, column: Int, text: String) -> String {
        let flat = VisibleText.escaped(String(text.map { $0 == "\n" || $0 == "\r" ? " " : $0 }))
        return "\(places.display(passage.source)):\(line):\(column):\(flat)\n"
    }
}
