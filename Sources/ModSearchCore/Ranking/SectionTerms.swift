import XapianKit

/// The leaves of a section query that add weight to one section document, as Xapian's matcher
/// weighs them: an OR counts its parts that match the section, an AND NOT or a filter only its
/// first part, AND_MAYBE its second where that matches too, a phrase its terms where the phrase
/// holds, and a scale multiplies its parts' factors.
struct SectionTerms {
    /// The section's terms and their wdf (filters hold theirs at 0).
    let wdf: [String: Int]
    private var reader: DocumentPositions

    init(database: Database, document: DocID) throws {
        var wdf: [String: Int] = [:]
        for (term, count) in try database.document(document).terms() { wdf[term] = count }
        self.wdf = wdf
        reader = DocumentPositions(database: database, document: document, present: Set(wdf.keys))
    }

    /// The weighted leaves of `query` for this section, with the factor each is multiplied by
    /// (wqf's part included); nil when the query does not match it.
    mutating func leaves(of query: QueryTree, factor: Double = 1,
                         wqfFactor: (Int) -> Double) throws -> [(term: String, factor: Double)]? {
        switch query {
        case .term(let term):
            // The empty term is Xapian's match-all, which weighs nothing.
            if term.name.isEmpty { return [] }
            guard wdf[term.name] != nil else { return nil }
            return factor > 0 ? [(term.name, factor * wqfFactor(term.wqf))] : []
        case .phrase(let terms, let window):
            // Xapian matches a phrase as the AND of its words, filtered by its pairs' terms
            // (`QueryTree.xapianQuery`).
            guard terms.allSatisfy({ wdf[$0.name] != nil }),
                  try QueryTree.pairTerms(terms, window: window).allSatisfy({ wdf[$0] != nil }) else { return nil }
            return factor > 0 ? terms.map { ($0.name, factor * wqfFactor($0.wqf)) } : []
        case .near(let terms, _):
            guard terms.allSatisfy({ wdf[$0.name] != nil }) else { return nil }
            return factor > 0 ? terms.map { ($0.name, factor * wqfFactor($0.wqf)) } : []
        case .and(let parts):
            var found: [(term: String, factor: Double)] = []
            for part in parts {
                guard let leaves = try leaves(of: part, factor: factor, wqfFactor: wqfFactor) else { return nil }
                found += leaves
            }
            return found
        case .or(let parts), .xor(let parts):
            var matching: [[(term: String, factor: Double)]] = []
            for part in parts {
                if let leaves = try leaves(of: part, factor: factor, wqfFactor: wqfFactor) { matching.append(leaves) }
            }
            if case .xor = query, matching.count % 2 == 0 { return nil }
            return matching.isEmpty ? nil : matching.flatMap { $0 }
        case .andNot(let first, let second):
            guard let leaves = try leaves(of: first, factor: factor, wqfFactor: wqfFactor),
                  try self.leaves(of: second, factor: 0, wqfFactor: wqfFactor) == nil else { return nil }
            return leaves
        case .andMaybe(let first, let second):
            guard let leaves = try leaves(of: first, factor: factor, wqfFactor: wqfFactor) else { return nil }
            return leaves + (try self.leaves(of: second, factor: factor, wqfFactor: wqfFactor) ?? [])
        case .filter(let first, let second):
            guard let leaves = try leaves(of: first, factor: factor, wqfFactor: wqfFactor),
                  try self.leaves(of: second, factor: 0, wqfFactor: wqfFactor) != nil else { return nil }
            return leaves
        case .scale(let part, let scale):
            return try leaves(of: part, factor: factor * scale, wqfFactor: wqfFactor)
        case .matchAll:
            return []
        case .wildcard, .matchNothing:
            // Terms are stems under prefixes, so a wildcard left in the query matches none.
            return nil
        }
    }

    /// Occurrences of a term in the title, the headings and the text, from the positions of the
    /// term and of its title and heading forms (indexed at the same positions).
    mutating func occurrences(of name: TermName, tuning: Tuning, textWeight: Int) throws -> FieldOccurrences {
        var found = FieldOccurrences(title: 0, titleWeight: tuning.titleWeight, heading: 0,
                                     headingWeight: tuning.headingWeight, text: 0, textWeight: textWeight)
        let stem = Schema.Prefix.stem
        switch name.field {
        case "text":
            found.title = try reader.positions(of: stem + Schema.Prefix.title + name.value).count
            found.heading = try reader.positions(of: stem + Schema.Prefix.heading + name.value).count
            found.text = try reader.positions(of: name.term).count - found.title - found.heading
        case "title":
            found.title = try reader.positions(of: name.term).count
        case "heading":
            found.heading = try reader.positions(of: name.term).count
        default:
            break
        }
        return found
    }
}
