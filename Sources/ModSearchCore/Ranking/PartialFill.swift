import XapianKit

extension Ranking {
    /// The page of this ranking, ranked from the first passage.
    func cut(_ page: PageRequest) -> Ranking {
        var cut = self
        cut.passages = Array(passages.dropFirst(page.offset).prefix(page.limit))
        cut.firstRank = page.offset + 1
        return cut
    }

    /// This ranking (every passage with all the words, ranked from the first) followed by the
    /// passages of `some` (those with some of them) that it lacks, scored below its own, cut to
    /// the page. A grouping keeps one passage per modality or section across both. The total
    /// stays this ranking's: passages that match the query as typed.
    func filled(with some: Ranking, page: PageRequest, modality: (DocID) throws -> [UInt8]) rethrows -> Ranking {
        var seen = Set(passages.map { PassageKey($0, grouping: page.grouping) })
        var modalities: Set<[UInt8]> = []
        if page.grouping == .modality { for passage in passages { modalities.insert(try modality(passage.document)) } }
        let scale = partialScale(for: some)
        var merged = self
        merged.partialScale = scale
        for var passage in some.passages where seen.insert(PassageKey(passage, grouping: page.grouping)).inserted {
            if page.grouping == .modality, !modalities.insert(try modality(passage.document)).inserted { continue }
            passage.score *= scale
            passage.partial = true
            merged.passages.append(passage)
        }
        merged.sections.merge(some.sections) { first, _ in first }
        return merged.cut(page)
    }

    /// What the passages of `some` are multiplied by: below every passage with all the words,
    /// in their own order.
    private func partialScale(for some: Ranking) -> Double {
        let floor = passages.map(\.score).min() ?? .infinity
        let ceiling = some.passages.map(\.score).max() ?? 0
        return ceiling >= floor && ceiling > 0 ? floor / ceiling * 0.99 : 1
    }
}

/// What makes two ranked passages the same entry of a page.
private struct PassageKey: Hashable {
    let document: DocID
    let ordinal: Int

    init(_ passage: RankedPassage, grouping: PassageGrouping?) {
        document = passage.document
        ordinal = grouping == .section ? 0 : passage.ordinal
    }
}
