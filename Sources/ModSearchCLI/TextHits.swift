import ModSearchProtocol
import enum ModalityDocs.VisibleText

/// Hits as people read them: a title line (rank, modality, section, id, `path:line` to open in an
/// editor), then the snippet or the whole passage, wrapped, with `-C` passages around it. The
/// documents' text is printed with its control characters escaped (`VisibleText`): a stray escape
/// byte in a document must not colour or rewrite the reader's terminal.
struct TextHits {
    let style: Terminal.Style
    let places: SourcePlaces

    private func paint(_ code: String, _ text: String) -> String { style.color ? code + text + Terminal.reset : text }

    private var width: Int { style.width > 0 ? style.width : 100 }

    /// A hit with its rank and its snippet (whole with `full`), or a looked-up passage whole.
    func entry(_ entry: HitPrinter.Entry, full: Bool, context: HitPrinter.Context) -> String {
        var number = ""
        var body = VisibleText.escaped(entry.passage.text)
        if case .hit(let hit) = entry {
            number = hit.rank.map { "\($0). " } ?? ""
            if !full { body = Self.styled(hit.snippet, hit.highlights, color: style.color) }
        }
        return "\n" + title(number, entry.passage) + context.before.map(contextLines).joined()
            + WordWrap.wrap(body, width: width, indent: "   ") + "\n" + context.after.map(contextLines).joined()
    }

    private func title(_ number: String, _ passage: Passage) -> String {
        let place = VisibleText.escaped([passage.heading, passage.subheading].compactMap { $0 }.joined(separator: " › "))
        return paint(Terminal.bold, VisibleText.escaped("\(number)\(passage.modality) \(passage.title)")) + " — " + place
            + "  " + paint(Terminal.dim, VisibleText.escaped(passage.id) + "  " + places.place(passage)) + "\n"
    }

    /// A passage printed for context: dimmed, marked at the margin.
    private func contextLines(_ passage: Passage) -> String {
        paint(Terminal.dim, WordWrap.wrap(VisibleText.escaped(passage.text), width: width, indent: "   │ ")) + "\n"
    }

    /// The snippet, escaped, with its matches in colour when colouring.
    static func styled(_ snippet: String, _ highlights: [[Int]], color: Bool) -> String {
        guard color, !highlights.isEmpty else { return VisibleText.escaped(snippet) }
        let bytes = Array(snippet.utf8)
        func shown(_ range: Range<Int>) -> String { VisibleText.escaped(String(decoding: bytes[range], as: UTF8.self)) }
        var out = ""
        var cursor = 0
        for span in highlights where span.count == 2 && span[0] >= cursor && span[1] <= bytes.count {
            out += shown(cursor..<span[0]) + Terminal.matchStyle + shown(span[0]..<span[1]) + Terminal.reset
            cursor = span[1]
        }
        return out + shown(cursor..<bytes.count)
    }
}
