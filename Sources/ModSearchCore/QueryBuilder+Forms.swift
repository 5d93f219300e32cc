extension QueryBuilder {
    /// A word's other forms that the index holds: its classical plural or singular
    /// (`analyses` for `analysis`), and the same as two words when the index holds both
    /// (`metaanalysis` as `meta-analysis`, `wellbeing` as `well-being`).
    func otherForms(of word: String) -> [String] {
        var forms = ClassicalPlurals.otherForms(of: word).filter { occurrences(of: $0) > 0 }
        if let split = split(word, known: occurrences(of: word) > 0) {
            forms.append(split)
            forms += compoundForms(of: split)
        }
        return forms
    }

    /// The other ways of writing a hyphenated compound that the index holds: as one word
    /// (`wellbeing` for `well-being`) and with its last part's classical plural or singular
    /// (`meta-analyses` for `meta-analysis`).
    func compoundForms(of word: String) -> [String] {
        let parts = word.split(separator: "-").map(String.init)
        guard parts.count > 1, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isLetter) }) else { return [] }
        var forms: [String] = []
        let joined = parts.joined()
        if occurrences(of: joined) > 0 { forms.append(joined) }
        for plural in ClassicalPlurals.otherForms(of: parts[parts.count - 1]) where occurrences(of: plural) > 0 {
            forms.append((parts.dropLast() + [plural]).joined(separator: "-"))
        }
        return forms
    }

    /// A word as two words the index holds (in some form), joined by a hyphen; where several
    /// splits would do, the one whose rarer half is commonest. A word the index holds itself is
    /// split only into halves of four letters or more (`well-being`), where a chance pair of
    /// short words is unlikely.
    private func split(_ word: String, known: Bool) -> String? {
        let letters = Array(word)
        let shortest = known ? 4 : 3
        guard letters.count >= 2 * shortest + 1 else { return nil }
        var best: (split: String, frequency: Int)?
        for cut in shortest...(letters.count - shortest) {
            let left = String(letters[..<cut]), right = String(letters[cut...])
            // The right half is looked up only when the left one could make a better split.
            let leftFrequency = occurrencesInAnyForm(of: left)
            guard leftFrequency > (best?.frequency ?? 0) else { continue }
            let frequency = Swift.min(leftFrequency, occurrencesInAnyForm(of: right))
            if frequency > 0, frequency > (best?.frequency ?? 0) { best = (left + "-" + right, frequency) }
        }
        return best?.split
    }

    private func occurrencesInAnyForm(of word: String) -> Int {
        ([word] + ClassicalPlurals.otherForms(of: word)).map(occurrences(of:)).max() ?? 0
    }
}
