import ModSearchProtocol
import enum ModalityDocs.VisibleText

/// `explain` for people: the query as searched (rewrites, tree, terms), then each hit with its
/// score as the product of its parts and the section's weight as the sum of its terms.
enum ExplanationText {
    static func query(_ query: ExplainedQuery, total: Total) -> String {
        var lines = ["query     \(query.typed)", "searched  \(query.searched)"]
        for rewrite in query.rewrites {
            lines.append("rewrite   \(rewrite.kind.rawValue): \(rewrite.from)" + (rewrite.to.map { " → \($0)" } ?? ""))
        }
        lines.append("tree")
        lines += tree(query.tree, indent: "  ")
        if let partial = query.partialTree {
            lines.append("partial tree (passages with some of the words, after those with all)")
            lines += tree(partial, indent: "  ")
        }
        let bm25 = { (settings: BM25Settings) in "k1 \(number(settings.k1)), b \(number(settings.b))" }
        lines.append("terms     BM25 \(bm25(query.weighting))"
                     + (query.partialWeighting.map { "; partial \(bm25($0))" } ?? "")
                     + "; \(query.sections) sections, average length \(number(query.averageLength, 1))")
        for term in query.terms {
            lines.append("  " + pad(name(term.term), 28) + pad("in \(term.sections) sections", 18)
                         + "idf \(number(term.idf))  factor \(number(term.factor))")
        }
        let about = total.lower == total.upper ? "" : "about "
        lines.append("matches   \(about)\(total.estimate)")
        return lines.joined(separator: "\n") + "\n"
    }

    static func hit(_ hit: Hit, _ score: HitScore) -> String {
        let section = score.section
        var product = "section \(number(section.weight)) × passage \(number(score.passage.factor))"
            + " × exact forms \(number(score.exactForms.factor))"
        if let scale = score.partialScale { product += " × partial \(number(scale))" }
        var lines = ["", VisibleText.escaped("\(hit.rank ?? 0). \(hit.id)  \(hit.title) · \(hit.heading)"),
                     "   score \(number(score.score)) = \(product)",
                     "   section \(number(section.weight)): BM25 for \(section.query == "all" ? "every word" : "some words")"
                         + ", length \(section.length) (norm \(number(section.normLength)))"]
        for term in section.terms {
            let counted = term.occurrences
            var fields: [String] = []
            if counted.title > 0 { fields.append("title \(counted.title)×\(counted.titleWeight)") }
            if counted.heading > 0 { fields.append("heading \(counted.heading)×\(counted.headingWeight)") }
            if counted.text > 0 { fields.append("text \(counted.text)×\(counted.textWeight)") }
            let wdf = "wdf \(term.wdf)" + (fields.isEmpty ? "" : " = " + fields.joined(separator: " + "))
            lines.append("     " + pad(number(term.weight), 8) + pad(name(term.term), 26) + pad(wdf, 34)
                         + "idf \(number(term.idf)) × \(number(term.factor))")
        }
        let share = score.passage
        lines.append("   passage \(number(share.factor)) = 1 − \(number(share.share)) + \(number(share.share))"
                     + " × local \(number(share.local)) / best \(number(share.best))")
        let exact = score.exactForms
        if !exact.words.isEmpty {
            let lacking = exact.missing.isEmpty ? "holds every typed word as typed"
                : "lacks " + exact.missing.map { "\"\($0)\"" }.joined(separator: ", ") + " as typed"
            lines.append("   exact forms \(number(exact.factor)): \(lacking)"
                         + " (1 − \(number(exact.weight)) × \(exact.missing.count)/\(exact.words.count))")
        }
        if let scale = score.partialScale {
            lines.append("   partial \(number(scale)): holds some of the words, scaled below every passage with all")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A query tree, a node a line, children indented.
    static func tree(_ node: QueryTreeNode, indent: String) -> [String] {
        var label = node.op
        if let term = node.term { label += " " + name(term) }
        if let pattern = node.pattern { label += " " + pattern }
        if let window = node.window { label += " (window \(window))" }
        if let factor = node.factor { label += " ×\(number(factor))" }
        return [indent + label] + node.children.flatMap { tree($0, indent: indent + "  ") }
    }

    /// `title:compass`, or the stem alone for text.
    static func name(_ term: IndexTerm) -> String {
        term.field == "text" ? term.value : term.field + ":" + term.value
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }

    /// A number with at most `places` decimals, trailing zeros dropped.
    static func number(_ value: Double, _ places: Int = 4) -> String {
        guard value.isFinite else { return String(value) }
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let scaled = Int((abs(value) * scale).rounded())
        let whole = scaled / Int(scale)
        var fraction = String(scaled % Int(scale))
        fraction = String(repeating: "0", count: places - fraction.count) + fraction
        while fraction.last == "0" { fraction.removeLast() }
        return (value < 0 && scaled > 0 ? "-" : "") + String(whole) + (fraction.isEmpty ? "" : "." + fraction)
    }
}
