/// A query of plain words (and quoted phrases), with no operator, field, sign or group: a
/// question or a handful of keywords. Its passages with all the words rank first, then those with
/// some; function words (`what`, `is`, `the`) are not required and rank nothing.
struct PlainQuery {
    /// The words and phrases as typed.
    let parts: [String]
    /// The parts that carry meaning: all but function words (all parts when every one is one).
    let content: [String]

    /// Nil when the query uses any operator, field, sign, group or wildcard.
    init?(_ text: QueryText) {
        var parts: [String] = []
        for token in text.tokens {
            switch token.kind {
            case .space: continue
            case .word, .phrase: parts.append(token.text)
            case .other where Self.isPunctuatedWord(token.text): parts.append(token.text)
            case .other where Self.isPunctuation(token.text): continue
            case .field, .other: return nil
            }
        }
        guard !parts.isEmpty else { return nil }
        self.parts = parts
        let content = parts.filter { !FunctionWords.contains(String($0.filter { $0.isLetter || $0 == "'" || $0 == "’" })) }
        self.content = content.isEmpty ? parts : content
    }

    /// A word with punctuation around it (`titles?`, `CBT,`): not an operator, a sign, a group,
    /// a wildcard or a NEAR/ADJ window.
    private static func isPunctuatedWord(_ text: String) -> Bool {
        guard let first = text.first, first.isLetter || first.isNumber, !QueryText.operators.contains(text) else {
            return false
        }
        return !text.contains { "*()/\"".contains($0) }
    }

    /// Punctuation on its own (`?`, `–`), which the grammar reads as nothing.
    private static func isPunctuation(_ text: String) -> Bool {
        !text.contains { $0.isLetter || $0.isNumber || "*()\"".contains($0) }
    }

    /// The content words as a query of their own.
    var contentText: QueryText { QueryText(content.joined(separator: " ")) }

    /// Whether passages with only some of the words are worth showing.
    var canBePartial: Bool { content.count > 1 }
}

/// English function words: they join a question together and tell little about what it is about.
/// A word typed in capitals (`IT`, `WHO`, `US`) is read as a name, not as one of them.
enum FunctionWords {
    static func contains(_ typed: String) -> Bool {
        guard !(typed.count > 1 && typed.allSatisfy(\.isUppercase)) else { return false }
        return words.contains(typed.lowercased().replacingOccurrences(of: "’", with: "'"))
    }

    private static let words: Set<String> = [
        "a", "about", "after", "again", "against", "all", "also", "am", "an", "and", "any", "are", "as", "at",
        "be", "because", "been", "before", "being", "between", "both", "but", "by", "can", "could", "did",
        "do", "does", "doing", "down", "during", "each", "else", "few", "for", "from", "further", "get", "gets",
        "had", "has", "have", "having", "he", "her", "here", "hers", "him", "his", "how", "i", "i'm", "if",
        "in", "into", "is", "it", "its", "it's", "itself", "just", "may", "me", "might", "more", "most", "much",
        "must", "my", "myself", "no", "nor", "not", "now", "of", "off", "on", "once", "only", "or", "other",
        "our", "ours", "out", "over", "own", "same", "shall", "she", "should", "so", "some", "such", "than",
        "that", "the", "their", "theirs", "them", "then", "there", "these", "they", "this", "those", "through",
        "to", "too", "under", "until", "up", "upon", "very", "was", "we", "were", "what", "when", "where",
        "which", "while", "who", "whom", "whose", "why", "will", "with", "would", "you", "your", "yours",
        "yourself",
    ]
}
