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
    private let condition: Condition
    /// Weighted terms: query factor × inverse document frequency.
    private let scoredTerms: [(term: String, weight: Double)]

    init(query: Query, database: Database) throws {
        self.database = database
        var scored: [String: Double] = [:]
        let compiled = Condition(query, factor: 1, scored: &scored)
        // Each term's frequency is read once: ordering an AND asks for it at every level.
        var frequencies: [String: Int] = [:]
        func frequency(_ term: String) throws -> Int {
            if let known = frequencies[term] { return known }
            let read = try database.termFrequency(term)
            frequencies[term] = read
            return read
        }
        condition = try compiled.rarestFirst(frequency)
        let documents = Double(max(try database.documentCount, 1))
        scoredTerms = try scored.sorted { $0.key < $1.key }.map { term, factor in
            let frequency = Double(try frequency(term))
            let idf = Swift.max(0.1, log((documents - frequency + 0.5) / (frequency + 0.5) + 1))
            return (term, factor * idf)
        }
    }

    /// The query that finds the sections that may hold satisfying passages. A negation excludes
    /// a passage, not its whole section, so `A AND_NOT B` looks for sections with `A` (and XOR
    /// for sections with any part); the passages are then checked against the query itself.
    static func sectionQuery(for query: Query) throws -> Query {
        guard hasNegation(query) else { return query }
        let parts = query.subqueries
        switch query.kind {
        case .andNot:
            return try sectionQuery(for: parts[0])
        case .xor:
            return try Query(.or, parts.map(sectionQuery(for:)))
        case .scaleWeight:
            return try sectionQuery(for: parts[0]).scaled(by: QueryDescription.scaleFactor(query) ?? 1)
        case .and: return try Query(.and, parts.map(sectionQuery(for:)))
        case .filter: return try Query(.filter, parts.map(sectionQuery(for:)))
        case .andMaybe: return try Query(.andMaybe, parts.map(sectionQuery(for:)))
        case .synonym: return try Query(.synonym, parts.map(sectionQuery(for:)))
        case .max: return try Query(.max, parts.map(sectionQuery(for:)))
        default: return try Query(.or, parts.map(sectionQuery(for:)))
        }
    }

    private static func hasNegation(_ query: Query) -> Bool {
        switch query.kind {
        case .andNot, .xor: true
        case .term, .wildcard, .matchAll, .matchNothing, .valueRange, .postingSource, .phrase, .near: false
        default: query.subqueries.contains(where: hasNegation)
        }
    }

    /// Whether a section can match the query while none of its passages does (the words of an
    /// AND in different passages, say).
    var sectionsMayLackPassages: Bool { condition.mayLackPassages }

    /// The ordinals of the passages of a section document that satisfy the query.
    func satisfying(in document: DocID) throws -> [Int] {
        try satisfied(in: document)?.ordinals ?? []
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
        var reader = DocumentPositions(database: database, document: document)
        let satisfied = try condition.ranges(&reader)
        guard !satisfied.isEmpty else { return nil }
        let lengths = try lengths(of: document)
        let ordinals = (1..<Swift.max(lengths.count, 1)).filter { satisfied.contains($0) && lengths[$0] > 0 }
        return ordinals.isEmpty ? nil : (ordinals, lengths, reader)
    }

    private func lengths(of document: DocID) throws -> [Int] {
        PassageLengths.decode(try database.valueBytes(slot: Schema.Slot.passageLengths, of: document))
    }
}

/// The ranges (0 = shared, n = passage n) in which a condition holds: range 0 and up to
/// `Schema.maxPassages` passages.
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

/// Positions of terms in one document, read once each.
struct DocumentPositions {
    let database: Database
    let document: DocID
    private var cache: [String: [UInt32]] = [:]

    init(database: Database, document: DocID) {
        self.database = database
        self.document = document
    }

    mutating func positions(of term: String) throws -> [UInt32] {
        if let cached = cache[term] { return cached }
        let found = try database.positions(of: term, in: document)
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

/// Xapian's query tree, with the parameters that its 1.4 API exposes only in descriptions.
private indirect enum Condition {
    case term(String)
    case all
    case nothing
    case and([Condition])
    case or([Condition])
    case xor([Condition])
    case andNot(Condition, [Condition])
    case phrase([Condition], window: Int)
    case near([Condition], window: Int)

    /// Compiles query; weighted terms (not under a filter or a negation) go into scored.
    init(_ query: Query, factor: Double, scored: inout [String: Double]) {
        let subqueries = query.subqueries
        func compile(_ list: ArraySlice<Query>, _ factor: Double) -> [Condition] {
            list.map { Condition($0, factor: factor, scored: &scored) }
        }
        switch query.kind {
        case .term:
            let term = query.leafTerm ?? ""
            if term.isEmpty { self = .all; return }
            if factor > 0 { scored[term, default: 0] += factor }
            self = .term(term)
        case .wildcard:
            // Terms are stems, so Xapian's wildcards find none; `QueryBuilder` expands `word*`
            // from the vocabulary before parsing.
            self = .nothing
        case .matchAll, .valueRange, .postingSource:
            self = .all
        case .matchNothing:
            self = .nothing
        case .and:
            self = .and(compile(subqueries[...], factor))
        case .filter:
            self = .and(compile(subqueries.prefix(1), factor) + compile(subqueries.dropFirst(), 0))
        case .andMaybe:
            self = .and(compile(subqueries.prefix(1), factor))
            _ = compile(subqueries.dropFirst(), factor)
        case .or, .synonym, .max, .eliteSet:
            self = .or(compile(subqueries[...], factor))
        case .xor:
            self = .xor(compile(subqueries[...], factor))
        case .andNot:
            let first = compile(subqueries.prefix(1), factor)
            self = .andNot(first.first ?? .nothing, compile(subqueries.dropFirst(), 0))
        case .scaleWeight:
            let scale = QueryDescription.scaleFactor(query) ?? 1
            self = subqueries.first.map { Condition($0, factor: factor * scale, scored: &scored) } ?? .nothing
        case .phrase:
            self = .phrase(compile(subqueries[...], factor),
                           window: QueryDescription.window(query, subqueries: subqueries) ?? subqueries.count)
        case .near:
            self = .near(compile(subqueries[...], factor),
                         window: QueryDescription.window(query, subqueries: subqueries) ?? 10)
        }
    }

    func ranges(_ reader: inout DocumentPositions) throws -> RangeSet {
        switch self {
        case .term(let term):
            return try reader.ranges(of: term)
        case .all:
            return RangeSet.all
        case .nothing:
            return RangeSet.none
        case .and(let parts):
            var set = RangeSet.all
            for part in parts {
                set.formIntersection(try part.ranges(&reader))
                // No later part can bring a passage back, so their positions are not read.
                if set.isEmpty { break }
            }
            return set
        case .or(let parts):
            var set = RangeSet.none
            for part in parts { set.formUnion(try part.ranges(&reader)) }
            return set
        case .xor(let parts):
            var set = RangeSet.none
            for part in parts { set.formSymmetricDifference(try part.ranges(&reader)) }
            return set
        case .andNot(let first, let rest):
            var set = try first.ranges(&reader)
            for part in rest where !set.isEmpty { set.subtract(try part.ranges(&reader)) }
            return set
        case .phrase(let parts, let window), .near(let parts, let window):
            let ordered = if case .phrase = self { true } else { false }
            return try Self.positional(parts, window: window, ordered: ordered, &reader)
        }
    }

    /// The same condition with the parts of each AND in rising order of how many sections hold
    /// them: the rarest word is the likeliest to rule a section's passages out before the
    /// positions of the others are read.
    func rarestFirst(_ frequency: (String) throws -> Int) rethrows -> Condition {
        switch self {
        case .and(let parts):
            let ordered = try parts.map { (part: try $0.rarestFirst(frequency), cost: try $0.cost(frequency)) }
            return .and(ordered.enumerated().sorted { ($0.element.cost, $0.offset) < ($1.element.cost, $1.offset) }
                .map(\.element.part))
        case .or(let parts): return .or(try parts.map { try $0.rarestFirst(frequency) })
        case .xor(let parts): return .xor(try parts.map { try $0.rarestFirst(frequency) })
        case .andNot(let first, let rest):
            return .andNot(try first.rarestFirst(frequency), try rest.map { try $0.rarestFirst(frequency) })
        case .term, .all, .nothing, .phrase, .near: return self
        }
    }

    /// Sections that may hold the condition, as far as term frequencies tell.
    private func cost(_ frequency: (String) throws -> Int) rethrows -> Int {
        switch self {
        case .term(let term): try frequency(term)
        case .nothing: 0
        case .all: Int.max
        case .and(let parts), .phrase(let parts, _), .near(let parts, _): try parts.map { try $0.cost(frequency) }.min() ?? 0
        case .or(let parts), .xor(let parts):
            try parts.reduce(0) { sum, part in
                let (total, overflow) = sum.addingReportingOverflow(try part.cost(frequency))
                return overflow ? Int.max : total
            }
        case .andNot(let first, _): try first.cost(frequency)
        }
    }

    var mayLackPassages: Bool {
        switch self {
        case .term, .all, .nothing, .phrase, .near: false
        case .andNot: true
        case .and(let parts):
            parts.filter { !$0.holdsWholeSections }.count > 1 || parts.contains(where: \.mayLackPassages)
        case .or(let parts), .xor(let parts): parts.contains(where: \.mayLackPassages)
        }
    }

    /// Whether the condition holds for all of a section's passages or none: a filter on
    /// modality, section, source file or id, whose terms carry no positions.
    private var holdsWholeSections: Bool {
        switch self {
        case .term(let term):
            [Schema.Prefix.modality, Schema.Prefix.section, Schema.Prefix.file, Schema.Prefix.id].contains(where: term.hasPrefix)
        case .all, .nothing: true
        case .or(let parts), .and(let parts): parts.allSatisfy(\.holdsWholeSections)
        default: false
        }
    }

    /// Positions at which a part of a phrase occurs.
    func positions(_ reader: inout DocumentPositions) throws -> [UInt32] {
        switch self {
        case .term(let term):
            return try reader.positions(of: term)
        case .or(let parts), .and(let parts), .xor(let parts), .phrase(let parts, _), .near(let parts, _):
            var all: [UInt32] = []
            for part in parts { all += try part.positions(&reader) }
            return all.sorted()
        case .andNot(let first, _):
            return try first.positions(&reader)
        case .all, .nothing:
            return []
        }
    }

    /// Ranges holding every part within `window` positions (in order for a phrase). No match can
    /// leave its range, so a window wider than a range counts as one range.
    private static func positional(_ parts: [Condition], window: Int, ordered: Bool,
                                   _ reader: inout DocumentPositions) throws -> RangeSet {
        var set = RangeSet.none
        guard !parts.isEmpty else { return set }
        let lists = try parts.map { try $0.positions(&reader) }
        guard lists.allSatisfy({ !$0.isEmpty }) else { return set }
        let span = UInt32(Swift.min(Swift.max(window, parts.count), Int(Schema.passageStride)))
        let ranges = lists.dropFirst().reduce(Set(lists[0].map { $0 / Schema.passageStride })) { common, list in
            common.intersection(list.map { $0 / Schema.passageStride })
        }
        for range in ranges.sorted() {
            let inRange = lists.map { $0.filter { $0 / Schema.passageStride == range } }
            guard ordered ? inOrder(inRange, span: span) : together(inRange, span: span) else { continue }
            if range == 0 { return RangeSet.all }
            set.insert(Int(range))
        }
        return set
    }

    /// Each part at a later position than the one before, all within span of the first.
    private static func inOrder(_ lists: [[UInt32]], span: UInt32) -> Bool {
        lists[0].contains { start in
            var previous = start
            for list in lists.dropFirst() {
                guard let next = list.first(where: { $0 > previous }), next - start < span else { return false }
                previous = next
            }
            return true
        }
    }

    /// Every part somewhere in one window of span positions: a window slides over the parts'
    /// positions in order, counting how many parts it holds.
    private static func together(_ lists: [[UInt32]], span: UInt32) -> Bool {
        let merged = lists.enumerated().flatMap { part, list in list.map { (position: $0, part: part) } }
            .sorted { $0.position < $1.position }
        var inside = Array(repeating: 0, count: lists.count)
        var parts = 0
        var left = 0
        for entry in merged {
            if inside[entry.part] == 0 { parts += 1 }
            inside[entry.part] += 1
            while entry.position - merged[left].position >= span {
                inside[merged[left].part] -= 1
                if inside[merged[left].part] == 0 { parts -= 1 }
                left += 1
            }
            if parts == lists.count { return true }
        }
        return false
    }
}

/// Reads the parameters Xapian 1.4 prints in a query's description but has no accessor for.
enum QueryDescription {
    /// The description without the `Query(` … `)` wrapper.
    static func inner(_ query: Query) -> Substring {
        let text = query.description[...]
        guard text.hasPrefix("Query("), text.hasSuffix(")") else { return text }
        return text.dropFirst("Query(".count).dropLast()
    }

    /// `(a PHRASE 3 b c)`: the number after the first subquery and the operator's name.
    static func window(_ query: Query, subqueries: [Query]) -> Int? {
        guard let first = subqueries.first else { return nil }
        let text = inner(query)
        let afterFirst = text.dropFirst(1 + inner(first).count)
        let words = afterFirst.split(separator: " ", maxSplits: 2)
        guard words.count >= 2 else { return nil }
        return Int(words[1])
    }

    /// `0.5 * (…)`: the factor.
    static func scaleFactor(_ query: Query) -> Double? {
        let text = inner(query)
        guard let star = text.range(of: " * ") else { return nil }
        return Double(text[..<star.lowerBound])
    }
}
