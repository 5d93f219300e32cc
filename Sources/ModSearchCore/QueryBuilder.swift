import XapianKit

/// Turns a prepared query into the query to match: the typed words (a US spelling also in
/// the UK form the index holds), their synonyms weighted below them, wildcards expanded from the
/// vocabulary, spelling corrections of words the index lacks, and the retries made when nothing matched.
///
/// Made per request by the `Searcher` (it only holds references), so it always sees the
/// synonyms and database revision the searcher has.
struct QueryBuilder {
    let database: Database
    let compiler: QueryCompiler
    let stemmer: Stemmer
    let synonyms: SynonymTable
    let tuning: Tuning

    /// What to match, and what the answer says about spelling.
    struct Plan {
        var query: QueryTree
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
    func plan(_ typed: QueryText) throws(EngineError) -> Plan {
        let corrected = tuning.spelling ? correctingSpelling(of: typed, .unknown) : typed
        let changed = corrected != typed
        return Plan(query: try query(for: corrected), corrected: changed ? corrected.text : nil,
                    text: corrected, typed: typed)
    }

    /// The queries to try, in order, while nothing has matched. First spelling: the words as
    /// typed if a correction was searched (suggesting it); else the query with the UK forms of US
    /// spellings the index also holds (`license`, `licence`) and with corrections of rare words
    /// that look like typos of much more frequent ones (reported as corrected, and used only if
    /// it finds something). Then, for several words without operators, passages with any of
    /// them, those with more (and rarer) words first: an empty page helps nobody when one word
    /// of five is missing.
    func retries(after plan: Plan) throws(EngineError) -> [Plan] {
        var retries: [Plan] = []
        var best = plan
        if tuning.spelling {
            if let corrected = plan.corrected {
                retries.append(Plan(query: try query(for: plan.typed), suggestion: corrected, text: plan.typed,
                                    typed: plan.typed))
            } else {
                let corrected = correctingSpelling(of: plan.typed, .rare)
                best = Plan(query: try query(for: corrected, variants: ukFormsInIndex),
                            corrected: corrected != plan.typed ? corrected.text : nil, text: corrected, typed: plan.typed)
                retries.append(best)
            }
        }
        if tuning.partialMatches, Self.canRelax(best.text) {
            // The answer says that it searched for any of the words, as it does for a correction.
            retries.append(Plan(query: try query(for: best.text, anyWord: true), corrected: Self.anyOf(best.text),
                                text: best.text, typed: best.typed))
        }
        return retries
    }

    /// `a OR b OR "c d"`: how a relaxed query is reported.
    private static func anyOf(_ text: QueryText) -> String {
        text.tokens.filter { $0.kind == .word || $0.kind == .phrase }.map(\.text).joined(separator: " OR ")
    }

    /// Two or more words or phrases, and no operator or group whose meaning an OR would change.
    private static func canRelax(_ text: QueryText) -> Bool {
        let terms = text.tokens.filter { $0.kind == .word || $0.kind == .phrase }
        let operators = text.tokens.filter {
            $0.kind == .other && (QueryText.operators.contains($0.text) || $0.text == "(" || $0.text == ")")
        }
        return terms.count > 1 && operators.isEmpty
    }

    /// The query for the text (a US spelling also searched in the UK form the index holds) and,
    /// weighted below it, the same with synonyms. `anyWord` asks for passages with any of the
    /// words rather than all.
    private func query(for text: QueryText, variants: ((String) -> [String])? = nil,
                       anyWord: Bool = false) throws(EngineError) -> QueryTree {
        let variants = variants ?? knownVariants
        let text = expandingWildcards(text)
        // Other spellings belong with the synonyms: plain defaults search the words as typed.
        let spelled = tuning.synonyms ? Self.withVariants(text, variants) : text
        var query = try compiler.compile(spelled.text, anyWord: anyWord)
        if tuning.synonyms, let expanded = synonyms.expand(spelled) {
            // The alternatives count for less, so passages in the query's own words come first.
            query = .or([query, .scale(try compiler.compile(expanded, anyWord: anyWord), factor: Schema.synonymWeight)])
        }
        return query
    }

    /// `compas*` → `(compassion OR compassionate OR …)`: the most used words of the vocabulary
    /// with that beginning. The index's terms are stems, on which a wildcard over terms would
    /// match other words than the ones typed (`mindful*` is not a beginning of the stem `mind`).
    private func expandingWildcards(_ text: QueryText) -> QueryText {
        var changed = false
        let expanded = text.tokens.map { token -> String in
            guard token.kind == .other, token.text.count > 2, token.text.hasSuffix("*"),
                  case let stem = token.text.dropLast(), stem.allSatisfy(\.isLetter) else { return token.text }
            let words = ((try? database.spellingWords(prefix: stem.lowercased())) ?? [])
                .sorted { $0.frequency > $1.frequency }.prefix(Self.wildcardWords).map(\.word)
            guard !words.isEmpty else { return token.text }
            changed = true
            return "(" + words.joined(separator: " OR ") + ")"
        }
        return changed ? QueryText(expanded.joined()) : text
    }

    /// Words a wildcard stands for, at most.
    private static let wildcardWords = 50

    /// Each plain word with other spellings as `(word OR other …)`, at the word's full weight: the
    /// other spelling is the word the person meant, not a neighbour of it (and the typed form's
    /// stem may belong to other words: `hospitalization` and `hospitals` are both `hospit`).
    private static func withVariants(_ text: QueryText, _ variants: (String) -> [String]) -> QueryText {
        var changed = false
        let spelled = text.tokens.map { token in
            guard token.kind == .word, token.text.allSatisfy(\.isLetter) else { return token.text }
            let others = variants(token.text.lowercased())
            guard !others.isEmpty else { return token.text }
            changed = true
            return "(" + ([token.text] + others).joined(separator: " OR ") + ")"
        }
        return changed ? QueryText(spelled.joined()) : text
    }

    /// The words of the text as typed, for `Tuning.exactFormWeight`: a query's terms are stems,
    /// which match every form of a word alike (`genograms` for `genogram`), and a person expects the form they
    /// typed first. A US spelling's exact form is its UK one, the form the documents use.
    func exactWords(of plan: Plan) -> [String] {
        plan.text.tokens.filter { $0.kind == .word }.flatMap { token -> [String] in
            let word = token.text.lowercased()
            let variants = ukFormsInIndex(of: word)
            return variants.isEmpty ? [word] : variants
        }
    }

    /// Other spellings of a word that the index holds, when the word itself is not there (a word
    /// the index has is meant as typed: `there` is no US spelling of `three`).
    private func knownVariants(of word: String) -> [String] {
        guard occurrences(of: word) == 0 else { return [] }
        return ukFormsInIndex(of: word)
    }

    private func ukFormsInIndex(of word: String) -> [String] {
        SpellingVariants.ukForms(of: word).filter { occurrences(of: $0) > 0 }
    }

    /// How often the documents use a word as written (the spelling data counts every use).
    private func occurrences(of word: String) -> Int {
        (try? database.spellingFrequency(of: word)) ?? 0
    }

    // MARK: - spelling

    /// Words shorter than this are left alone: a one- or two-letter edit turns them into too
    /// many other words.
    private static let shortestCorrectable = 4
    /// A word the documents use this many times or fewer may be a typo of a word they use
    /// `rareRatio` times as often (retried only when the query matched nothing).
    private static let rareFrequency = 2
    private static let rareRatio = 20

    /// Which words may be typos: those no passage holds in any form (the stemmed term counts:
    /// `pendulating` is no typo of `pendulation`), or those the index holds `rareFrequency` times
    /// or fewer when their suggestion is `rareRatio` times as frequent.
    private enum Suspects { case unknown, rare }

    /// The text with each suspect word replaced by its suggestion. Words the synonym table uses
    /// and US spellings of indexed UK words are meant as typed. The suggestion lookup costs tens
    /// of µs, so it comes after the cheap term checks.
    private func correctingSpelling(of text: QueryText, _ suspects: Suspects) -> QueryText {
        text.replacingWords { run in
            let word = run.lowercased()
            guard word.count >= Self.shortestCorrectable, word.allSatisfy(\.isLetter), !synonyms.mentions(word) else {
                return nil
            }
            let frequency = occurrences(of: word)
            switch suspects {
            case .unknown:
                guard frequency == 0, (try? database.termExists(Schema.Prefix.stem + stemmer.stem(word))) == false else {
                    return nil
                }
            case .rare:
                guard frequency > 0, frequency <= Self.rareFrequency else { return nil }
            }
            guard ukFormsInIndex(of: word).isEmpty,
                  let suggestion = try? database.spellingSuggestion(for: word), suggestion != word else { return nil }
            if suspects == .rare, occurrences(of: suggestion) < Self.rareRatio * frequency {
                return nil
            }
            return suggestion
        }
    }
}
