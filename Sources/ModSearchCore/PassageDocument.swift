import Foundation
import ModalityDocs
import ModSearchProtocol
import XapianKit

/// Builds the Xapian document for one passage, following `Schema`.
struct PassageDocument {
    let termGenerator: TermGenerator
    let tuning: Tuning

    init(database: WritableDatabase, tuning: Tuning) throws(XapianError) {
        self.tuning = tuning
        termGenerator = TermGenerator()
        try termGenerator.setStemmer(Schema.stemmer)
        termGenerator.stemmingStrategy = Schema.indexStemming
        try termGenerator.setDatabase(database)
        termGenerator.flags = [.spelling]
    }

    func make(_ passage: Passage, in section: Section, of modality: Modality, fileKey: String) throws -> Document {
        let document = Document()
        termGenerator.document = document

        // Field copies (S, XH) go in without positions: phrases are searched in the unprefixed text,
        // and positions are a third of the indexing time.
        try termGenerator.indexTextWithoutPositions(modality.title, wdfIncrement: tuning.titleWeight,
                                                    prefix: Schema.Prefix.title)
        try termGenerator.indexText(modality.title, wdfIncrement: tuning.titleWeight)
        termGenerator.increaseTermPosition()
        for heading in [section.heading, passage.subheading].compactMap({ $0 }) {
            try termGenerator.indexTextWithoutPositions(heading, wdfIncrement: tuning.headingWeight,
                                                        prefix: Schema.Prefix.heading)
            try termGenerator.indexText(heading, wdfIncrement: tuning.headingWeight)
            termGenerator.increaseTermPosition()
        }
        try termGenerator.indexText(passage.text)

        let modalityKey = modality.id.lowercased()
        try document.addBooleanTerm(Schema.Prefix.id + passage.id)
        try document.addBooleanTerm(Schema.Prefix.modality + modalityKey)
        try document.addBooleanTerm(Schema.Prefix.section + section.slug)
        if let alias = section.alias { try document.addBooleanTerm(Schema.Prefix.section + alias) }
        if passage.kind == .related {
            for target in CrossReferences.ids(in: passage.text) where target != modality.id {
                try document.addBooleanTerm(Schema.Prefix.reference + target.lowercased())
            }
        }
        try document.addBooleanTerm(Schema.Prefix.file + fileKey)

        try document.setValue(modality.id, slot: Schema.Slot.modality)
        try document.setValue(section.slug, slot: Schema.Slot.section)
        try document.setValue(Schema.sortableOrdinal(passage.ordinal), slot: Schema.Slot.ordinal)
        try document.setValue(modality.id + "/" + section.slug, slot: Schema.Slot.group)

        let stored = StoredPassage(id: passage.id, modality: modality.id, title: modality.title, section: section.slug,
                                   heading: section.heading, subheading: passage.subheading, ordinal: passage.ordinal,
                                   kind: passage.kind, text: passage.text, source: modality.source)
        try document.setData(bytes: stored.jsonBytes)
        return document
    }
}
