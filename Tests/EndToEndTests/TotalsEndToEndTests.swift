import Foundation
import Testing

/// The total a search reports, through the real binaries (issue #14, "honest totals"): the same
/// whatever `-n`, equal to `-c` when it says it is exact, and never more passages than the index has.
@Suite(.removingTemporaryFolders) struct TotalsEndToEndTests {
    /// Keywords, common words, phrases, operators, filters and plain questions.
    static let queries: [[String]] = [
        ["shame"], ["randomized"], ["trauma"], ["the"], ["therapy"], ["compassion", "training"], ["self-criticism"],
        ["\"inner critic\""], ["shame", "OR", "guilt"], ["shame", "or", "guilt"], ["-s", "evidence", "meta-analysis"],
        ["-m", "MOD032", "compassion"], ["--by", "modality", "shame"],
        ["what", "is", "the", "evidence", "for", "compasion", "focussed", "therapy"],
        ["how", "do", "I", "find", "an", "accredited", "practitioner"],
        ["which", "therapies", "help", "with", "shame"], ["what", "does", "a", "session", "look", "like"],
    ]

    struct Total: Equatable, CustomStringConvertible {
        var total: Int, exact: Bool, lower: Int, upper: Int
        var description: String { "\(total) (\(exact ? "exact" : "estimate") \(lower)–\(upper))" }
    }

    static func total(_ session: Session, _ arguments: [String]) throws -> Total {
        let summary = try RewritesEndToEndTests.summary(try session.modsearch(["--json"] + arguments))
        func int(_ key: String) throws -> Int {
            guard case .integer(let value)? = summary[key] else { throw Failure("\(arguments): no integer \(key)") }
            return value
        }
        return Total(total: try int("total"), exact: summary["total_exact"] == .bool(true), lower: try int("total_lower"),
                     upper: try int("total_upper"))
    }

    @Test func totalsAreStableExactWhenSaidAndBounded() throws {
        let session = try Session()
        let stats = try RewritesEndToEndTests.lastRecord(try session.modsearch(["--json", "stats"]))
        guard case .integer(let passages)? = stats["passages"] else { throw Failure("no passage count: \(stats)") }
        for query in Self.queries {
            let totals = try [1, 10, 100].map { try Self.total(session, ["-n", String($0)] + query) }
            #expect(Set(totals.map(\.total)).count == 1, "\(query): \(totals)")
            let count = try session.modsearch(["-c"] + query)
            let counted = Int(count.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
            for total in totals {
                #expect(total.lower <= total.total && total.total <= total.upper, "\(query): \(total)")
                #expect(total.exact == (total.lower == total.upper), "\(query): \(total)")
                #expect(total.upper <= passages, "\(query): \(total) of \(passages) passages")
                if total.exact && !query.contains("--by") { #expect(total.total == counted, "\(query): \(total), -c \(String(describing: counted))") }
            }
        }
    }
}
