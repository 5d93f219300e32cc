import XapianKit

/// The query tree as the passage check reads it: which ranges of a section hold each part.
indirect enum PassageCondition {
    case term(String)
    case all
    case nothing
    case and([PassageCondition])
    case or([PassageCondition])
    case xor([PassageCondition])
    case andNot(PassageCondition, [PassageCondition])
    case phrase([PassageCondition], window: Int)
    case near([PassageCondition], window: Int)

    /// The condition of a query: weights play no part, so a scale is its part, AND_MAYBE its
    /// first part and a filter an AND.
    init(_ query: QueryTree) {
        switch query {
        case .term(let term): self = term.name.isEmpty ? .all : .term(term.name)
        case .wildcard:
            // Terms are stems, so Xapian's wildcards find none; `QueryBuilder` expands `word*`
            // from the vocabulary before compiling.
            self = .nothing
        case .matchAll: self = .all
        case .matchNothing: self = .nothing
        case .and(let parts): self = .and(parts.map(PassageCondition.init))
        case .or(let parts): self = .or(parts.map(PassageCondition.init))
        case .xor(let parts): self = .xor(parts.map(PassageCondition.init))
        case .filter(let first, let second): self = .and([PassageCondition(first), PassageCondition(second)])
        case .andMaybe(let first, _), .scale(let first, _): self = PassageCondition(first)
        case .andNot(let first, let second): self = .andNot(PassageCondition(first), [PassageCondition(second)])
        case .phrase(let terms, let window): self = .phrase(terms.map { .term($0.name) }, window: window)
        case .near(let terms, let window): self = .near(terms.map { .term($0.name) }, window: window)
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
    func rarestFirst(_ frequency: (String) throws -> Int) rethrows -> PassageCondition {
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
        case .term, .all, .nothing: false
        case .andNot, .phrase, .near: true
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
    private static func positional(_ parts: [PassageCondition], window: Int, ordered: Bool,
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
