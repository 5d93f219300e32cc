import JSONText
import ModSearchProtocol

/// What a search found, as its header and summary say it.
public struct SearchReport: Sendable {
    public var query: String
    /// How many match: exactly, or an estimate within `bounds`.
    public var total: Int
    public var bounds: ClosedRange<Int>?
    public var exact: Bool { bounds == nil }
    public var shown = 0
    /// The ranks of the first and last hit shown; nil for every match in index order.
    public var ranks: ClosedRange<Int>?
    public var tookMicroseconds = 0
    public var corrected: String?
    public var suggestion: String?
    public var facets: Facets?
    /// Every match in index order (`--all`), not a ranked page.
    public var everyMatch = false
    /// How the words as typed were searched.
    public var rewrites: [Rewrite] = []
    public var searchedAsTyped = true
    /// Whether a hit shown holds every word (not only some of them).
    public var strictHits = false

    init(query: String, total: Int, everyMatch: Bool = false) {
        self.query = query
        self.total = total
        self.everyMatch = everyMatch
    }

    /// The report of a ranked search (or a count) from its first answer.
    init(_ query: String, _ answer: SearchResult) {
        self.init(query: query, total: answer.total.estimate)
        if !answer.total.isExact { bounds = answer.total.lower...answer.total.upper }
        tookMicroseconds = answer.tookMicroseconds
        (corrected, suggestion, facets) = (answer.corrected, answer.suggestion, answer.facets)
        (rewrites, searchedAsTyped) = (answer.rewrites, answer.searchedAsTyped)
    }

    /// grep's rule on the words as typed: something holds them all, and nothing was respelled.
    var matchedAsTyped: Bool { searchedAsTyped && (total > 0 || strictHits) }
}

extension HitPrinter {
    /// Before a ranked page: the correction or suggestion, and how many match (text only).
    func searchHeader(_ report: SearchReport) {
        guard case .text(let style, _) = format else { return }
        let bold = { (text: String) in style.color ? Terminal.bold + text + Terminal.reset : text }
        var out = ""
        // A correction is said on stderr (`RewriteNote`); the count names the query searched.
        if report.corrected == nil, let suggestion = report.suggestion {
            out += "Did you mean \"\(bold(suggestion))\"?\n"
        }
        let query = report.corrected ?? report.query
        if report.total == 0, let ranks = report.ranks {
            out += "No passage matches every word of \"\(query)\" (showing \(ranks.lowerBound)–\(ranks.upperBound) with some)\n"
        } else {
            let shown = report.ranks.map { " (showing \($0.lowerBound)–\($0.upperBound))" } ?? ""
            out += Self.countLine(report.total, exact: report.exact, query: query) + shown + "\n"
        }
        Output.write(out)
    }

    /// After the hits: facets or the count of every match (text), the summary record (JSON), the number (count).
    func searchEnd(_ report: SearchReport) {
        switch format {
        case .count:
            Output.line(String(report.total))
        case .json:
            Output.write(JSONRecords.summary("search") { writer in
                writer.key("query"); writer.string(report.query)
                writer.key("order"); writer.string(report.everyMatch ? "index" : "rank")
                writer.key("total"); writer.int(report.total)
                writer.key("exact"); writer.bool(report.exact)
                writer.key("total_exact"); writer.bool(report.exact)
                writer.key("total_lower"); writer.int(report.bounds?.lowerBound ?? report.total)
                writer.key("total_upper"); writer.int(report.bounds?.upperBound ?? report.total)
                writer.key("shown"); writer.int(report.shown)
                writer.key("took_us"); writer.int(report.tookMicroseconds)
                writer.key("searched_as_typed"); writer.bool(report.searchedAsTyped)
                writer.field("corrected", report.corrected)
                if !report.rewrites.isEmpty { writer.key("rewrites"); writer.array(report.rewrites) }
                writer.field("suggestion", report.suggestion)
                if let facets = report.facets { writer.key("facets"); facets.write(to: &writer) }
            })
        case .text:
            if report.everyMatch {
                Output.write("\n" + Self.countLine(report.total, exact: true, query: report.query) + ", in index order\n")
            } else if let facets = report.facets {
                Output.write("\nby modality: " + Self.facetLine(facets.modality) + "\nby section: "
                             + Self.facetLine(facets.section) + "\n")
            }
        case .tsv, .ids, .vimgrep:
            break
        }
    }

    /// Before the hits of `related`: a modality's cross-references (text only; JSON has them in its summary).
    func relatedHeader(_ related: RelatedResult) {
        guard case .text = format else { return }
        if let references = related.references {
            Output.line("\(related.target) refers to: \(references.joined(separator: " "))")
        }
        if let referencedBy = related.referencedBy {
            Output.line("referred to by: \(referencedBy.joined(separator: " "))")
        }
    }

    func relatedEnd(_ related: RelatedResult) {
        switch format {
        case .json:
            Output.write(JSONRecords.summary("related") { writer in
                writer.key("target"); writer.string(related.target)
                writer.field("references", related.references)
                writer.field("referenced_by", related.referencedBy)
                writer.key("shown"); writer.int(related.hits.count)
                writer.key("took_us"); writer.int(related.tookMicroseconds)
            })
        case .count:
            Output.line(String(related.hits.count))
        default:
            break
        }
    }

    func getEnd(shown: Int, missing: [String]) {
        switch format {
        case .json:
            Output.write(JSONRecords.summary("get") { writer in
                writer.key("shown"); writer.int(shown)
                writer.field("missing", missing)
            })
        case .count:
            Output.line(String(shown))
        default:
            break
        }
    }

    /// `about 30 passages match "x"`, `1 passage matches "x"`.
    static func countLine(_ total: Int, exact: Bool, query: String) -> String {
        let count = (exact ? "" : "about ") + "\(total) passage\(total == 1 ? "" : "s")"
        return "\(count) match\(total == 1 && exact ? "es" : "") \"\(query)\""
    }

    private static func facetLine(_ counts: [String: Int]) -> String {
        counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            .map { "\($0.key) \($0.value)" }.joined(separator: ", ")
    }
}
