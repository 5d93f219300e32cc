import Foundation
import XapianKit

extension Searcher {
    /// Terms drawn from the target to find what resembles it.
    private static let expansionTerms = 25

    /// `related`: for a passage id, similar passages from other modalities (relevance-feedback
    /// expansion); for a modality id, its cross-references both ways and the most similar modalities.
    public func related(target: String, limit: Int = 10) throws(EngineError) -> RelatedOutcome {
        let clock = ContinuousClock()
        let started = clock.now
        let isModality = target.uppercased().hasPrefix("MOD") && !target.contains("/")
        return try withReopenRetry {
            let database = xapianDatabase
            if isModality {
                let modality = target.uppercased()
                let own = try database.postings(of: Schema.Prefix.modality + modality.lowercased())
                guard !own.isEmpty else { throw EngineError(.notFound, "no modality with id '\(target)'") }
                var references: [String] = []
                for docID in own {
                    for (term, _) in try database.document(docID).terms() where term.hasPrefix(Schema.Prefix.reference) {
                        let id = term.dropFirst(Schema.Prefix.reference.count).uppercased()
                        if !references.contains(id) { references.append(id) }
                    }
                }
                var referencedBy: [String] = []
                for docID in try database.postings(of: Schema.Prefix.reference + modality.lowercased()) {
                    let id = try database.document(docID).value(slot: Schema.Slot.modality)
                    if !referencedBy.contains(id) { referencedBy.append(id) }
                }
                // A limit of 0 asks for the cross-references alone (`modsearch mcp` lists them for every
                // modality): the similar modalities, most of the work, are not looked for.
                // Sorted below: found in document-id order, which depends on how the index is sharded.
                let hits = limit == 0 ? []
                    : try similar(terms: try expansionTerms(of: own), excluding: modality, collapse: true, limit: limit)
                return RelatedOutcome(target: modality, hits: hits, references: references, referencedBy: referencedBy.sorted(),
                                     tookMicroseconds: Self.microseconds(since: started, clock))
            }
            let passage = try self.passage(id: target)
            let terms = try characteristicTerms(of: passage.text)
            let hits = try similar(terms: terms, excluding: passage.modality, collapse: false, limit: limit)
            return RelatedOutcome(target: passage.id, hits: hits, references: nil, referencedBy: nil,
                                  tookMicroseconds: Self.microseconds(since: started, clock))
        }
    }

    /// The words of text that best tell it apart in this index: within-text frequency × rarity.
    private func characteristicTerms(of text: String) throws -> [String] {
        let generator = TermGenerator()
        try generator.setStemmer(Schema.stemmer)
        generator.stemmingStrategy = Schema.stemming
        let document = Document()
        generator.document = document
        try generator.indexTextWithoutPositions(text)
        let database = xapianDatabase
        let documents = Double(max(try database.documentCount, 1))
        let weighted = try document.terms().compactMap { term, wdf throws -> (String, Double)? in
            let frequency = try database.termFrequency(term)
            guard frequency > 0, term.count > 3, Schema.stem(ofWordTerm: term) != nil else { return nil }
            return (term, Double(wdf) * log(documents / Double(frequency)))
        }
        return weighted.sorted { $0.1 > $1.1 }.prefix(Self.expansionTerms).map(\.0)
    }

    /// Terms that characterise a set of section documents, by Xapian's relevance-feedback expansion:
    /// stems of the text (`Z` and anything but a capital, which would start a field prefix),
    /// not fields or filters.
    private func expansionTerms(of documents: [DocID]) throws -> [String] {
        let enquire = try Enquire(database: xapianDatabase)
        try enquire.setQuery(.matchAll)
        return try enquire.expandTerms(maxItems: Self.expansionTerms, rset: RSet(documents),
                                       wordsPrefixed: Schema.Prefix.stem).map(\.term)
    }

    /// Passages of other modalities that match `terms` best (the best one per modality with `collapse`).
    private func similar(terms: [String], excluding modality: String, collapse: Bool, limit: Int) throws -> [PassageHit] {
        guard !terms.isEmpty else { return [] }
        let query = QueryTree.andNot(.or(terms.map { .term(QueryTree.Term(name: $0)) }),
                                     .term(QueryTree.Term(name: Schema.Prefix.modality + modality.lowercased())))
        let page = PageRequest(limit: limit, grouping: collapse ? .modality : nil)
        return try hits(try rank(query, filter: nil, page: page), query: query)
    }
}
