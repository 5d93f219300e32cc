import ModalityDocs
import QueryLanguage
import JSONText
import XapianKit

/// Builds the Xapian document for one section, following `Schema`.
struct SectionDocument {
    /// Makes the terms of `Schema.stemming` (`.allZ`), as Xapian's `TermGenerator` makes them.
    private let words: WordIndexer
    let tuning: Tuning
    private let spelling: WritableDatabase
    private let packer = SectionData.Packer()

    /// `spelling`: the database the spelling data goes to, when not `database`.
    init(database: WritableDatabase, spelling: WritableDatabase? = nil, tuning: Tuning) throws(XapianError) {
        self.tuning = tuning
        self.spelling = spelling ?? database
        words = try WordIndexer(stemmer: Schema.stemmer)
        try words.markPairs(prefix: Schema.Prefix.pair)
    }

    /// Indexes text at the current position as stemmed terms with positions; the words of plain
    /// text are counted for the spelling data, the index's vocabulary of words as written.
    private func index(_ text: String, weight: Int = 1, prefix: String = "") throws {
        try words.indexText(text, wdfIncrement: weight, prefix: prefix, spelling: prefix.isEmpty)
    }

    /// Adds the words of the sections made since the last call to the spelling data.
    func addSpelling() throws {
        try words.addSpelling(to: spelling)
    }

    /// The document, and the ordinals of passages too long for their position range, whose
    /// ends are left out of the index (the stored text keeps them).
    func make(_ section: Section, of modality: Modality, fileKey: String) throws -> (Document, cut: [Int]) {
        let document = Document()
        words.document = document
        var lengths = [try indexSharedRange(title: modality.title, heading: section.heading)]
        var cut: [Int] = []
        let textWeight = Schema.primarySections.contains(section.slug) ? tuning.primaryTextWeight : 1
        for passage in section.passages where passage.ordinal <= Schema.maxPassages {
            let (length, wasCut) = try index(passage, weight: textWeight, of: modality, into: document)
            if wasCut { cut.append(passage.ordinal) }
            while lengths.count < passage.ordinal { lengths.append(0) }
            lengths.append(length)
        }
        try document.addWDFTiers(ofTermsPrefixed: Schema.Prefix.stem, as: Schema.Prefix.wordTier,
                                 from: Schema.firstWordTier)
        try addFiltersValuesAndData(to: document, section: section, of: modality, fileKey: fileKey, lengths: lengths)
        try document.setValue(bytes: try words.positionBlock(), slot: Schema.Slot.positions)
        return (document, cut)
    }

    /// Positions a passage range may fill: its stride, less room for the gaps between fields.
    private static let room = Int(Schema.passageStride) - 2

    /// Range 0, shared by every passage: the title and the section heading, each as a field
    /// (prefixed) and as plain text weighted above body words. A gap of 100 keeps phrases from
    /// joining them. Returns the range's length.
    private func indexSharedRange(title: String, heading: String) throws -> Int {
        let title = TermBudget.prefix(of: title, terms: Self.room / 2 - 100)
        let heading = TermBudget.prefix(of: heading, terms: Self.room / 2)
        words.termPosition = 0
        try index(title, weight: tuning.titleWeight, prefix: Schema.Prefix.title)
        words.termPosition = 0
        try index(title, weight: tuning.titleWeight)
        words.increaseTermPosition()
        let headingStart = words.termPosition
        try index(heading, weight: tuning.headingWeight, prefix: Schema.Prefix.heading)
        words.termPosition = headingStart
        try index(heading, weight: tuning.headingWeight)
        return words.termPosition
    }

    /// A passage in its own range: its subheading (as a field and as text), its text, and the
    /// cross-references of a related-therapies passage. Returns the range's length and whether
    /// the text was cut to fit.
    private func index(_ passage: Passage, weight: Int, of modality: Modality,
                       into document: Document) throws -> (length: Int, cut: Bool) {
        let start = passage.ordinal * Int(Schema.passageStride)
        words.termPosition = start
        var budget = Self.room
        if let subheading = passage.subheading {
            let indexed = TermBudget.prefix(of: subheading, terms: Self.room / 2)
            try index(indexed, weight: tuning.headingWeight, prefix: Schema.Prefix.heading)
            words.termPosition = start
            try index(indexed, weight: tuning.headingWeight)
            words.increaseTermPosition(by: 1)
            budget -= words.termPosition - start
        }
        let text = TermBudget.prefix(of: passage.text, terms: budget)
        try index(text, weight: weight)
        if passage.kind == .related {
            for target in CrossReferences.ids(in: passage.text) where target != modality.id {
                try words.addPosting(Schema.Prefix.reference + target.lowercased(), position: start + 1,
                                     wdfIncrement: 0)
            }
        }
        return (words.termPosition - start, text.utf8.count < passage.text.utf8.count)
    }

    private func addFiltersValuesAndData(to document: Document, section: Section, of modality: Modality,
                                         fileKey: String, lengths: [Int]) throws {
        try document.addBooleanTerm(Schema.Prefix.id + Schema.sectionKey(modality: modality.id, slug: section.slug))
        try document.addBooleanTerm(Schema.Prefix.modality + modality.id.lowercased())
        try document.addBooleanTerm(Schema.Prefix.section + section.slug)
        if let alias = section.alias { try document.addBooleanTerm(Schema.Prefix.section + alias) }
        try document.addBooleanTerm(Schema.Prefix.file + fileKey)

        try document.setValue(modality.id, slot: Schema.Slot.modality)
        try document.setValue(section.slug, slot: Schema.Slot.section)
        try document.setValue(bytes: PassageLengths.encode(lengths), slot: Schema.Slot.passageLengths)

        try document.setValue(bytes: packer.pack(StoredSection(section, of: modality).jsonBytes), slot: Schema.Slot.sectionData)
    }
}

extension StoredSection {
    /// What the index stores of a parsed section.
    init(_ section: Section, of modality: Modality) {
        self.init(
            modality: modality.id, title: modality.title, section: section.slug, heading: section.heading,
            source: modality.source,
            passages: section.passages.map {
                StoredSection.StoredPassage(ordinal: $0.ordinal, subheading: $0.subheading, kind: $0.kind, line: $0.line,
                                            text: $0.text)
            })
    }
}

/// Keeps text inside a position range. The term generator makes at most one term of each
/// run of ASCII word characters (`WordCharacters`) and of each other character, so counting those
/// bounds the terms (and positions) a text can take; a passage the parser made is far below any range.
enum TermBudget {
    /// The longest start of text that cannot take more than `terms` positions.
    static func prefix(of text: String, terms: Int) -> String {
        var count = 0
        var inRun = false
        for index in text.utf8.indices {
            let byte = text.utf8[index]
            let inWord = byte < 0x80 && WordCharacters.isWordByte(ascii: byte)
            let startsTerm = inWord ? !inRun : byte >= 0xC0
            inRun = inWord
            if startsTerm {
                count += 1
                // A byte that starts a term starts a character, so this is a character boundary.
                if count > terms { return String(text[..<index]) }
            }
        }
        return text
    }
}

/// The `Schema.Slot.passageLengths` value: term count per position range.
enum PassageLengths {
    static func encode(_ lengths: [Int]) -> [UInt8] {
        lengths.flatMap { length -> [UInt8] in
            let clamped = UInt16(clamping: length)
            return [UInt8(clamped & 0xFF), UInt8(clamped >> 8)]
        }
    }

    static func decode(_ bytes: [UInt8]) -> [Int] {
        stride(from: 0, to: bytes.count - 1, by: 2).map { Int(bytes[$0]) | Int(bytes[$0 + 1]) << 8 }
    }
}
