#if canImport(Glibc)
import Glibc
#endif
import ModSearchClient
import ModSearchProtocol

// What each client command does once its arguments are known, shared by the two front ends
// (`modsearch` and `modsearch-full`, which read the same grammar) so that both print the same
// bytes and exit with the same status: 0 something matched, 1 nothing did, 2 an error. A search
// follows grep on the words as typed: hits for a corrected query, or with only some of the
// words, are printed, but exit 1.

/// `search`'s own arguments.
public struct SearchArguments: Sendable, Equatable {
    public var query: [String]
    /// Passages to print; 0 prints every match, as `everyMatch` does.
    public var limit: Int
    public var offset: Int
    public var modality: [String]
    public var section: [String]
    public var by: Collapse?
    public var facets: Bool
    /// `--all`: every match, in index order, a batch at a time.
    public var everyMatch: Bool
    /// `--exact`: the words as typed, with no correction, other form, synonym or partial match.
    public var exact: Bool

    public init(query: [String], limit: Int, offset: Int = 0, modality: [String] = [], section: [String] = [],
                by: Collapse? = nil, facets: Bool = false, everyMatch: Bool = false, exact: Bool = false) {
        self.query = query
        self.limit = limit
        self.offset = offset
        self.modality = modality
        self.section = section
        self.by = by
        self.facets = facets
        self.everyMatch = everyMatch || limit == 0
        self.exact = exact
    }

    var text: String { query.joined(separator: " ") }

    func request(_ op: Request.Operation, offset: Int = 0, limit: Int, cursor: Int? = nil) -> Request {
        Request(op: op, query: text, limit: limit, offset: op == .search ? offset : nil,
                modality: modality.isEmpty ? nil : modality, section: section.isEmpty ? nil : section,
                collapse: by, facets: facets ? true : nil, cursor: cursor, exact: exact ? true : nil)
    }
}

public enum Commands {
    public typealias Connect = () throws(ProtocolError) -> any Backend

    public static func search(_ arguments: SearchArguments, format: HitPrinter.Format, context: Int = 0,
                              connect: Connect) -> Int32 {
        do {
            let backend = try connect()
            let printer = HitPrinter(format: format)
            let neighbours = Neighbours(backend: backend, count: context)
            let report: SearchReport
            if case .count = format {
                // A count asks for no passages, which makes the total exact.
                guard case .search(let answer) = try backend.send(arguments.request(.search, limit: 0)) else {
                    return unexpected()
                }
                report = SearchReport(arguments.text, answer)
                RewriteNote.report(report.rewrites, total: report.total)
            } else if arguments.everyMatch {
                report = try everyMatch(arguments, printer: printer, neighbours: neighbours, backend: backend)
            } else {
                report = try ranked(arguments, printer: printer, neighbours: neighbours, backend: backend)
            }
            printer.searchEnd(report)
            return report.matchedAsTyped ? 0 : 1
        } catch {
            return failed(error)
        }
    }

    /// Pages of at most `Limits.maxLimit` ranked hits until `limit` are printed. Text holds them
    /// to print its header first; the other formats print each page as it comes.
    private static func ranked(_ arguments: SearchArguments, printer: HitPrinter, neighbours: Neighbours,
                               backend: any Backend) throws(ProtocolError) -> SearchReport {
        var report: SearchReport?
        var heldHits: [Hit] = []
        var heldContext: [HitPrinter.Context] = []
        var offset = arguments.offset
        while true {
            let limit = min(arguments.limit - (offset - arguments.offset), Limits.maxLimit)
            guard case .search(let answer) = try backend.send(arguments.request(.search, offset: offset, limit: limit))
            else { throw ProtocolError(.internalError, "unexpected answer from the daemon") }
            if report == nil {
                report = SearchReport(arguments.text, answer)
                RewriteNote.report(answer.rewrites, total: answer.total.estimate)
            }
            let context = try neighbours.around(answer.hits.map(\.id))
            if case .text = printer.format {
                heldContext += context.isEmpty ? answer.hits.map { _ in HitPrinter.Context() } : context
                heldHits += answer.hits
            } else {
                printer.hits(answer.hits, context: context)
            }
            if answer.hits.contains(where: { !$0.partial }) { report?.strictHits = true }
            report?.shown += answer.hits.count
            offset += answer.hits.count
            if answer.hits.count < limit || offset - arguments.offset >= arguments.limit { break }
            if offset > Limits.maxOffset {
                Diagnostics.warn("ranked pages end at \(Limits.maxOffset + Limits.maxLimit) hits; --all prints every match")
                break
            }
        }
        var finished = report!
        if finished.shown > 0 { finished.ranks = (arguments.offset + 1)...(arguments.offset + finished.shown) }
        printer.searchHeader(finished)
        printer.hits(heldHits, context: heldContext)
        return finished
    }

    /// Every match, a batch at a time: nothing but the cursor is kept between batches.
    private static func everyMatch(_ arguments: SearchArguments, printer: HitPrinter, neighbours: Neighbours,
                                   backend: any Backend) throws(ProtocolError) -> SearchReport {
        var report = SearchReport(query: arguments.text, total: 0, everyMatch: true)
        var cursor: Int? = 0
        while let from = cursor {
            guard case .matches(let batch) = try backend.send(arguments.request(.matches, limit: Limits.maxLimit,
                                                                                cursor: from))
            else { throw ProtocolError(.internalError, "unexpected answer from the daemon") }
            if from == 0 {
                (report.rewrites, report.searchedAsTyped) = (batch.rewrites, batch.searchedAsTyped)
                RewriteNote.report(batch.rewrites, total: batch.matches.count)
            }
            printer.hits(batch.matches, context: try neighbours.around(batch.matches.map(\.id)))
            report.total += batch.matches.count
            report.tookMicroseconds += batch.tookMicroseconds
            cursor = batch.next
        }
        report.shown = report.total
        return report
    }

    public static func get(_ ids: [String], format: HitPrinter.Format, context: Int = 0, connect: Connect) -> Int32 {
        do {
            let backend = try connect()
            var found: [Passage] = []
            var missing: [String] = []
            for id in ids {
                do throws(ProtocolError) {
                    guard case .passage(let passage) = try backend.send(Request(op: .get, target: id)) else {
                        return unexpected()
                    }
                    found.append(passage)
                } catch where error.code == .notFound {
                    Diagnostics.error(error.message)
                    missing.append(id)
                }
            }
            let printer = HitPrinter(format: format)
            printer.passages(found, context: try Neighbours(backend: backend, count: context).around(found.map(\.id)))
            printer.getEnd(shown: found.count, missing: missing)
            return missing.isEmpty ? 0 : 1
        } catch {
            return failed(error)
        }
    }

    public static func related(_ target: String, limit: Int, format: HitPrinter.Format, context: Int = 0,
                               connect: Connect) -> Int32 {
        do {
            let backend = try connect()
            guard case .related(let related) = try backend.send(Request(op: .related, limit: limit, target: target)) else {
                return unexpected()
            }
            let printer = HitPrinter(format: format)
            // Cross-references are part of the answer, so they go to stdout with the hits.
            printer.relatedHeader(related)
            printer.hits(related.hits, context: try Neighbours(backend: backend, count: context).around(related.hits.map(\.id)))
            printer.relatedEnd(related)
            return related.hits.isEmpty ? 1 : 0
        } catch {
            return failed(error)
        }
    }

    /// One line on stderr for a failed request; exit status 2.
    public static func failed(_ error: ProtocolError) -> Int32 {
        Diagnostics.error(message(for: error))
        return 2
    }

    /// The one line a failed request is reported in, by `modsearch` and by `modsearch mcp`. A
    /// request field's name means nothing to either: an unknown `-m` or `-s` value says what it
    /// is by itself, and an offset too deep is named by its option.
    public static func message(for error: ProtocolError) -> String {
        var message = error.message
        for (field, option) in [("modality", ""), ("section", ""), ("offset", "--offset ")]
        where message.hasPrefix("field '\(field)': ") {
            message = option + message.dropFirst("field '\(field)': ".count)
        }
        if error.code == .badQuery { message = "bad query: " + message }
        return String(message.map { $0 == "\n" ? " " : $0 })
    }

    /// A command line that cannot be read: one line on stderr, exit status 2.
    public static func usageError(_ message: String) -> Int32 {
        Diagnostics.error(message + " (see modsearch --help)")
        return 2
    }

    static func unexpected() -> Int32 {
        Diagnostics.error("unexpected answer from the daemon")
        return 2
    }
}

/// The passages `-C N` prints around each hit: up to N before and after it in its section.
public struct Neighbours {
    let backend: any Backend
    let count: Int

    public init(backend: any Backend, count: Int) {
        self.backend = backend
        self.count = count
    }

    /// For each id, its neighbours; empty when `count` is 0.
    public func around(_ ids: [String]) throws(ProtocolError) -> [HitPrinter.Context] {
        guard count > 0 else { return [] }
        var contexts: [HitPrinter.Context] = []
        for id in ids {
            guard let slash = id.lastIndex(of: "/"), let ordinal = Int(id[id.index(after: slash)...]) else {
                contexts.append(HitPrinter.Context())
                continue
            }
            let section = id[...slash]
            let before = try passages(section, max(1, ordinal - count)..<ordinal)
            let after = try passages(section, (ordinal + 1)..<(ordinal + 1 + count))
            contexts.append(HitPrinter.Context(before: before, after: after))
        }
        return contexts
    }

    /// The passages of `section` with these ordinals, up to the section's end.
    private func passages(_ section: Substring, _ ordinals: Range<Int>) throws(ProtocolError) -> [Passage] {
        var found: [Passage] = []
        for ordinal in ordinals {
            do {
                guard case .passage(let passage) = try backend.send(Request(op: .get, target: "\(section)\(ordinal)"))
                else { break }
                found.append(passage)
            } catch where error.code == .notFound {
                break
            }
        }
        return found
    }
}
