import Foundation

/// UK forms of a US-spelled word (`behavior` → `behaviour`, `organization` → `organisation`,
/// `catastrophizing` → `catastrophising`, `center` → `centre`, `counseling` → `counselling`).
/// The searcher keeps only forms the index holds, so a wrong guess costs nothing.
enum SpellingVariants {
    /// Replacements tried one at a time, each at every place it occurs in the word.
    private static let rules: [(us: [UInt8], uk: [UInt8])] = [
        ("iz", "is"), ("yz", "ys"), ("or", "our"), ("er", "re"), ("eled", "elled"), ("eling", "elling"),
        ("eler", "eller"), ("program", "programme"), ("ense", "ence"), ("og", "ogue"), ("ment", "ement"),
    ].map { (Array($0.utf8), Array($1.utf8)) }

    /// Every word of a query asks, so this works on bytes: Foundation's `range(of:)` cost more
    /// than the index lookups of the forms it finds.
    static func ukForms(of word: String) -> [String] {
        let bytes = Array(word.utf8)
        guard bytes.count >= 4, bytes.allSatisfy({ (0x41...0x5A).contains($0 & 0xDF) }) else { return [] }
        var forms: [String] = []
        for rule in rules where rule.us.count <= bytes.count {
            for start in 0...(bytes.count - rule.us.count) where bytes[start..<start + rule.us.count].elementsEqual(rule.us) {
                let form = String(decoding: bytes[..<start] + rule.uk + bytes[(start + rule.us.count)...], as: UTF8.self)
                if form != word, !forms.contains(form) { forms.append(form) }
            }
        }
        return forms
    }
}

/// Singular and plural of words English took from Latin and Greek, which the stemmer keeps
/// apart (`analysis` is `analysi`, `analyses` is `analys`): `-sis`/`-ses`, `-on`/`-a`, `-um`/`-a`,
/// `-us`/`-i`. The searcher keeps only forms the index holds.
enum ClassicalPlurals {
    private static let pairs: [(singular: String, plural: String)] = [
        ("sis", "ses"), ("on", "a"), ("um", "a"), ("us", "i"),
    ]

    static func otherForms(of word: String) -> [String] {
        guard word.count >= 5, word.allSatisfy({ $0.isLetter && $0.isASCII }) else { return [] }
        var forms: [String] = []
        for pair in pairs {
            if word.hasSuffix(pair.singular) { forms.append(String(word.dropLast(pair.singular.count)) + pair.plural) }
            if word.hasSuffix(pair.plural) { forms.append(String(word.dropLast(pair.plural.count)) + pair.singular) }
        }
        return forms.filter { $0 != word }
    }
}

/// When the index's spelling suggestion for a word it lacks is plausibly the word meant: a
/// typo, not another word. Short words are left alone (an edit or two turns them into too many
/// others: `zebra` is not `cobra`, `stats` not `states`); longer ones allow one edit, and long
/// ones two. Accents are folded first, so `café` is `cafe` before anything is corrected.
enum SpellingRules {
    /// The word without accents (`naïve` → `naive`).
    static func folded(_ word: String) -> String {
        String(String.UnicodeScalarView(word.decomposedStringWithCanonicalMapping.unicodeScalars
            .filter { !(0x300...0x36F).contains($0.value) }))
    }

    static func isPlausibleCorrection(of typed: String, to suggestion: String) -> Bool {
        let typed = Array(typed), suggestion = Array(suggestion)
        let distance = editDistance(typed, suggestion)
        switch typed.count {
        case ..<5: return false
        // A short word that gains or loses a letter is as likely another word (`stats`, `states`).
        case 5...6: return distance == 1 && typed.count == suggestion.count
        case 7...9: return distance == 1
        default: return distance <= 2
        }
    }

    /// Edits (insertions, deletions, substitutions, transpositions of neighbours) from a to b.
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var before = [Int](0...b.count)
        var previous = before
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = Swift.min(current[j], before[j - 2] + 1)
                }
            }
            (before, previous, current) = (previous, current, before)
        }
        return previous[b.count]
    }
}
