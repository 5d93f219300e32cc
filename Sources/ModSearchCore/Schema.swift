import ModalityDocs
import XapianKit

/// The index schema: term prefixes, value slots and metadata keys (README, "How the index works").
///
/// One Xapian document per section; its passages occupy separate ranges of term positions, so
/// that the passages satisfying a query can be found inside a matched section (`PassageMatcher`).
public enum Schema {
    /// Bumped whenever documents indexed by an older version would be read wrongly, or an older
    /// version would misread what this one writes.
    /// 2: one document per section (1 was one per passage). 3: section data in a zstd frame.
    /// 4: each stored passage has the line it starts on, which older data cannot give.
    /// 5: section data in value slot 3, not in the document data.
    /// 6: word tiers (`Prefix.wordTier`), which a ranking trusts to hold every section above them.
    /// 7: a word tier for each wdf (`wordTierTerm`), so that a tier's weight needs no posting list.
    /// 8: pair terms (`Prefix.pair`), which a phrase's query trusts every section holding it to have.
    /// 9: section data packed with the section dictionary (`SectionData`), which older versions lack.
    /// 10: positions in a block per section (`Slot.positions`), none in glass's position table.
    public static let version = "10"
    /// Whether this version reads an index of schema `version` correctly, and so updates it in
    /// place (to `version`); none means a new index. Any other is rebuilt by the next index run.
    public static func reads(_ version: String) -> Bool { ["", "10"].contains(version) }

    public enum Prefix {
        /// Stemmed words: `Z` + stem (with a field's prefix between: `ZS` + stem for title words).
        /// Xapian's convention: its term generator writes these under STEM_ALL_Z, `QueryCompiler` alike.
        public static let stem = "Z"
        /// Unique id: `Q` + section key (`mod032/evidence-to-efficacy`).
        public static let id = "Q"
        /// Modality filter: `XM` + lower-case modality id.
        public static let modality = "XM"
        /// Section filter: `XS` + slug, and `XS` + short alias.
        public static let section = "XS"
        /// Cross-reference: `XR` + lower-case target modality id, at the referring passage's position.
        public static let reference = "XR"
        /// Title words (Omega's convention).
        public static let title = "S"
        /// Section heading and subheading words.
        public static let heading = "XH"
        /// Source file: `XF` + hash of its absolute path, so a file's sections go together.
        public static let file = "XF"
        /// Where a word weighs most: `XW` + stem + `:` + wdf (`XWexposur:8`), a boolean term of
        /// each section whose wdf for `Z` + stem is at least `firstWordTier`. The ranking reads
        /// the sections of a word's highest tiers first (`WordTiers`).
        public static let wordTier = "XW"
        /// Words side by side: `XP` + one of 2^12 buckets of two stems (`pairTerm`), a boolean term
        /// of each section where the one stands just before the other, function words apart. A
        /// phrase of common words then reads the few sections of its pairs' terms rather than
        /// checking positions in every section holding all its words.
        public static let pair = "XP"
    }

    /// The term of the sections where stem `first` stands just before stem `second`; nil when
    /// either is a function word, whose pairs are not indexed.
    static func pairTerm(_ first: Substring, _ second: Substring) throws(XapianError) -> String? {
        try PairTerms.term(prefix: Prefix.pair, first: String(first), second: String(second))
    }

    /// The lowest wdf that makes a word tier: under a tenth of a section's words reach it, so the
    /// tier terms add little to the index. It names terms: another needs another schema version,
    /// or an index would lack its terms.
    public static let firstWordTier = 6

    /// The stem of a text word's term (`Z` + stem); nil for any other term, a field's among them
    /// (`ZS` + stem: a capital after `Z` begins a field's prefix).
    static func stem(ofWordTerm term: String) -> Substring? {
        guard term.hasPrefix(Prefix.stem) else { return nil }
        let stem = term.dropFirst(Prefix.stem.count)
        guard let first = stem.utf8.first, !(UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(first) else { return nil }
        return stem
    }

    /// The term marking the sections whose wdf for the word's `Z` term is `wdf` (at least
    /// `firstWordTier`).
    static func wordTierTerm(stem: String, wdf: Int) -> String {
        wordTierPrefix(stem: stem) + String(wdf)
    }

    /// What every word tier term of a stem begins with (then the wdf's digits alone).
    static func wordTierPrefix(stem: String) -> String {
        Prefix.wordTier + stem + ":"
    }

    /// The wdf a word tier term of the stem stands for; nil for any other term.
    static func wdf(ofWordTier term: String, stem: String) -> Int? {
        let prefix = wordTierPrefix(stem: stem)
        let digits = term.utf8.dropFirst(prefix.utf8.count)
        guard term.hasPrefix(prefix), !digits.isEmpty,
              digits.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else { return nil }
        return Int(String(decoding: digits, as: UTF8.self))
    }

    public enum Slot {
        public static let modality: UInt32 = 0
        public static let section: UInt32 = 1
        /// Term count of each position range, two bytes each, little-endian: range 0 (title and
        /// heading, shared by every passage), then passage 1, 2, …
        public static let passageLengths: UInt32 = 2
        /// The positions of the section's terms, one block (`PositionBlock`).
        public static let positions: UInt32 = 4
        /// The section's stored JSON, packed (`SectionData`). A value rather than the document
        /// data: glass tries zlib on every document's data when it writes it and again when it
        /// compacts, which cannot shrink a zstd frame and cost a tenth of indexing, while it
        /// stores values as they are.
        public static let sectionData: UInt32 = 3
    }

    public enum Metadata {
        public static let schema = "modsearch:schema"
        /// The synonym groups (`synonyms.txt` of an indexed folder), as the file's text.
        public static let synonyms = "modsearch:synonyms"
        /// How many passages the index holds, in decimal.
        public static let passages = "modsearch:passages"
        /// The spelling data (`word \t frequency` lines), which Xapian 1.4 cannot read from a
        /// remote shard but carries its metadata: a stub with remote shards spells from these.
        public static let spelling = "modsearch:spelling"
        /// Prefix of per-file records: key + path hash → `contenthash \t modality \t passages \t path`.
        public static let filePrefix = "modsearch:file:"
    }

    /// Positions of passage n start at n × stride; range 0 holds the title and section heading.
    /// The indexer keeps every passage inside its range (`TermBudget`), and `PassageMatcher`
    /// checks phrases and NEAR one range at a time.
    public static let passageStride: UInt32 = 4096
    /// Passages of a section that can be searched; the parser's sections are far smaller, and
    /// any beyond this are stored (and `get` finds them) but not indexed, with a warning.
    public static let maxPassages = 1023

    /// Language of the stemmer used for indexing, queries and snippets alike.
    public static let stemmer = "english"
    /// Every word is indexed once, stemmed (`Z` + stem) with its positions, and queries stem
    /// every word alike, so phrases match other word forms and every query term has positions
    /// for the passage check. Words as written live in the spelling data (for corrections,
    /// wildcards and US/UK forms) rather than as terms: a second set of terms cost much of
    /// indexing time. Exact forms are looked for in the passages' stored text.
    static let stemming: StemmingStrategy = .allZ

    /// Weight of a query rewritten with synonyms, beside the query as typed (weight 1).
    static let synonymWeight = 0.5
    /// Characters of context in a snippet.
    static let snippetLength = 240

    /// The sections that say what an approach is, whose words `Tuning.primaryTextWeight` weighs up.
    static let primarySections: Set<String> = ["definition", "explanation"]

    /// The key of a section: its id term and the collapse key of `--by section`.
    public static func sectionKey(modality: String, slug: String) -> String {
        modality.lowercased() + "/" + slug
    }
}

/// What the index stores as a section document's data: everything its hits need.
public struct StoredSection: Sendable, Equatable {
    public struct StoredPassage: Sendable, Equatable {
        public var ordinal: Int
        public var subheading: String?
        public var kind: Passage.Kind
        /// 1-based line of the source file the passage starts on.
        public var line: Int
        public var text: String
    }

    public var modality: String
    public var title: String
    public var section: String
    public var heading: String
    public var source: String
    public var passages: [StoredPassage]

    public var key: String { Schema.sectionKey(modality: modality, slug: section) }

    /// The passage with this 1-based ordinal.
    public func passage(_ ordinal: Int) -> StoredPassage? {
        guard ordinal >= 1 else { return nil }
        return passages.indices.contains(ordinal - 1) && passages[ordinal - 1].ordinal == ordinal
            ? passages[ordinal - 1] : passages.first { $0.ordinal == ordinal }
    }

    public func passageID(_ ordinal: Int) -> String { key + "/" + String(ordinal) }

    /// A passage of this section as the engine hands it out.
    func record(of passage: StoredPassage) -> PassageRecord {
        PassageRecord(id: passageID(passage.ordinal), modality: modality, title: title, section: section,
                      heading: heading, subheading: passage.subheading, ordinal: passage.ordinal, source: source,
                      line: passage.line, text: passage.text)
    }
}
