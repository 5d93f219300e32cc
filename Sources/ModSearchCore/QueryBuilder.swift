import XapianKit

/// Turns a prepared query into the Xapian query to match: the typed words, their synonyms and
/// other spellings weighted below them, and spelling corrections of words the index lacks.
///
/// Made per request by the `Searcher` (it only holds references), so it always sees the
/// synonyms and database revision the searcher has.
struct QueryBuilder {
    let database: Database
    let parser: QueryParser
    let stemmer: Stemmer
    let synonyms: SynonymTable
    let tuning: Tuning

    /// What to match, and what the answer says about spelling.
    struct Plan {
        var query: Query
        /// The query searched instead of the typed one, when spelling changed it.
        var corrected: String?
        /// A spelling worth suggesting, when it was not searched.
        var suggestion: String?
        /// The text behind `query`.
        fileprivate var text: QueryText
        fileprivate var typed: QueryText
    }

    /// The first query to try. A word that no passage holds in any form (`transferrence`) cannot
    /// match as typed, so it is replaced by the index's spelling suggestion up front: waiting for
    /// an empty answer would miss typos in queries that still match through their other words or
    /// synonyms, and Xapian's own correction also "corrects" words the index holds
    /// (`grief` → `brief`).
    func plan(_ typed: QueryText) throws -> Plan {
        let corrected = tuning.spelling ? correctingSpelling(of: typed, when: isUnknown) : typed
        let changed = corrected != typed
        return Plan(query: try query(for: corrected), corrected: changed ? corrected.text : nil,
                    text: corrected, typed: typed)
    }

    /// The query to try when `plan` matched nothing: the words as typed if a correction was
    /// searched (suggesting it); else the query with the UK forms of US spellings the index also
    /// holds (`license`, `licence`) and with corrections of rare words that look like typos of
    /// much more frequent ones (reported as corrected, and used only if it finds something).
    func retry(after plan: Plan) throws -> Plan? {
        guard tuning.spelling else { return nil }
        if let corrected = plan.corrected {
            return Plan(query: try query(for: plan.typed), suggestion: corrected, text: plan.typed, typed: plan.typed)
        }
        let corrected = correctingSpelling(of: plan.typed, when: isRareNextTo)
        return Plan(query: try query(for: corrected, variants: ukFormsInIndex),
                    corrected: corrected != plan.typed ? corrected.text : nil, text: corrected, typed: plan.typed)
    }

    /// The query for the text and, weighted below it, the same text with synonyms and other spellings.
    private func query(for text: QueryText, variants: ((String) -> [String])? = nil) throws -> Query {
        let query = try parse(text.text)
        guard tuning.synonyms, let expanded = synonyms.expand(text, variants: variants ?? knownVariants) else {
            return query
        }
        // The alternatives count for less, so passages in the query's own words come first.
        return try Query(.or, [query, try parse(expanded).scaled(by: Schema.synonymWeight)])
    }

    private func parse(_ text: String) throws -> Query {
        try parser.parseQuery(text, flags: [.default, .wildcard, .pureNot, .synonym])
    }

    /// Other spellings of a word that the index holds, when the word itself is not there (a word
    /// the index has is meant as typed: `there` is no US spelling of `three`).
    private func knownVariants(of word: String) -> [String] {
        guard (try? database.termExists(word)) == false else { return [] }
        return ukFormsInIndex(of: word)
    }

    private func ukFormsInIndex(of word: String) -> [String] {
        SpellingVariants.ukForms(of: word).filter { (try? database.termExists($0)) == true }
    }

    // MARK: - spelling

    /// Words shorter than this are left alone: a one- or two-letter edit turns them into too
    /// many other words.
    private static let shortestCorrectable = 4
    /// A word the index holds this many times or fewer may be a typo of a word it holds
    /// `rareRatio` times as often (retried only when the query matched nothing).
    private static let rareFrequency = 2
    private static let rareRatio = 20
    /// Xapian's prefix for the stemmed forms its term generator adds.
    private static let stemPrefix = "Z"

    /// The text with each word that `needsCorrection` accepts replaced by its suggestion.
    /// Words the synonym table uses and US spellings of indexed UK words are meant as typed.
    private func correctingSpelling(of text: QueryText, when needsCorrection: (String, String) -> Bool) -> QueryText {
        text.replacingWords { run in
            let word = run.lowercased()
            guard word.count >= Self.shortestCorrectable, word.allSatisfy(\.isLetter), !synonyms.mentions(word),
                  knownVariants(of: word).isEmpty,
                  let suggestion = try? database.spellingSuggestion(for: word), suggestion != word,
                  needsCorrection(word, suggestion) else { return nil }
            return suggestion
        }
    }

    /// True when no passage holds the word in any form (the stemmed term counts: `pendulating`
    /// is no typo of `pendulation`).
    private func isUnknown(_ word: String, suggestion _: String) -> Bool {
        (try? database.termExists(word)) == false
            && (try? database.termExists(Self.stemPrefix + stemmer.stem(word))) == false
    }

    private func isRareNextTo(_ word: String, suggestion: String) -> Bool {
        let frequency = (try? database.termFrequency(word)) ?? 0
        let other = (try? database.termFrequency(suggestion)) ?? 0
        return frequency <= Self.rareFrequency && other >= Self.rareRatio * max(frequency, 1)
    }
}
