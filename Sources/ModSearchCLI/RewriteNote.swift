import ModSearchProtocol

/// The one stderr line that says how a search departed from the words as typed: a correction, an
/// accent dropped, a UK form or synonyms searched too, a word the index lacks, passages with only
/// some of the words. Printed in every output format, so that a script piping `--json`, `-l` or
/// `-c` learns it as a person reading the text does; nothing when the words were searched as typed.
enum RewriteNote {
    /// `searched "cafe" for "café"; "zebra" is not in the index`, or nil for no rewrite.
    static func line(_ rewrites: [Rewrite], total: Int) -> String? {
        guard !rewrites.isEmpty else { return nil }
        // The words the index lacks are named together, where the first of them was met.
        var unknown: [String] = []
        for rewrite in rewrites where rewrite.kind == .unknownWord && !unknown.contains(quoted(rewrite.from)) {
            unknown.append(quoted(rewrite.from))
        }
        var parts: [String] = []
        var unknownNamed = false
        for rewrite in rewrites {
            if rewrite.kind != .unknownWord {
                parts.append(describe(rewrite, total: total))
            } else if !unknownNamed {
                unknownNamed = true
                parts.append(listed(unknown) + (unknown.count == 1 ? " is" : " are") + " not in the index")
            }
        }
        let line = parts.joined(separator: "; ")
        // One line whatever the query held.
        return String(line.map { $0.isNewline ? " " : $0 })
    }

    private static func describe(_ rewrite: Rewrite, total: Int) -> String {
        let from = quoted(rewrite.from), to = rewrite.to.map(quoted) ?? ""
        switch rewrite.kind {
        case .spelling, .accents: return "searched \(to) for \(from)"
        case .ukSpelling: return "also searched \(to) for \(from)"
        case .synonyms: return "also searched synonyms: \(rewrite.to ?? "")"
        case .partial:
            return total == 0 ? "no passage has every word of \(from), so passages with some of them are shown"
                              : "passages with some of the words of \(from) follow those with all"
        default: return "\(rewrite.kind.rawValue): \(from)" + (rewrite.to == nil ? "" : " as \(to)")
        }
    }

    private static func quoted(_ text: String) -> String { "\"\(text)\"" }

    /// `"a"`, `"a" and "b"`, `"a", "b" and "c"`.
    private static func listed(_ items: [String]) -> String {
        items.count < 2 ? items.joined() : items.dropLast().joined(separator: ", ") + " and " + items.last!
    }

    /// Writes the line, when there is one, to stderr.
    static func report(_ rewrites: [Rewrite], total: Int) {
        if let line = line(rewrites, total: total) { Diagnostics.error(line) }
    }
}
