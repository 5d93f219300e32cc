import ModSearchProtocol
import XapianKit

/// A passage picked for a hit: the section document it lives in, and how it scored.
struct RankedPassage {
    let document: DocID
    let ordinal: Int
    var score: Double
    var percent: Int
    var collapsed: Int?
}

/// One page of ranked passages, with the totals and facets of the whole result.
struct Ranking {
    /// Rank of the first passage (1-based): the request's offset, as clamped.
    var firstRank = 1
    var passages: [RankedPassage]
    var total: Total
    var facets: Facets?
    /// Section data read while ranking, kept for the hits.
    var sections: [DocID: StoredSection] = [:]
}

extension Searcher {
    /// Ranks passages for `query`: Xapian ranks section documents, `PassageMatcher` finds the
    /// passages of each that satisfy the query, and each passage's score is its section's weight
    /// shaded by how it compares with the section's best passage (`Tuning.passageShare`). The best
    /// passage of a section always scores the section's weight, so the top n passages always come
    /// from the top n sections.
    ///
    /// `exactWords` are the words as typed: a passage without them in that form (but in another,
    /// through the stem) scores less by `Tuning.exactFormWeight`.
    func rank(_ query: Query, filter: Query?, request: Request, exactWords: [String] = []) throws -> Ranking {
        var query = query
        if let filter { query = query.isEmpty ? filter : try Query(.filter, [query, filter]) }
        // Clamped again here for callers that skip `Codec.validate`: page arithmetic must not overflow.
        let first = Swift.min(Swift.max(request.offset ?? 0, 0), Limits.maxOffset)
        let limit = Swift.min(Swift.max(request.limit ?? Limits.defaultLimit, 0), Limits.maxLimit)
        let matcher = try PassageMatcher(query: query, database: xapianDatabase)
        let counted = request.facets == true || limit == 0 ? try countAll(query, matcher: matcher) : nil
        guard limit > 0 else {
            return Ranking(passages: [], total: counted?.total ?? Total(estimate: 0, lower: 0, upper: 0),
                           facets: counted?.facets)
        }

        let enquire = try Enquire(database: xapianDatabase)
        try enquire.setQuery(try PassageMatcher.sectionQuery(for: query))
        try enquire.setWeighting(tuning.weighting)
        // Xapian keeps one section a modality, which loses the modality when that section has no
        // passage satisfying the query while another one has; such queries collapse here instead.
        let collapseHere = request.collapse == .modality && matcher.sectionsMayLackPassages
        if request.collapse == .modality, !collapseHere { enquire.setCollapseKey(Schema.Slot.modality) }
        var modalityHits: [[UInt8]: Int] = [:]

        let wanted = first + limit
        // Every batch runs Xapian's match again, so batches grow. Where a section can match without
        // a passage that does (an AND of words, a NOT), the first is generous: for an AND of common
        // words most sections hold no passage with all of them, and a second match of a large
        // index costs as much as the first (11 ms at 100,000 documents), while a longer list
        // costs Xapian next to nothing. Elsewhere a longer list would cost Xapian more (a phrase
        // is checked in each section it returns) for nothing.
        var batch = matcher.sectionsMayLackPassages ? Swift.max(2 * wanted, wanted + 90) : wanted + Self.lookahead
        var candidates: [(passage: RankedPassage, order: Int)] = []
        var sections: [DocID: StoredSection] = [:]
        let exact = ExactForms(words: exactWords, weight: tuning.exactFormWeight)
        // The best score of each section with passages, best first.
        var sectionTops: [Double] = []
        var verified = (sections: 0, withPassages: 0, passages: 0)
        var sectionEstimate = (estimate: 0, upper: 0)
        var exhausted = false
        var lookedAhead = 0
        // Sections of a complete match list that the scan stopped before: counted, not ranked.
        var unread: [DocID] = []
        var start = 0
        scan: while true {
            let mset = try enquire.mset(first: start, maxItems: batch)
            if start == 0 { sectionEstimate = (mset.matchesEstimated, mset.matchesUpperBound) }
            for (index, item) in mset.enumerated() {
                // Scores only fall below their section's weight, so once `wanted` sections score at
                // least this one's weight, no later section can enter the page. Exact forms may
                // lower the scores of the sections found, so a few more are read in case one
                // scores higher, as far as one batch of a query whose sections all match.
                if sectionTops.count >= wanted { lookedAhead += 1 }
                if sectionTops.count >= wanted, sectionTops[wanted - 1] >= item.weight || lookedAhead > Self.lookahead {
                    if mset.count < batch { unread = (index..<mset.count).map { mset[$0].docID } }
                    break scan
                }
                let found = try matcher.passages(in: item.docID)
                verified.sections += 1
                verified.passages += found.count
                guard let best = found.first else { continue }
                if collapseHere {
                    let modality = try xapianDatabase.valueBytes(slot: Schema.Slot.modality, of: item.docID)
                    if let index = modalityHits[modality] {
                        candidates[index].passage.collapsed? += 1
                        continue
                    }
                    modalityHits[modality] = candidates.count
                }
                verified.withPassages += 1
                let section = exact.isEmpty ? nil : try loadSection(item.docID, into: &sections)
                var scored = found.map { passage in
                    let relative = best.score > 0 ? passage.score / best.score : 1
                    let text = section?.passage(passage.ordinal)?.text ?? ""
                    return (ordinal: passage.ordinal,
                            factor: (1 - tuning.passageShare + tuning.passageShare * relative) * exact.factor(text))
                }
                scored.sort { $0.factor > $1.factor || ($0.factor == $1.factor && $0.ordinal < $1.ordinal) }
                let top = item.weight * scored[0].factor
                sectionTops.insert(top, at: sectionTops.firstIndex { $0 < top } ?? sectionTops.endIndex)
                let chosen = request.collapse == nil ? scored[...] : scored.prefix(1)
                for (ordinal, factor) in chosen {
                    let collapsed: Int? = switch request.collapse {
                    case .section: found.count - 1
                    case .modality: collapseHere ? 0 : item.collapseCount
                    case nil: nil
                    }
                    candidates.append((RankedPassage(document: item.docID, ordinal: ordinal,
                                                     score: item.weight * factor,
                                                     percent: Int((Double(item.percent) * factor).rounded()),
                                                     collapsed: collapsed), candidates.count))
                }
            }
            if mset.count < batch {
                exhausted = true
                break
            }
            // Another run of Xapian's match would cost too much for the look-ahead alone.
            if sectionTops.count >= wanted { break }
            start += batch
            batch *= 4
        }
        if !unread.isEmpty {
            // Xapian's whole list is in hand, so the rest is counted too and the total is exact.
            var modalities = Set(modalityHits.keys)
            for document in unread {
                let count = try matcher.satisfying(in: document).count
                verified.sections += 1
                verified.passages += count
                guard count > 0 else { continue }
                if collapseHere,
                   !modalities.insert(try xapianDatabase.valueBytes(slot: Schema.Slot.modality, of: document)).inserted {
                    continue
                }
                verified.withPassages += 1
            }
            exhausted = true
        }
        candidates.sort { $0.passage.score > $1.passage.score || ($0.passage.score == $1.passage.score && $0.order < $1.order) }
        let page = candidates.dropFirst(first).prefix(limit).map(\.passage)

        let found = request.collapse == nil ? verified.passages : verified.withPassages
        let total: Total
        if let counted, request.collapse == nil {
            total = counted.total
        } else if exhausted {
            total = Total(estimate: found, lower: found, upper: found)
        } else {
            // Extrapolate from the sections checked so far; the bound above is the index itself.
            let perSection = Double(found) / Double(Swift.max(verified.sections, 1))
            let estimate = Swift.max(found, Int((Double(sectionEstimate.estimate) * perSection).rounded()))
            let upper = request.collapse == nil ? try passageCount() : sectionEstimate.upper
            total = Total(estimate: estimate, lower: found, upper: Swift.max(upper, estimate))
        }
        return Ranking(firstRank: first + 1, passages: page, total: total, facets: counted?.facets, sections: sections)
    }

    /// Sections read past the one that fills the page, for ones that score higher once exact
    /// forms have lowered the scores found.
    static let lookahead = 5

    func loadSection(_ document: DocID, into sections: inout [DocID: StoredSection]) throws -> StoredSection {
        if let section = sections[document] { return section }
        let section = try stored(document)
        sections[document] = section
        return section
    }

    /// Every passage satisfying the query, counted exactly, in total and per modality and section.
    private func countAll(_ query: Query, matcher: PassageMatcher) throws -> (total: Total, facets: Facets) {
        let enquire = try Enquire(database: xapianDatabase)
        try enquire.setQuery(try PassageMatcher.sectionQuery(for: query))
        try enquire.setWeighting(.boolean)
        enquire.setDocIDOrder(.ascending)
        var total = 0
        var modalities: [String: Int] = [:]
        var sections: [String: Int] = [:]
        let batch = 10_000
        var start = 0
        while true {
            let mset = try enquire.mset(first: start, maxItems: batch)
            for item in mset {
                let count = try matcher.satisfying(in: item.docID).count
                guard count > 0 else { continue }
                total += count
                let modality = String(decoding: try xapianDatabase.valueBytes(slot: Schema.Slot.modality, of: item.docID),
                                      as: UTF8.self)
                let section = String(decoding: try xapianDatabase.valueBytes(slot: Schema.Slot.section, of: item.docID),
                                     as: UTF8.self)
                modalities[modality, default: 0] += count
                sections[section, default: 0] += count
            }
            if mset.count < batch { break }
            start += batch
        }
        return (Total(estimate: total, lower: total, upper: total), Facets(modality: modalities, section: sections))
    }
}

/// The typed words a passage holds in the typed form: all of them keep its score, none of them
/// lowers it by `weight`.
struct ExactForms {
    private let words: [[UInt8]]
    private let weight: Double

    init(words: [String], weight: Double) {
        self.words = weight > 0 ? words.map { Array($0.lowercased().utf8) } : []
        self.weight = weight
    }

    var isEmpty: Bool { words.isEmpty }

    func factor(_ text: String) -> Double {
        guard !words.isEmpty else { return 1 }
        var text = text
        let present = text.withUTF8 { bytes in words.filter { Self.contains(bytes, word: $0) }.count }
        return 1 - weight * Double(words.count - present) / Double(words.count)
    }

    /// Whether `word` (lower case) occurs in text as a whole word, ignoring ASCII case.
    static func contains(_ text: UnsafeBufferPointer<UInt8>, word: [UInt8]) -> Bool {
        guard let first = word.first, text.count >= word.count else { return false }
        func isWordByte(_ byte: UInt8) -> Bool {
            byte >= 0x80 || (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z"))
                || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
        }
        func lower(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte }
        var start = 0
        while start + word.count <= text.count {
            if lower(text[start]) == first, (start == 0 || !isWordByte(text[start - 1])),
               start + word.count == text.count || !isWordByte(text[start + word.count]),
               (1..<word.count).allSatisfy({ lower(text[start + $0]) == word[$0] }) {
                return true
            }
            start += 1
        }
        return false
    }
}
