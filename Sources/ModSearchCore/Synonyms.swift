import QueryLanguage

/// Groups of equivalent words and phrases (`Corpus/synonyms.txt`) and the query rewriting that
/// uses them: `behavior activation` is also searched as `(behavior OR behaviour) activation`.
///
/// Xapian's own synonym table maps terms to terms, so it cannot give `CFT` the phrase
/// "compassion-focused therapy"; rewriting the query text can, and leaves the exact form in
/// place so the searcher can rank it first.
public struct SynonymTable: Sendable, Equatable {
    /// Each entry as lower-case words ("compassion focused therapy"), by group.
    private var groups: [[String]] = []
    /// The key a run of query words must have to name each entry (same shape as `groups`).
    private var keys: [[String]] = []
    private var groupOf: [String: Int] = [:]
    private var longest = 1
    private var entryWords: Set<String> = []

    public static let empty = SynonymTable()

    public init() {}

    /// Parses the file format: one group a line, entries separated by commas, `#` comments.
    ///
    /// An abbreviation (an entry without spaces written with two or more capitals: `ACT`, `CfD`,
    /// `TF-CBT`) is named only by itself in any letter case, so `acting` never means ACT; other
    /// entries are named by their singular or plural (`teenager` names `teenagers`).
    public init(text: String) {
        for line in text.split(whereSeparator: \.isNewline) {
            let content = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            let raw = content.split(separator: ",").filter { !Self.words(in: $0).isEmpty }
            guard raw.count > 1 else { continue }
            let entries = raw.map { Self.words(in: $0) }
            groups.append(entries.map { $0.joined(separator: " ") })
            keys.append(zip(raw, entries).map { text, words in
                let isAbbreviation = text.split(separator: " ").count == 1
                    && text.filter(\.isUppercase).count >= 2
                return isAbbreviation ? Self.exactKey(words) : Self.singularKey(words)
            })
            for (words, key) in zip(entries, keys[keys.count - 1]) {
                groupOf[key] = groups.count - 1
                longest = max(longest, words.count)
                entryWords.formUnion(words)
            }
        }
    }

    /// `=` + words for an abbreviation, `~` + singular words for anything else, so the two never collide.
    private static func exactKey(_ words: [String]) -> String { "=" + words.joined(separator: " ") }

    private static func singularKey(_ words: [String]) -> String {
        "~" + words.map(singular).joined(separator: " ")
    }

    /// The English plural endings only. A full stemmer would be too eager for whole entries:
    /// Porter's `mental` stands for both `mentalization` and `mental`.
    static func singular(_ word: String) -> String {
        guard word.count > 3 else { return word }
        if word.hasSuffix("ies") { return word.dropLast(3) + "y" }
        if word.hasSuffix("ss") || word.hasSuffix("us") || word.hasSuffix("is") { return word }
        return word.hasSuffix("s") ? String(word.dropLast()) : word
    }

    public var isEmpty: Bool { groups.isEmpty }
    public var groupCount: Int { groups.count }

    /// The file an indexed folder may hold; `modsearch index` loads it into the index.
    public static let fileName = "synonyms.txt"

    /// The query with every run of plain words that is a synonym entry replaced by
    /// `(run OR alternative …)`; nil when nothing matched. Phrases, fields, operators and
    /// words marked `+`/`-` are left alone.
    func expand(_ query: QueryText) -> String? {
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
            var match: (end: Int, group: Int, key: String)?
            var words: [String] = []
            var end = index
            while end < tokens.count, tokens[end].kind == .word || (tokens[end].kind == .space && end > index) {
                if tokens[end].kind == .word {
                    words += Self.words(in: tokens[end].text)
                    if words.count > longest { break }
                    for key in [Self.exactKey(words), Self.singularKey(words)] {
                        if let group = groupOf[key] { match = (end, group, key) }
                    }
                }
                end += 1
            }
            guard let match else {
                out += token.text
                index += 1
                continue
            }
            let original = tokens[index...match.end].map(\.text).joined()
            let alternatives = zip(groups[match.group], keys[match.group]).filter { $0.1 != match.key }
                .map { $0.0.contains(" ") ? "\"\($0.0)\"" : $0.0 }
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
        text.lowercased().split(whereSeparator: { !WordCharacters.contains($0) }).map(String.init)
    }
}
