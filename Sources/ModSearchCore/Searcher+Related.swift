import Foundation
import ModSearchProtocol
import XapianKit

extension Searcher {
    /// Terms drawn from the target to find what resembles it.
    private static let expansionTerms = 25

    /// `related`: for a passage id, similar passages from other modalities (relevance-feedback
    /// expansion); for a modality id, its cross-references both ways and the most similar modalities.
    public func related(target: String, limit: Int = Limits.defaultLimit) throws(ProtocolError) -> RelatedResult {
        let clock = ContinuousClock()
        let started = clock.now
        let isModality = target.uppercased().hasPrefix("MOD") && !target.contains("/")
        return try withReopenRetry {
            let database = xapianDatabase
            if isModality {
                let modality = target.uppercased()
                let own = try database.postings(of: Schema.Prefix.modality + modality.lowercased())
                guard !own.isEmpty else { throw ProtocolError(.notFound, "no modality with id '\(target)'") }
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
                let hits = try similar(to: own, excluding: modality, collapse: true, limit: limit)
                return RelatedResult(target: modality, hits: hits, references: references, referencedBy: referencedBy,
                                     tookMicroseconds: Self.microseconds(since: started, clock))
            }
            guard let docID = try database.postings(of: Schema.Prefix.id + target.lowercased()).first else {
                throw ProtocolError(.notFound, "no passage with id '\(target)'")
            }
            let modality = try database.document(docID).value(slot: Schema.Slot.modality)
            let hits = try similar(to: [docID], excluding: modality, collapse: false, limit: limit)
            return RelatedResult(target: target.lowercased(), hits: hits,
                                 tookMicroseconds: Self.microseconds(since: started, clock))
        }
    }

    /// Passages of other modalities that match the terms best characterising `documents`.
    private func similar(to documents: [DocID], excluding modality: String, collapse: Bool, limit: Int) throws -> [Hit] {
        let database = xapianDatabase
        let enquire = try Enquire(database: database)
        try enquire.setQuery(.matchAll)
        let terms = try enquire.expandTerms(maxItems: Self.expansionTerms, rset: RSet(documents), excludePrefixed: true)
        guard !terms.isEmpty else { return [] }
        let query = try Query(.andNot, [
            try Query(.or, terms: terms.map(\.term)),
            Query(term: Schema.Prefix.modality + modality.lowercased()),
        ])
        try enquire.setQuery(query)
        try enquire.setWeighting(tuning.weighting)
        if collapse { enquire.setCollapseKey(Schema.Slot.modality) }
        let mset = try enquire.mset(maxItems: limit)
        return try mset.map { item throws in
            var hit = plainHit(try stored(try item.document()), rank: item.rank + 1)
            hit.score = (item.weight * 10_000).rounded() / 10_000
            hit.percent = item.percent
            return hit
        }
    }
}
