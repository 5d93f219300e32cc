import ModalityDocs
import XapianKit

/// Search filters checked against the index: a modality or section that does not exist is an
/// error naming what does, not a search that silently finds nothing.
extension Searcher {
    /// The filter term of a modality id (any case).
    func modalityTerm(_ id: String) throws(EngineError) -> String {
        let term = Schema.Prefix.modality + id.lowercased()
        let exists = try withReopenRetry { try xapianDatabase.termExists(term) }
        guard !exists else { return term }
        let nearest = ModalityNames.nearest(to: id, among: try modalities())
        let hint = nearest.isEmpty ? "modality ids look like MOD032" : "nearest: " + nearest.joined(separator: ", ")
        throw EngineError(.badOption("modality"), "unknown modality '\(id)' (\(hint))")
    }

    /// The filter term of a section named by slug, alias or heading (any case).
    func sectionTerm(_ name: String) throws(EngineError) -> String {
        guard let section = CanonicalSection.resolve(name) else {
            throw EngineError(.badOption("section"), "unknown section '\(name)' (try one of: \(ModalityNames.sections))")
        }
        return Schema.Prefix.section + section.slug
    }

    /// Every modality of the index, by id, with its title.
    public func modalities() throws(EngineError) -> [(id: String, title: String)] {
        try withReopenRetry {
            try xapianDatabase.allTerms(prefix: Schema.Prefix.modality).compactMap { term -> (String, String)? in
                guard let document = try xapianDatabase.postings(of: term).first else { return nil }
                let section = try stored(document)
                return (section.modality, section.title)
            }
        }
    }
}

/// Names users type for modalities and sections, and the valid ones nearest to a wrong one.
enum ModalityNames {
    /// The short names of the sections, as `section:` and `-s` take them.
    static let sections = CanonicalSection.all.map { $0.alias ?? $0.slug }.joined(separator: ", ")

    /// Up to five modalities close to `typed`, best first, each as `MOD032 Compassion-Focused Therapy`:
    /// the same number (`MOD32`), the title's initials (`CFT`), a word of the title, or an id a
    /// couple of typing slips away.
    static func nearest(to typed: String, among modalities: [(id: String, title: String)]) -> [String] {
        let wanted = typed.uppercased()
        let scored = modalities.compactMap { modality -> (score: Int, text: String)? in
            let score = closeness(wanted, id: modality.id.uppercased(), title: modality.title)
            return score > 0 ? (score, modality.id + " " + modality.title) : nil
        }
        // A close match (same number, initials, a title word) hides the typing-slip ones.
        let best = scored.map(\.score).max() ?? 0
        return scored.filter { $0.score == best || best <= 2 }
            .sorted { $0.score != $1.score ? $0.score > $1.score : $0.text < $1.text }.prefix(5).map(\.text)
    }

    private static func closeness(_ typed: String, id: String, title: String) -> Int {
        let words = title.uppercased().split { $0 == " " || $0 == "-" || $0 == "/" }
        let initials = String(words.compactMap(\.first))
        let mainInitials = String(words.filter { !["AND", "OF", "THE", "FOR"].contains($0) }.compactMap(\.first))
        if let number = Int(typed.drop { !$0.isNumber }), typed.allSatisfy({ $0.isNumber || "MOD".contains($0) }),
           Int(id.dropFirst(3)) == number {
            return 5
        }
        if typed == initials || typed == mainInitials { return 4 }
        if typed.count >= 4, words.contains(where: { $0.hasPrefix(typed) }) { return 3 }
        return max(0, 3 - editDistance(Array(typed), Array(id)))
    }

    /// Levenshtein distance.
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        guard !a.isEmpty else { return b.count }
        var previous = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var current = [i + 1]
            for (j, y) in b.enumerated() {
                current.append(min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1)))
            }
            previous = current
        }
        return previous[b.count]
    }
}
