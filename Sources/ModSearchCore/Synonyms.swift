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
    private var entryWords: Set<String> = []

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
                let words = entry.split(separator: " ").map(String.init)
                longest = max(longest, words.count)
                entryWords.formUnion(words)
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
    func expand(_ query: QueryText, variants: (String) -> [String] = { _ in [] }) -> String? {
        let tokens = query.tokens
        var out = ""
        var changed = false
        var index = 0
        while index < tokens.count {
            let token = tokens[index]
            guard token.kind == .word else {
                out += token.text
                index += 1
                continue
            }
            // The longest run of plain words starting here that names an entry.
            var match: (end: Int, group: Int)?
            var words: [String] = []
            var end = index
            while end < tokens.count, tokens[end].kind == .word || (tokens[end].kind == .space && end > index) {
                if tokens[end].kind == .word {
                    words += Self.words(in: tokens[end].text)
                    if words.count > longest { break }
                    if let group = groupOf[words.joined(separator: " ")] { match = (end, group) }
                }
                end += 1
            }
            guard let match else {
                let others = variants(token.text.lowercased())
                if others.isEmpty {
                    out += token.text
                } else {
                    out += "(" + token.text + " OR " + others.joined(separator: " OR ") + ")"
                    changed = true
                }
                index += 1
                continue
            }
            let original = tokens[index...match.end].map(\.text).joined()
            let key = tokens[index...match.end].filter { $0.kind == .word }.flatMap { Self.words(in: $0.text) }
                .joined(separator: " ")
            let alternatives = groups[match.group].filter { $0 != key }
                .map { $0.contains(" ") ? "\"\($0)\"" : $0 }
            out += "(" + original + " OR " + alternatives.joined(separator: " OR ") + ")"
            changed = true
            index = match.end + 1
        }
        return changed ? out : nil
    }

    /// Whether some entry uses the (lower-case) word, so that it is meant as typed.
    func mentions(_ word: String) -> Bool { entryWords.contains(word) }

    /// Lower-case words of an entry or a query word; hyphens and apostrophes split words.
    static func words(in text: some StringProtocol) -> [String] {
        text.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
    }
}
