extension QuerySyntaxParser {
    /// A word and what joins it: the words of a phrase (`self-criticism`), a run of words
    /// separated by spaces (`a b c`), a NEAR or ADJ chain (`a NEAR b`). A run's last word
    /// belongs to a chain after it: `a b NEAR c` is `a` and `b NEAR c`.
    mutating func words() throws(QuerySyntaxError) -> [QuerySyntax] {
        guard case .word(let first, _)? = next else { return [] }
        index += 1
        var phrase = [first]
        while case .word(let word, .phraseTerm)? = next {
            phrase.append(word)
            index += 1
        }
        if phrase.count > 1 { return [.phrase(phrase)] }
        var run = [first]
        while case .word(let word, .groupTerm)? = next {
            run.append(word)
            index += 1
        }
        guard isChainNext else { return [joined(run)] }
        let chain = try nearChain(from: run.removeLast())
        return run.isEmpty ? [chain] : [joined(run), chain]
    }

    private var isChainNext: Bool {
        switch next {
        case .near, .adjacent: true
        default: false
        }
    }

    /// A run of words as Xapian's term groups: one list joined by the default operator.
    private func joined(_ run: [QueryWord]) -> QuerySyntax {
        guard run.count > 1 else { return .word(run[0]) }
        return joining == .all ? .and(run.map(QuerySyntax.word)) : .or(run.map(QuerySyntax.word))
    }

    /// `a NEAR b NEAR/5 c`: single words, one kind of operator, the largest distance given.
    private mutating func nearChain(from first: QueryWord) throws(QuerySyntaxError) -> QuerySyntax {
        var words = [first]
        var distance: Int?
        var ordered: Bool?
        while index < tokens.count {
            let offset = tokens[index].offset
            let (isOrdered, given): (Bool, Int?)
            switch tokens[index].token {
            case .near(let typed): (isOrdered, given) = (false, typed)
            case .adjacent(let typed): (isOrdered, given) = (true, typed)
            default: return .near(words, distance: distance, ordered: ordered ?? false)
            }
            let name = isOrdered ? "ADJ" : "NEAR"
            if let ordered, ordered != isOrdered {
                throw QuerySyntaxError("\(name) at position \(offset) cannot join words joined by \(ordered ? "ADJ" : "NEAR")",
                                       offset: offset)
            }
            ordered = isOrdered
            if let given { distance = Swift.max(distance ?? 0, given) }
            index += 1
            guard case .word(let word, .term)? = next, !isPhraseTerm(after: 1) else {
                throw QuerySyntaxError("\(name) at position \(offset) needs a single word after it", offset: offset)
            }
            words.append(word)
            index += 1
        }
        return .near(words, distance: distance, ordered: ordered ?? false)
    }

    private func isPhraseTerm(after offset: Int) -> Bool {
        guard index + offset < tokens.count, case .word(_, .phraseTerm) = tokens[index + offset].token else { return false }
        return true
    }
}

/// How Xapian joins two queries with AND, OR or XOR (`&=`, `|=`, `^=`): a list of the same kind
/// on the left takes the right one as a new member; anything else becomes a list of the two.
enum Join {
    case and, or, xor

    func join(_ left: QuerySyntax, _ right: QuerySyntax) -> QuerySyntax {
        switch (self, left) {
        case (.and, .and(let parts)): .and(parts + [right])
        case (.or, .or(let parts)): .or(parts + [right])
        case (.xor, .xor(let parts)): .xor(parts + [right])
        case (.and, _): .and([left, right])
        case (.or, _): .or([left, right])
        case (.xor, _): .xor([left, right])
        }
    }

    func join(_ left: QuerySyntax?, _ right: QuerySyntax) -> QuerySyntax {
        left.map { join($0, right) } ?? right
    }
}

/// The items between operators, kept apart as Xapian's `ProbQuery` keeps them and put together
/// in its order: the words, then what `+` requires, then the filters, then what `-` excludes.
struct ItemRun {
    let joining: QueryGrammar.Joining
    private var query: QuerySyntax?
    /// `+` items when words are joined with OR; with AND they are words like any other.
    private var required: QuerySyntax?
    /// Values of each filter field, in the order the fields first appear.
    private var filters: [(field: String, values: QuerySyntax)] = []
    private var excluded: QuerySyntax?

    init(joining: QueryGrammar.Joining) { self.joining = joining }

    mutating func add(_ item: QuerySyntax) {
        query = (joining == .all ? Join.and : Join.or).join(query, item)
    }

    mutating func require(_ item: QuerySyntax) {
        if joining == .all {
            add(item)
        } else {
            required = Join.and.join(required, item)
        }
    }

    mutating func exclude(_ item: QuerySyntax) {
        excluded = Join.or.join(excluded, item)
    }

    /// Values of one field are alternatives, different fields must all match.
    mutating func addFilter(_ filter: QueryFilter) {
        if let known = filters.firstIndex(where: { $0.field == filter.field }) {
            filters[known].values = Join.or.join(filters[known].values, .filter(filter))
        } else {
            filters.append((filter.field, .filter(filter)))
        }
    }

    var syntax: QuerySyntax? {
        var result = query
        if let required { result = result.map { .andMaybe(required, $0) } ?? required }
        // Xapian keeps filter fields in a map: they are joined in the order of their names.
        let merged = filters.sorted { $0.field < $1.field }.reduce(nil) { Join.and.join($0, $1.values) }
        if let merged { result = result.map { .filtered($0, by: merged) } ?? .unweighted(merged) }
        // Exclusions only are taken from everything (the rule Xapian's FLAG_PURE_NOT has for NOT).
        if let excluded { result = .andNot(result ?? .everything, excluded) }
        return result
    }
}
