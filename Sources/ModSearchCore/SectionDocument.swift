import ModalityDocs
import ModSearchProtocol
import XapianKit

/// Builds the Xapian document for one section, following `Schema`.
struct SectionDocument {
    let termGenerator: TermGenerator
    let tuning: Tuning

    init(database: WritableDatabase, tuning: Tuning) throws(XapianError) {
        self.tuning = tuning
        termGenerator = TermGenerator()
        try termGenerator.setStemmer(Schema.stemmer)
        termGenerator.stemmingStrategy = Schema.stemming
        try termGenerator.setDatabase(database)
    }

    /// Indexes text at the current position as stemmed terms with positions; plain text also
    /// goes into the spelling data, the index's vocabulary of words as written.
    private func index(_ text: String, weight: Int = 1, prefix: String = "") throws {
        termGenerator.flags = prefix.isEmpty ? [.spelling] : []
        try termGenerator.indexText(text, wdfIncrement: weight, prefix: prefix)
    }

    func make(_ section: Section, of modality: Modality, fileKey: String) throws -> Document {
        let document = Document()
        termGenerator.document = document
        var lengths: [Int] = []

        // Range 0, shared by every passage: the title and the section heading, each as a field
        // (prefixed) and as plain text weighted above body words.
        termGenerator.termPosition = 0
        try index(modality.title, weight: tuning.titleWeight, prefix: Schema.Prefix.title)
        termGenerator.termPosition = 0
        try index(modality.title, weight: tuning.titleWeight)
        termGenerator.increaseTermPosition()
        let headingStart = termGenerator.termPosition
        try index(section.heading, weight: tuning.headingWeight, prefix: Schema.Prefix.heading)
        termGenerator.termPosition = headingStart
        try index(section.heading, weight: tuning.headingWeight)
        lengths.append(termGenerator.termPosition)

        for passage in section.passages where passage.ordinal <= Schema.maxPassages {
            let start = passage.ordinal * Int(Schema.passageStride)
            termGenerator.termPosition = start
            if let subheading = passage.subheading {
                try index(subheading, weight: tuning.headingWeight, prefix: Schema.Prefix.heading)
                termGenerator.termPosition = start
                try index(subheading, weight: tuning.headingWeight)
                termGenerator.increaseTermPosition(by: 1)
            }
            try index(passage.text)
            if passage.kind == .related {
                for target in CrossReferences.ids(in: passage.text) where target != modality.id {
                    try document.addPosting(Schema.Prefix.reference + target.lowercased(), position: start + 1,
                                            wdfIncrement: 0)
                }
            }
            let length = termGenerator.termPosition - start
            precondition(length < Int(Schema.passageStride), "passage \(passage.id) overflows its position range")
            while lengths.count < passage.ordinal { lengths.append(0) }
            lengths.append(length)
        }

        try document.addBooleanTerm(Schema.Prefix.id + Schema.sectionKey(modality: modality.id, slug: section.slug))
        try document.addBooleanTerm(Schema.Prefix.modality + modality.id.lowercased())
        try document.addBooleanTerm(Schema.Prefix.section + section.slug)
        if let alias = section.alias { try document.addBooleanTerm(Schema.Prefix.section + alias) }
        try document.addBooleanTerm(Schema.Prefix.file + fileKey)

        try document.setValue(modality.id, slot: Schema.Slot.modality)
        try document.setValue(section.slug, slot: Schema.Slot.section)
        try document.setValue(bytes: PassageLengths.encode(lengths), slot: Schema.Slot.passageLengths)

        let stored = StoredSection(
            modality: modality.id, title: modality.title, section: section.slug, heading: section.heading,
            source: modality.source,
            passages: section.passages.map {
                StoredSection.StoredPassage(ordinal: $0.ordinal, subheading: $0.subheading, kind: $0.kind, text: $0.text)
            })
        try document.setData(bytes: stored.jsonBytes)
        return document
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
