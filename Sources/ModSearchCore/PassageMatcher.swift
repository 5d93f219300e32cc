import Foundation
import XapianKit

/// Finds, inside a section document that matched a query, the passages that satisfy the query by
/// themselves, and scores each against the query.
///
/// A section holds its passages in separate ranges of term positions (`Schema.passageStride`);
/// range 0 (title and heading) belongs to every passage. The query's own tree is evaluated per
/// range from the positions of its terms, so an AND needs both words in one passage and a phrase
/// needs its words together in one passage. Not thread-safe, like the `Database` it reads.
struct PassageMatcher {
    /// BM25 inside a section: the section's rank already carries the document-level evidence.
    private static let k1 = 1.2
    private static let b = 0.75

    private let database: Database
    private let condition: PassageCondition
    /// Terms every section given holds (they come from Xapian's match of the section query).
    private let present: Set<String>
    /// Weighted terms: query factor × inverse document frequency.
    private let scoredTerms: [(term: String, weight: Double)]

    /// Sections given to it must match `query.sectionQuery`.
    init(query: QueryTree, database: Database) throws {
        self.database = database
        present = query.sectionQuery.requiredTerms
        // Each term's frequency is read once: ordering an AND asks for it at every level.
        var frequencies: [String: Int] = [:]
        func frequency(_ term: String) throws -> Int {
            if let known = frequencies[term] { return known }
            let read = try database.termFrequency(term)
            frequencies[term] = read
            return read
        }
        condition = try PassageCondition(query).rarestFirst(frequency)
        let documents = Double(max(try database.documentCount, 1))
        scoredTerms = try query.weightedTerms.sorted { $0.key < $1.key }.map { term, factor in
            let frequency = Double(try frequency(term))
            let idf = Swift.max(0.1, log((documents - frequency + 0.5) / (frequency + 0.5) + 1))
            return (term, factor * idf)
        }
    }

    /// Whether a section can match the query while none of its passages does (the words of an
    /// AND in different passages, say).
    var sectionsMayLackPassages: Bool { condition.mayLackPassages }

    /// The ordinals of the passages of a section document that satisfy the query.
    ///
    /// Ranges found from positions are passages that exist, so the section's passage lengths are
    /// read only when a part true of every passage (a word of the title or heading, a filter, a
    /// NOT) is in the answer: that part brings range 0 in, and every range with it.
    /// `streams`: the passage-lengths and position slots read along their streams, for a caller
    /// going through the documents in order; else each value is looked up.
    func satisfying(in document: DocID, streams: (lengths: ValueStream, blocks: ValueStream)? = nil) throws -> [Int] {
        var reader = DocumentPositions(database: database, document: document, present: present,
                                       block: try streams?.blocks.value(of: document))
        let satisfied = try condition.ranges(&reader)
        if !satisfied.contains(0) { return satisfied.passages }
        let lengths = try streams.map { PassageLengths.decode(try $0.lengths.value(of: document)) } ?? lengths(of: document)
        return Self.ordinals(satisfied, lengths: lengths)
    }

    /// Streams of the slots `satisfying(in:streams:)` reads, for documents in ascending order.
    static func streams(of database: Database) throws -> (lengths: ValueStream, blocks: ValueStream) {
        (try ValueStream(database: database, slot: Schema.Slot.passageLengths),
         try ValueStream(database: database, slot: Schema.Slot.positions))
    }

    /// The satisfying passages of a section document, best first: ordinal and local BM25 score.
    func passages(in document: DocID) throws -> [(ordinal: Int, score: Double)] {
        guard var found = try satisfied(in: document) else { return [] }
        let passageLengths = found.lengths.dropFirst()
        let average = Double(passageLengths.reduce(0, +)) / Double(passageLengths.count)
        let scored = try found.ordinals.map { ordinal -> (ordinal: Int, score: Double) in
            let norm = Self.k1 * (1 - Self.b + Self.b * Double(found.lengths[ordinal]) / Swift.max(average, 1))
            var score = 0.0
            for (term, weight) in scoredTerms {
                let count = Double(try found.reader.count(of: term, inRange: ordinal))
                if count > 0 { score += weight * count * (Self.k1 + 1) / (count + norm) }
            }
            return (ordinal, score)
        }
        return scored.sorted { $0.score > $1.score || ($0.score == $1.score && $0.ordinal < $1.ordinal) }
    }

    /// The satisfying passages' ordinals, with the section's range lengths and the positions read;
    /// nil when no passage satisfies the query. Most sections checked for an AND of common words
    /// hold no passage with all of them, so the lengths are read only for a section that has one.
    private func satisfied(in document: DocID) throws
        -> (ordinals: [Int], lengths: [Int], reader: DocumentPositions)? {
        var reader = DocumentPositions(database: database, document: document, present: present)
        let satisfied = try condition.ranges(&reader)
        guard !satisfied.isEmpty else { return nil }
        let lengths = try lengths(of: document)
        let ordinals = Self.ordinals(satisfied, lengths: lengths)
        return ordinals.isEmpty ? nil : (ordinals, lengths, reader)
    }

    private static func ordinals(_ satisfied: RangeSet, lengths: [Int]) -> [Int] {
        (1..<Swift.max(lengths.count, 1)).filter { satisfied.contains($0) && lengths[$0] > 0 }
    }

    private func lengths(of document: DocID) throws -> [Int] {
        PassageLengths.decode(try database.valueBytes(slot: Schema.Slot.passageLengths, of: document))
    }
}

/// The ranges (0 = shared, n = passage n) in which a condition holds: range 0 and up to
/// `Schema.maxPassages` passages.
///
/// Range 0 is in a set only when it came from one holding every range (a part true of every
/// passage); the ranges a section lacks then came along, and go wherever range 0 goes, since
/// every set operation treats them alike. A set without range 0 holds only passages that exist.
struct RangeSet {
    static let none = RangeSet(filled: false)
    static let all = RangeSet(filled: true)

    private var words: [UInt64]

    private init(filled: Bool) {
        let capacity = Schema.maxPassages + 1
        words = Array(repeating: filled ? ~0 : 0, count: (capacity + 63) / 64)
        if filled, capacity % 64 != 0 { words[words.count - 1] = (1 << UInt64(capacity % 64)) - 1 }
    }

    var isEmpty: Bool { words.allSatisfy { $0 == 0 } }

    /// The passages (ranges from 1) in the set.
    var passages: [Int] {
        var found: [Int] = []
        for (index, word) in words.enumerated() where word != 0 {
            var bits = word
            while bits != 0 {
                let range = index * 64 + bits.trailingZeroBitCount
                if range > 0 { found.append(range) }
                bits &= bits - 1
            }
        }
        return found
    }

    func contains(_ range: Int) -> Bool {
        range / 64 < words.count && words[range / 64] & (1 << UInt64(range % 64)) != 0
    }

    mutating func insert(_ range: Int) {
        guard range / 64 < words.count else { return }
        words[range / 64] |= 1 << UInt64(range % 64)
    }

    mutating func formIntersection(_ other: RangeSet) { for i in words.indices { words[i] &= other.words[i] } }
    mutating func formUnion(_ other: RangeSet) { for i in words.indices { words[i] |= other.words[i] } }
    mutating func formSymmetricDifference(_ other: RangeSet) { for i in words.indices { words[i] ^= other.words[i] } }
    mutating func subtract(_ other: RangeSet) { for i in words.indices { words[i] &= ~other.words[i] } }
}

/// Positions of terms in one document, from its position block, read once each.
///
/// A term the section holds finds its own list in the block; one it lacks may find another's
/// (one chance in 2^32 for each term held, `PositionBlock`), so a list found for a term not
/// known to be held is trusted only once the term's posting list shows the section.
struct DocumentPositions {
    let database: Database
    let document: DocID
    private let present: Set<String>
    private var cache: [String: [UInt32]] = [:]
    private var block: [UInt8]?

    /// `present`: terms the document is known to hold; `block`: its position block, if read.
    init(database: Database, document: DocID, present: Set<String>, block: [UInt8]? = nil) {
        self.database = database
        self.document = document
        self.present = present
        self.block = block
    }

    mutating func positions(of term: String) throws -> [UInt32] {
        if let cached = cache[term] { return cached }
        if block == nil { block = try database.valueBytes(slot: Schema.Slot.positions, of: document) }
        var found = try PositionBlock.positions(of: term, in: block ?? [])
        if !found.isEmpty, !present.contains(term), !(try database.hasPosting(term, in: document)) { found = [] }
        cache[term] = found
        return found
    }

    /// Where a term occurs; a term in range 0, or one without positions (a boolean filter term),
    /// counts for every passage.
    mutating func ranges(of term: String) throws -> RangeSet {
        let found = try positions(of: term)
        if found.isEmpty {
            return try database.hasPosting(term, in: document) ? .all : .none
        }
        var set = RangeSet.none
        for position in found { set.insert(Int(position / Schema.passageStride)) }
        return set.contains(0) ? .all : set
    }

    mutating func count(of term: String, inRange range: Int) throws -> Int {
        try positions(of: term).reduce(0) { $0 + (Int($1 / Schema.passageStride) == range ? 1 : 0) }
    }
}
