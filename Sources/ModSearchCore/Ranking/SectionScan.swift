import XapianKit

/// When the scan down Xapian's section ranking may stop.
///
/// A passage never scores above its section's weight, so once `wanted` sections have a best
/// passage scoring at least the next section's weight, no later section can enter the page.
/// Exact forms may lower the scores found, so up to `lookahead` sections past that point are
/// still read in case one of them scores higher.
struct StopRule {
    let wanted: Int
    let lookahead: Int
    /// The best passage score of each section read that has passages, best first.
    private(set) var tops: [Double] = []
    private var lookedAhead = 0

    init(wanted: Int, lookahead: Int) {
        self.wanted = wanted
        self.lookahead = lookahead
    }

    /// Enough sections with passages to fill the page have been read.
    var pageIsFull: Bool { tops.count >= wanted }

    mutating func record(top: Double) {
        tops.insert(top, at: tops.firstIndex { $0 < top } ?? tops.endIndex)
    }

    /// Whether to stop before a section of this weight (called once per section, in rank order).
    mutating func stops(before weight: Double) -> Bool {
        guard pageIsFull else { return false }
        lookedAhead += 1
        return tops[wanted - 1] >= weight || lookedAhead > lookahead
    }
}

/// Xapian's ranking of section documents, read in batches that grow fourfold: every batch runs
/// Xapian's match again, so few large batches beat many small ones.
struct SectionScan {
    private var ranking: RankedSections
    private var items: [MSetItem]
    private var start = 0
    private var batch: Int
    private var position = 0
    /// Xapian's estimate and upper bound of the sections matching, from the first batch.
    let sectionEstimate: (estimate: Int, upper: Int)
    /// Every section matching, when the first match found them all, while its batch is the one
    /// in hand (see `unreturned`).
    private var matchList: [DocID]?

    /// `estimateDepth`: how many matching sections Xapian examines at least for its estimate,
    /// the same whatever the batch, so that the estimate does not move with the page size.
    /// `known`: an estimate already in hand, which needs no such depth; `top` (the word tiers'
    /// list, read in the whole list's place where it serves) needs one.
    /// `listsMatches`: whether Xapian may list the matches it examines for the estimate (not over
    /// remote shards): a short match list is then read to its end without a second match, which
    /// for a phrase of common words would check every candidate section's positions again.
    init(enquire: Enquire, top: (Enquire, length: Int?)? = nil, firstBatch: Int, estimateDepth: Int,
         known: (estimate: Int, upper: Int)? = nil, listsMatches: Bool = true) throws {
        precondition(top == nil || known != nil, "word tiers are read with an estimate in hand")
        ranking = RankedSections(enquire, top: top?.0, topLength: top?.length)
        batch = Swift.max(firstBatch, 1)
        let depth = known == nil ? Swift.max(estimateDepth, batch) : 0
        if depth > 0, listsMatches {
            let (first, listed) = try enquire.msetListingMatches(maxItems: batch, checkAtLeast: depth, limit: depth)
            items = Array(first)
            let whole = listed.map { $0.count == first.matchesLowerBound && $0.count == first.matchesUpperBound } ?? false
            matchList = whole ? listed : nil
            sectionEstimate = (first.matchesEstimated, first.matchesUpperBound)
        } else if let known {
            items = try ranking.sections(from: 0, count: batch)
            matchList = nil
            sectionEstimate = known
        } else {
            let first = try enquire.mset(first: 0, maxItems: batch, checkAtLeast: depth)
            items = Array(first)
            matchList = nil
            sectionEstimate = (first.matchesEstimated, first.matchesUpperBound)
        }
    }

    /// The batch to ask for first. Where a section can match without a passage that does (an AND
    /// of words, a NOT), it is generous: most sections of an AND of common words hold no passage
    /// with all of them, and a second match of a large index costs as much as the first while a
    /// longer list costs Xapian next to nothing. Elsewhere a longer list would cost Xapian more
    /// (a phrase is checked in each section it returns) for nothing.
    static func firstBatch(wanted: Int, lookahead: Int, sectionsMayLackPassages: Bool) -> Int {
        sectionsMayLackPassages ? Swift.max(2 * wanted, wanted + 90) : wanted + lookahead
    }

    /// Whether the batch in hand ends Xapian's match list.
    var holdsTheEnd: Bool { items.count < batch }

    /// The next section in rank order; nil at the end of the match list, or at the end of a batch
    /// once `pageIsFull` (another match would cost too much for the look-ahead alone).
    mutating func next(pageIsFull: Bool) throws -> MSetItem? {
        if position == items.count {
            if holdsTheEnd || pageIsFull { return nil }
            start += batch
            batch *= 4
            matchList = nil
            items = try ranking.sections(from: start, count: batch)
            position = 0
            if items.isEmpty { return nil }
        }
        defer { position += 1 }
        return items[position]
    }

    /// The sections from the one `next` returned last to the end of the batch in hand, which
    /// `next` then moves past.
    mutating func takeRestOfBatch() -> [DocID] {
        defer { position = items.count }
        return items[Swift.max(position - 1, 0)...].map(\.docID)
    }

    /// The matching sections not yet returned (nor moved past), in no particular order, when the
    /// first match listed them all and no later batch was read; nil when only reading on through
    /// `next` can find them.
    var unreturned: [DocID]? {
        guard let matchList else { return nil }
        let returned = Set(items[..<position].map(\.docID))
        return matchList.filter { !returned.contains($0) }
    }

    /// Whether every section of the match list has been returned.
    var isExhausted: Bool { holdsTheEnd && position == items.count }
}
