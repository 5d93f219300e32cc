/// Groups of equivalent words and phrases (`Corpus/synonyms.txt`) and the query rewriting that
/// uses them: `behavior activation` is also searched as `(behavior OR behaviour) activation`.
///
/// Xapian's own synonym table maps terms to terms, so it cannot give `CFT` the phrase
/// "compassion-focused therapy"; rewriting the query text can, and leaves the exact form in
/// place so the searcher can rank it first.
public struct SynonymTable: Sendable, Equatable {
    /// Each entry as lower-case words ("compassion focused therapy"), mapped to its group.
    private var groups: [[String]] = []
    private var groupOf: [String: Int] = [:]
    private var longest = 1

    public static let empty = SynonymTable()

    public init() {}

    /// Parses the file format: one group a line, entries separated by commas, `#` comments.
    public init(text: String) {
        for line in text.split(whereSeparator: \.isNewline) {
            let content = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            let entries = content.split(separator: ",").map { Self.words(in: $0).joined(separator: " ") }
                .filter { !$0.isEmpty }
            guard entries.count > 1 else { continue }
            groups.append(entries)
            for entry in entries {
                groupOf[entry] = groups.count - 1
                longest = max(longest, entry.split(separator: " ").count)
            }
        }
    }

    public var isEmpty: Bool { groups.isEmpty }
    public var groupCount: Int { groups.count }

    /// The file an indexed folder may hold; `modsearch index` loads it into the index.
    public static let fileName = "synonyms.txt"

    /// The query with every run of plain words that is a synonym entry replaced by
    /// `(run OR alternative …)`; nil when nothing matched. Phrases, fields, operators and
    /// words marked `+`/`-` are left alone.
    ///
    /// `variants` may offer alternatives for single words the table does not know (other
    /// spellings of the same word, say).
    public func expand(_ query: String, variants: (String) -> [String] = { _ in [] }) -> String? {
        let tokens = QueryTokens(query)
        var out = ""
        var changed = false
        var index = 0
        while index < tokens.items.count {
            let item = tokens.items[index]
            guard item.isPlainWord else {
                out += item.text
                index += 1
                continue
            }
            // The longest run of plain words starting here that names an entry.
            var match: (end: Int, group: Int)?
            var words: [String] = []
            var end = index
            while end < tokens.items.count, tokens.items[end].isPlainWord || (tokens.items[end].isSpace && end > index) {
                if tokens.items[end].isPlainWord {
                    words += Self.words(in: tokens.items[end].text)
                    if words.count > longest { break }
                    if let group = groupOf[words.joined(separator: " ")] { match = (end, group) }
                }
                end += 1
            }
            guard let match else {
                let others = variants(item.text.lowercased())
                if others.isEmpty {
                    out += item.text
                } else {
                    out += "(" + item.text + " OR " + others.joined(separator: " OR ") + ")"
                    changed = true
                }
                index += 1
                continue
            }
            let original = tokens.items[index...match.end].map(\.text).joined()
            let key = tokens.items[index...match.end].filter(\.isPlainWord).flatMap { Self.words(in: $0.text) }
                .joined(separator: " ")
            let alternatives = groups[match.group].filter { $0 != key }
                .map { $0.contains(" ") ? "\"\($0)\"" : $0 }
            out += "(" + original + " OR " + alternatives.joined(separator: " OR ") + ")"
            changed = true
            index = match.end + 1
        }
        return changed ? out : nil
    }

    /// Lower-case words of an entry or a query word; hyphens and apostrophes split words.
    static func words(in text: some StringProtocol) -> [String] {
        text.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
    }
}

/// A query string cut into pieces: plain words, spaces, and everything the rewriting must not touch.
struct QueryTokens {
    struct Item {
        var text: String
        var isPlainWord: Bool
        var isSpace: Bool
    }

    private(set) var items: [Item] = []

    static let operators: Set<String> = ["AND", "OR", "NOT", "XOR", "NEAR", "ADJ", "SYN"]

    init(_ query: String) {
        var current = ""
        var inQuote = false
        func flush() {
            guard !current.isEmpty else { return }
            let bare = current.split(separator: "/").first.map(String.init) ?? current
            let plain = current.first.map { $0.isLetter || $0.isNumber } == true
                && !current.contains(":") && !current.hasSuffix("*") && !Self.operators.contains(bare)
                && current.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "'" || $0 == "’" }
            items.append(Item(text: current, isPlainWord: plain, isSpace: false))
            current = ""
        }
        for character in query {
            if inQuote {
                current.append(character)
                if character == "\"" {
                    inQuote = false
                    items.append(Item(text: current, isPlainWord: false, isSpace: false))
                    current = ""
                }
            } else if character == "\"" {
                flush()
                inQuote = true
                current.append(character)
            } else if character == " " || character == "\t" {
                flush()
                if let last = items.last, last.isSpace {
                    items[items.count - 1].text.append(character)
                } else {
                    items.append(Item(text: String(character), isPlainWord: false, isSpace: true))
                }
            } else if character == "(" || character == ")" {
                flush()
                items.append(Item(text: String(character), isPlainWord: false, isSpace: false))
            } else {
                current.append(character)
            }
        }
        if inQuote {
            items.append(Item(text: current, isPlainWord: false, isSpace: false))
        } else {
            flush()
        }
    }
}
