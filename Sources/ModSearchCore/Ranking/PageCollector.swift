import XapianKit

/// The page a ranking fills: where it starts, how long it is, how passages are grouped.
struct PageRequest {
    /// Passages skipped before the page, and passages on it.
    let offset: Int
    let limit: Int
    let grouping: PassageGrouping?
    /// Every match is counted exactly (with facets), not only the page's.
    let countsEveryMatch: Bool

    init(offset: Int = 0, limit: Int, grouping: PassageGrouping? = nil, countsEveryMatch: Bool = false) {
        self.offset = Swift.min(Swift.max(offset, 0), SearchOptions.maxOffset)
        self.limit = Swift.min(Swift.max(limit, 0), SearchOptions.maxLimit)
        self.grouping = grouping
        self.countsEveryMatch = countsEveryMatch || self.limit == 0
    }

    init(_ options: SearchOptions) {
        self.init(offset: options.offset, limit: options.limit, grouping: options.grouping,
                  countsEveryMatch: options.facets)
    }

    private init(exactly offset: Int, limit: Int, grouping: PassageGrouping?, countsEveryMatch: Bool) {
        (self.offset, self.limit, self.grouping, self.countsEveryMatch) = (offset, limit, grouping, countsEveryMatch)
    }

    /// The same passages ranked from the first: what must be ranked to cut this page later.
    var fromTheTop: PageRequest {
        PageRequest(exactly: 0, limit: wanted, grouping: grouping, countsEveryMatch: countsEveryMatch)
    }

    /// The same page, `count` passages longer.
    func extended(by count: Int) -> PageRequest {
        PageRequest(exactly: offset, limit: limit + count, grouping: grouping, countsEveryMatch: false)
    }

    /// Passages to rank before the page can be cut: those skipped and those shown.
    var wanted: Int { offset + limit }
}

/// Collects the scored passages of the sections read, folding them as the page's grouping says,
/// and cuts the page at the end.
struct PageCollector {
    let page: PageRequest
    /// Modality grouping done here, not by Xapian's collapse key: Xapian keeps one section per
    /// modality, which loses the modality when that section has no satisfying passage while
    /// another one has.
    let groupsModalitiesHere: Bool
    private var candidates: [RankedPassage] = []
    private var firstOfModality: [[UInt8]: Int] = [:]
    private var modalitiesCounted: Set<[UInt8]> = []
    /// Sections read, sections with passages kept, and satisfying passages found.
    private(set) var tally = ScanTally()
    /// The tally of the first `sampleSize` sections in rank order (all of them, if fewer).
    var sample: ScanTally { sampled ?? tally }
    private let sampleSize: Int
    private var sampled: ScanTally?

    init(page: PageRequest, groupsModalitiesHere: Bool, sampleSize: Int) {
        self.page = page
        self.groupsModalitiesHere = groupsModalitiesHere
        self.sampleSize = sampleSize
    }

    /// Counts a section read and its satisfying passages.
    mutating func read(passages count: Int) {
        // The sections before this one are tallied in full (kept or folded) by now.
        if sampled == nil, tally.sections == sampleSize { sampled = tally }
        tally.sections += 1
        tally.passages += count
    }

    /// Folds a section into the modality already on the page, when grouping here; true if it was.
    mutating func foldsIntoSeenModality(_ modality: () throws -> [UInt8]) rethrows -> Bool {
        guard groupsModalitiesHere else { return false }
        let modality = try modality()
        if let index = firstOfModality[modality] {
            candidates[index].collapsed? += 1
            return true
        }
        firstOfModality[modality] = candidates.count
        return false
    }

    /// Counts an unread section of a complete match list, without ranking it.
    mutating func count(unread passages: Int, modality: () throws -> [UInt8]) rethrows {
        read(passages: passages)
        guard passages > 0 else { return }
        if groupsModalitiesHere {
            let modality = try modality()
            guard firstOfModality[modality] == nil, modalitiesCounted.insert(modality).inserted else { return }
        }
        tally.withPassages += 1
    }

    /// Adds the passages of a section (scored, best first) as the grouping says.
    mutating func add(section item: MSetItem, scored: [(ordinal: Int, factor: Double)], found: Int) {
        tally.withPassages += 1
        let chosen = page.grouping == nil ? scored[...] : scored.prefix(1)
        let collapsed: Int? = switch page.grouping {
        case .section: found - 1
        case .modality: groupsModalitiesHere ? 0 : item.collapseCount
        case nil: nil
        }
        for (ordinal, factor) in chosen {
            candidates.append(RankedPassage(document: item.docID, ordinal: ordinal, score: item.weight * factor,
                                            percent: Int((Double(item.percent) * factor).rounded()),
                                            collapsed: collapsed))
        }
    }

    /// The page: passages by score (ties in the order found), past the offset, up to the limit.
    func cut() -> [RankedPassage] {
        let ordered = candidates.enumerated().sorted {
            $0.element.score > $1.element.score || ($0.element.score == $1.element.score && $0.offset < $1.offset)
        }
        return ordered.dropFirst(page.offset).prefix(page.limit).map(\.element)
    }

    /// Passages that count toward the total: every one, or one per group.
    var found: Int { found(in: tally) }

    func found(in tally: ScanTally) -> Int { page.grouping == nil ? tally.passages : tally.withPassages }

}
