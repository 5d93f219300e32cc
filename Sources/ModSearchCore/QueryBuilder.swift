import XapianKit

/// Turns a prepared query into the query to match: the typed words (a US spelling also in the
/// UK form the index holds, classical plurals and compounds in their other forms), their synonyms
/// weighted below them, wildcards expanded from the vocabulary, spelling corrections of words the
/// index lacks, the passages with some of the words of a plain query, and the retries made when
/// nothing matched. Every departure from the words as typed is recorded as a `QueryRewrite`.
///
/// Made per request by the `Searcher` (it only holds references), so it always sees the
/// synonyms and database revision the searcher has.
struct QueryBuilder {
    let database: Database
    /// Where the words as written are read: `database`, or a copy of remote shards' spelling data.
    let spelling: Database
    let compiler: QueryCompiler
    let stemmer: Stemmer
    let synonyms: SynonymTable
    let tuning: Tuning
    /// The words as typed only: no correction, no synonyms or other forms, no partial matches.
    let exact: Bool

    /// What to match, and what the answer says about spelling.
    struct Plan {
        var query: QueryTree
        /// For a plain query of several words: passages with any of its content words, to follow
        /// those with all of them.
        var partial: QueryTree?
        /// The query searched instead of the typed one, when spelling changed it.
        var corrected: String?
        /// A spelling worth suggesting, when it was not searched.
        var suggestion: String?
        var rewrites: [QueryRewrite] = []
        /// The text behind `query`.
        fileprivate var text: QueryText
        fileprivate var typed: QueryText

        /// The words all passages of `query` hold, as searched.
        var strictText: String { text.text }
        /// How a partial match is reported: the words of which passages hold some.
        var partialWords: String? {
            partial == nil ? nil : PlainQuery(text).map { $0.content.joined(separator: " OR ") }
        }
    }

    private var correcting: Bool { tuning.spelling && !exact }
    private var expanding: Bool { tuning.synonyms && !exact }

    /// The first query to try. A word that no passage holds in any form (`transferrence`) cannot
    /// match as typed, so it is replaced up front by the index's spelling suggestion when that is
    /// plausibly the word meant; waiting for an empty answer would miss typos in queries that
    /// still match through their other words or synonyms.
    func plan(_ typed: QueryText) throws(EngineError) -> Plan {
        let (corrected, found) = correcting ? correctingSpelling(of: typed, .unknown) : (typed, [])
        var rewrites = found
        let changed = rewrites.contains { $0.kind == .spelling || $0.kind == .accents }
        return try plan(for: corrected, typed: typed, corrected: changed ? corrected.text : nil, rewrites: &rewrites)
    }

    /// The plan for a text: a plain query's content words must all match (its function words
    /// need not), and its partial query finds passages with any of them.
    private func plan(for text: QueryText, typed: QueryText, corrected: String?, variants: ((String) -> [String])? = nil,
                      rewrites: inout [QueryRewrite]) throws(EngineError) -> Plan {
        let plain = PlainQuery(text)
        let strict = plain.map(\.contentText) ?? text
        // Other forms and synonyms are looked up once for both queries.
        let spelled = spelling(of: strict, variants: variants, rewrites: &rewrites)
        var partial: QueryTree?
        if let plain, plain.canBePartial, tuning.partialMatches, !exact {
            partial = try query(for: spelled, anyWord: true)
        }
        return Plan(query: try query(for: spelled), partial: partial, corrected: corrected, rewrites: rewrites,
                    text: strict, typed: typed)
    }

    /// The queries to try, in order, while nothing has matched: the words as typed if a
    /// correction was searched (suggesting it); else the query with the UK forms of US spellings
    /// the index also holds (`license`, `licence`) and with corrections of rare words that look
    /// like typos of much more frequent ones (reported, and used only if it finds something).
    func retries(after plan: Plan) throws(EngineError) -> [Plan] {
        guard correcting else { return [] }
        if let corrected = plan.corrected {
            var rewrites: [QueryRewrite] = []
            var retry = try self.plan(for: plan.typed, typed: plan.typed, corrected: nil, rewrites: &rewrites)
            retry.suggestion = corrected
            return [retry]
        }
        let (corrected, found) = correctingSpelling(of: plan.typed, .rare)
        var rewrites = plan.rewrites.filter { $0.kind == .unknownWord } + found
        let changed = rewrites.contains { $0.kind == .spelling }
        return [try self.plan(for: corrected, typed: plan.typed, corrected: changed ? corrected.text : nil,
                              variants: ukFormsInIndex, rewrites: &rewrites)]
    }

    /// The text as searched: wildcards expanded, and, unless the search is exact, other forms
    /// of its words and the same with synonyms (reported).
    private func spelling(of text: QueryText, variants: ((String) -> [String])?,
                          rewrites: inout [QueryRewrite]) -> (text: QueryText, synonyms: String?) {
        let text = expandingWildcards(text)
        // Other spellings belong with the synonyms: plain defaults search the words as typed.
        guard expanding else { return (text, nil) }
        let spelled = withVariants(text, variants ?? knownVariants, rewrites: &rewrites)
        guard let expanded = synonyms.expand(spelled) else { return (spelled, nil) }
        rewrites.append(QueryRewrite(.synonyms, from: text.text, to: expanded))
        return (spelled, expanded)
    }

    /// The query for a spelled text and, weighted below it, the same with synonyms. `anyWord`
    /// asks for passages with any of the words rather than all.
    private func query(for spelled: (text: QueryText, synonyms: String?), anyWord: Bool = false) throws(EngineError) -> QueryTree {
        let query = try compiler.compile(spelled.text.text, anyWord: anyWord)
        guard let expanded = spelled.synonyms else { return query }
        // The alternatives count for less, so passages in the query's own words come first.
        return .or([query, .scale(try compiler.compile(expanded, anyWord: anyWord), factor: Schema.synonymWeight)])
    }

    /// `compas*` → `(compassion OR compassionate OR …)`: the most used words of the vocabulary
    /// with that beginning. The index's terms are stems, on which a wildcard over terms would
    /// match other words than the ones typed (`mindful*` is not a beginning of the stem `mind`).
    private func expandingWildcards(_ text: QueryText) -> QueryText {
        var changed = false
        let expanded = text.tokens.map { token -> String in
            guard token.kind == .other, token.text.count > 2, token.text.hasSuffix("*"),
                  case let stem = token.text.dropLast(), stem.allSatisfy(\.isLetter) else { return token.text }
            let words = ((try? spelling.spellingWords(prefix: stem.lowercased())) ?? [])
                .sorted { $0.frequency > $1.frequency }.prefix(Self.wildcardWords).map(\.word)
            guard !words.isEmpty else { return token.text }
            changed = true
            return "(" + words.joined(separator: " OR ") + ")"
        }
        return changed ? QueryText(expanded.joined()) : text
    }

    /// Words a wildcard stands for, at most.
    private static let wildcardWords = 50

    /// Each plain word with its other forms as `(word OR other …)`, at the word's full weight:
    /// other spellings (reported), classical plurals and the other ways of writing a compound
    /// that the index holds. The other form is the word the person meant, not a neighbour of it
    /// (and the typed form's stem may belong to other words: `hospitalization` and `hospitals`
    /// are both `hospit`).
    private func withVariants(_ text: QueryText, _ variants: (String) -> [String],
                              rewrites: inout [QueryRewrite]) -> QueryText {
        var changed = false
        var spelled: [String] = []
        for token in text.tokens {
            guard token.kind == .word else {
                spelled.append(token.text)
                continue
            }
            let word = token.text.lowercased()
            var others: [String] = []
            if word.allSatisfy(\.isLetter) {
                let uk = variants(word)
                if !uk.isEmpty { rewrites.append(QueryRewrite(.ukSpelling, from: token.text, to: uk.joined(separator: " "))) }
                others = uk + otherForms(of: word)
            } else {
                others = compoundForms(of: word)
            }
            changed = changed || !others.isEmpty
            spelled.append(others.isEmpty ? token.text : "(" + ([token.text] + others).joined(separator: " OR ") + ")")
        }
        return changed ? QueryText(spelled.joined()) : text
    }

    /// The words of the text as typed, for `Tuning.exactFormWeight`: a query's terms are stems,
    /// which match every form of a word alike (`genograms` for `genogram`), and a person expects
    /// the form they typed first. A US spelling's exact form is its UK one, the form the
    /// documents use.
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

    func ukFormsInIndex(of word: String) -> [String] {
        SpellingVariants.ukForms(of: word).filter { occurrences(of: $0) > 0 }
    }

    /// How often the documents use a word as written (the spelling data counts every use).
    func occurrences(of word: String) -> Int {
        (try? spelling.spellingFrequency(of: word)) ?? 0
    }
}
