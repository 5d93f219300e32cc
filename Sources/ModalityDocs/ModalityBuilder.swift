/// The parser's state machine: fed trimmed lines in order, it groups them into blocks and
/// turns blocks into passages under the right section and subheading.
struct ModalityBuilder {
    /// Consecutive non-blank lines read as one unit (a paragraph, a bullet, a question…).
    private struct Block {
        var kind: Passage.Kind
        var lines: [(number: Int, text: String)]
        var isAnswer = false
        var text: String { lines.map(\.text).joined(separator: " ") }
    }

    private struct Subheading {
        let text: String
        let line: Int
        var used = false
    }

    let source: String
    let maxPassageWords: Int

    private var id: String?
    private var title: String?
    private var sections: [Section] = []
    private var current: Int?  // index into sections
    private var subheading: Subheading?
    private var block: Block?
    private var question: Block?
    private var references: [String] = []
    private var warnings: [String] = []
    private var sawContent = false
    private var sawHeading = false

    init(source: String, maxPassageWords: Int) {
        self.source = source
        self.maxPassageWords = maxPassageWords
    }

    mutating func warn(line: Int, _ message: String) {
        warnings.append("\(FileName.shown(source)):\(line): \(message)")
    }

    mutating func consume(line text: String, number: Int) {
        if text.isEmpty {
            endBlock()
            return
        }
        switch LineKind(text, titleAllowed: id == nil && !sawHeading) {
        case .chrome:
            endBlock()
        case .title(let id, let name):
            endBlock()
            if sawContent { warn(line: number, "text before the title line is kept in section 'overview'") }
            self.id = id
            self.title = name
        case .heading(let canonical):
            endBlock()
            endSection()
            sawHeading = true
            startSection(canonical, heading: text, line: number)
        case .bullet(let item):
            sawContent = true
            endBlock()
            block = Block(kind: .bullet, lines: [(number, item)])
        case .answer:
            sawContent = true
            endBlock()
            block = Block(kind: .paragraph, lines: [(number, text)], isAnswer: true)
        case .text:
            sawContent = true
            if block != nil {
                block!.lines.append((number, text))
            } else {
                block = Block(kind: .paragraph, lines: [(number, text)])
            }
        }
    }

    mutating func finish() throws(DocumentError) -> Modality {
        endBlock()
        endSection()
        guard let id, let title else {
            throw DocumentError(file: source, reason: sawContent ? .noTitle : .noContent)
        }
        guard sections.contains(where: { !$0.passages.isEmpty }) else {
            throw DocumentError(file: source, reason: .noContent)
        }
        let lowerID = id.lowercased()
        for s in sections.indices {
            for p in sections[s].passages.indices {
                sections[s].passages[p].id = "\(lowerID)/\(sections[s].slug)/\(p + 1)"
            }
        }
        return Modality(id: id, title: title, source: source, sections: sections,
                        references: references.filter { $0 != id }, warnings: warnings)
    }

    // MARK: - Sections

    private mutating func startSection(_ canonical: CanonicalSection, heading: String, line: Int) {
        if let existing = sections.firstIndex(where: { $0.slug == canonical.slug }) {
            warn(line: line, "section '\(canonical.heading)' appears again; its passages continue the first one")
            current = existing
        } else {
            sections.append(Section(slug: canonical.slug, heading: heading, alias: canonical.alias, passages: []))
            current = sections.count - 1
        }
    }

    /// Closes the open section: a held question or an unused subheading becomes a passage of its own.
    private mutating func endSection() {
        flushQuestion()
        flushUnusedSubheading()
        subheading = nil
    }

    private mutating func flushUnusedSubheading() {
        if let heading = subheading, !heading.used {
            subheading = nil
            append(Block(kind: .paragraph, lines: [(heading.line, heading.text)]))
        }
    }

    // MARK: - Blocks

    /// Decides what the finished block is: a subheading, a question waiting for its answer, or a passage.
    private mutating func endBlock() {
        guard let finished = block else { return }
        block = nil
        if finished.lines.count == 1, finished.kind == .paragraph, !finished.isAnswer,
           LineKind.couldBeSubheading(finished.lines[0].text) {
            flushQuestion()
            flushUnusedSubheading()
            subheading = Subheading(text: finished.lines[0].text, line: finished.lines[0].number)
            return
        }
        if finished.isAnswer, var asked = question {
            question = nil
            asked.kind = .question
            asked.lines += finished.lines
            append(asked)
            return
        }
        flushQuestion()
        if finished.kind == .paragraph, !finished.isAnswer, finished.text.hasSuffixQuestion {
            question = finished
            return
        }
        append(finished)
    }

    private mutating func flushQuestion() {
        if let asked = question {
            question = nil
            append(asked)
        }
    }

    /// Adds the block to the open section (creating `overview` if none is open yet), split if long.
    private mutating func append(_ block: Block) {
        if current == nil {
            let overview = CanonicalSection.overview
            sections.append(Section(slug: overview.slug, heading: overview.heading, alias: nil, passages: []))
            current = sections.count - 1
        }
        let section = sections[current!]
        var kind = block.kind
        let text = block.text
        if kind == .paragraph {
            if section.slug == "related-therapies", text.contains("(MOD") {
                kind = .related
            } else if section.slug == "self-study-resources", subheading != nil {
                kind = .resource
            }
        }
        if kind == .related { references.append(contentsOf: CrossReferences.ids(in: text).filter { !references.contains($0) }) }
        subheading?.used = true
        var lineStarts: [(offset: Int, line: Int)] = []
        var offset = 0
        for line in block.lines {
            lineStarts.append((offset, line.number))
            offset += line.text.utf8.count + 1
        }
        for piece in PassageSplitter.split(text, maxWords: maxPassageWords) {
            let line = lineStarts.last(where: { $0.offset <= piece.offset })?.line ?? block.lines[0].number
            sections[current!].passages.append(
                Passage(id: "", kind: kind, subheading: subheading?.text, line: line, text: piece.text))
        }
    }
}

private extension String {
    /// Ends with `?`, allowing closing quotes or brackets after it.
    var hasSuffixQuestion: Bool {
        guard let last = unicodeScalars.lastIndex(where: { !"\"”’)]".unicodeScalars.contains($0) }) else { return false }
        return unicodeScalars[last] == "?"
    }
}

/// Modality ids: `MOD` and digits.
public enum ModalityID {
    /// Longer runs of digits are not read as ids: ids become index terms, which Xapian limits
    /// to about 245 bytes, and no catalogue numbers its approaches in the billions.
    public static let maxDigits = 9
}

/// Cross-references to other modalities, written `(MODnnn)` in Related Therapies items.
public enum CrossReferences {
    /// Ids written as `(MODnnn)` (any case), upper-cased, in order.
    public static func ids(in text: String) -> [String] {
        let bytes = Array(text.utf8)
        var found: [String] = []
        var index = 0
        while index + 5 < bytes.count {
            defer { index += 1 }
            guard bytes[index] == UInt8(ascii: "("),
                  bytes[index + 1] | 0x20 == UInt8(ascii: "m"),
                  bytes[index + 2] | 0x20 == UInt8(ascii: "o"),
                  bytes[index + 3] | 0x20 == UInt8(ascii: "d") else { continue }
            var end = index + 4
            while end < bytes.count, bytes[end] >= UInt8(ascii: "0"), bytes[end] <= UInt8(ascii: "9") { end += 1 }
            if end > index + 4, end - (index + 4) <= ModalityID.maxDigits, end < bytes.count, bytes[end] == UInt8(ascii: ")") {
                found.append("MOD" + String(decoding: bytes[(index + 4)..<end], as: UTF8.self))
            }
        }
        return found
    }
}
