import Foundation

/// UK forms of a US-spelled word (`behavior` → `behaviour`, `organization` → `organisation`,
/// `catastrophizing` → `catastrophising`, `center` → `centre`, `counseling` → `counselling`).
/// The searcher keeps only forms the index holds, so a wrong guess costs nothing.
enum SpellingVariants {
    /// Replacements tried one at a time, each at every place it occurs in the word.
    private static let rules: [(us: String, uk: String)] = [
        ("iz", "is"), ("yz", "ys"), ("or", "our"), ("er", "re"), ("eled", "elled"), ("eling", "elling"),
        ("eler", "eller"), ("program", "programme"), ("ense", "ence"), ("og", "ogue"), ("ment", "ement"),
    ]

    static func ukForms(of word: String) -> [String] {
        guard word.count >= 4, word.allSatisfy({ $0.isLetter && $0.isASCII }) else { return [] }
        var forms: [String] = []
        for rule in rules {
            var searchStart = word.startIndex
            while let range = word.range(of: rule.us, range: searchStart..<word.endIndex) {
                let form = word.replacingCharacters(in: range, with: rule.uk)
                if form != word, !forms.contains(form) { forms.append(form) }
                searchStart = range.upperBound
            }
        }
        return forms
    }
}
