extension QueryBuilder {
    /// A word the documents use this many times or fewer may be a typo of a word they use
    /// `rareRatio` times as often (retried only when the query matched nothing).
    private static let rareFrequency = 2
    private static let rareRatio = 20

    /// Which words may be typos: those no passage holds in any form (the stemmed term counts:
    /// `pendulating` is no typo of `pendulation`), or those the index holds `rareFrequency` times
    /// or fewer when their suggestion is `rareRatio` times as frequent.
    enum Suspects { case unknown, rare }

    /// The text with each suspect word replaced: by itself without accents when the index holds
    /// that, else by the index's suggestion when `SpellingRules` finds it plausibly the word
    /// meant. An unknown word left as typed is reported too. Words the synonym table uses and US
    /// spellings of indexed UK words are meant as typed. The suggestion lookup costs more than
    /// the term checks, so it comes after them.
    func correctingSpelling(of text: QueryText, _ suspects: Suspects) -> (QueryText, [QueryRewrite]) {
        var rewrites: [QueryRewrite] = []
        let corrected = text.replacingWords { run in
            let word = run.lowercased()
            guard word.allSatisfy(\.isLetter), !synonyms.mentions(word), ukFormsInIndex(of: word).isEmpty else {
                return nil
            }
            let frequency = occurrences(of: word)
            switch suspects {
            case .unknown:
                guard frequency == 0, !holdsStem(of: word) else { return nil }
                let folded = SpellingRules.folded(word)
                if folded != word, occurrences(of: folded) > 0 || holdsStem(of: folded) {
                    rewrites.append(QueryRewrite(.accents, from: run, to: folded))
                    return folded
                }
                guard let suggestion = plausibleSuggestion(for: folded) else {
                    rewrites.append(QueryRewrite(.unknownWord, from: run, to: nil))
                    return nil
                }
                rewrites.append(QueryRewrite(.spelling, from: run, to: suggestion))
                return suggestion
            case .rare:
                guard frequency > 0, frequency <= Self.rareFrequency, let suggestion = plausibleSuggestion(for: word),
                      occurrences(of: suggestion) >= Self.rareRatio * frequency else { return nil }
                rewrites.append(QueryRewrite(.spelling, from: run, to: suggestion))
                return suggestion
            }
        }
        return (corrected, rewrites)
    }

    private func holdsStem(of word: String) -> Bool {
        (try? database.termExists(Schema.Prefix.stem + stemmer.stem(word))) == true
    }

    private func plausibleSuggestion(for word: String) -> String? {
        // Shorter words are never corrected (`SpellingRules`): no lookup for them.
        guard word.count >= 5, let suggestion = try? spelling.spellingSuggestion(for: word), suggestion != word,
              SpellingRules.isPlausibleCorrection(of: word, to: suggestion) else { return nil }
        return suggestion
    }
}
