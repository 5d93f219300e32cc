import QueryLanguage
import XapianKit

/// Finds the words of a passage that match a query's terms (exact or by stem) and picks the
/// snippet around them. Our own because Xapian 1.4's snippets do not highlight phrases of
/// stemmed terms (`self-criticism` under STEM_SOME_FULL_POS) and cost a statistics lookup per word.
struct Highlighter {
    /// Unprefixed query terms (exact word forms), lower-case.
    private let exact: Set<[UInt8]>
    /// Stems of `Z` terms.
    private let stems: Set<[UInt8]>
    /// First two bytes of every exact word and stem, one bit each of the 65,536 pairs: most words
    /// of a passage are ruled out by their first two letters, before being copied or stemmed.
    private let heads: [UInt64]
    /// Terms that only occur inside phrases: a lone word matching one of them is not highlighted.
    private let phraseOnly: Set<[UInt8]>
    private let stemmer: Stemmer

    init(query: QueryTree, stemmer: Stemmer) {
        let stem = Array(Schema.Prefix.stem.utf8)
        func isUppercase(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") }
        var exact: Set<[UInt8]> = []
        var stems: Set<[UInt8]> = []
        for term in query.terms {
            let bytes = Array(term.utf8)
            if bytes.starts(with: stem) {
                let rest = Array(bytes.dropFirst(stem.count))
                // A field's stems (`ZS…`, `ZXH…`) are not looked for in passage text.
                if let next = rest.first, isUppercase(next) { continue }
                stems.insert(rest)
            } else if let first = bytes.first, !isUppercase(first) {
                exact.insert(bytes)
            }
        }
        self.exact = exact
        self.stems = stems
        var heads = [UInt64](repeating: 0, count: 1024)
        for word in exact.union(stems) {
            let head = Int(Self.head(word))
            heads[head >> 6] |= 1 << UInt64(head & 63)
        }
        self.heads = heads
        // Matched words are stems without their `Z`, or exact forms.
        self.phraseOnly = Set(query.phraseOnlyTerms.map { term in
            Array((term.hasPrefix(Schema.Prefix.stem) ? term.dropFirst(Schema.Prefix.stem.count) : Substring(term)).utf8)
        })
        self.stemmer = stemmer
    }

    var isEmpty: Bool { exact.isEmpty && stems.isEmpty }

    private static func head(_ word: [UInt8]) -> UInt16 {
        UInt16(word.first ?? 0) << 8 | UInt16(word.count > 1 ? word[1] : 0)
    }

    private func mayMatch(head: UInt16) -> Bool {
        heads[Int(head >> 6)] & (1 << UInt64(head & 63)) != 0
    }

    /// Byte ranges of the matching words in `text`, adjacent ones joined (`self-criticism` is one span).
    func matches(in text: [UInt8]) -> [Range<Int>] {
        guard !isEmpty else { return [] }
        var spans: [(range: Range<Int>, words: Int, phraseOnly: Bool)] = []
        var index = 0
        var lower: [UInt8] = []
        func lowered(_ byte: UInt8) -> UInt8 { byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte }
        while index < text.count {
            guard Self.isWordByte(text, index) else { index += 1; continue }
            let start = index
            var ascii = true
            while index < text.count, Self.isWordByte(text, index) {
                if text[index] >= 0x80 { ascii = false }
                index += 1
            }
            if ascii {
                let head = UInt16(lowered(text[start])) << 8 | UInt16(index - start > 1 ? lowered(text[start + 1]) : 0)
                guard mayMatch(head: head) else { continue }
                lower.removeAll(keepingCapacity: true)
                for byte in text[start..<index] { lower.append(lowered(byte)) }
            } else {
                lower = Array(String(decoding: text[start..<index], as: UTF8.self).lowercased().utf8)
                guard mayMatch(head: Self.head(lower)) else { continue }
            }
            var matched: [UInt8]?
            if exact.contains(lower) {
                matched = lower
            } else if !stems.isEmpty {
                let stem = Array(stemmer.stem(lower).utf8)
                if stems.contains(stem) { matched = stem }
            }
            guard let matched else { continue }
            let onlyInPhrase = phraseOnly.contains(matched)
            if let last = spans.last, start - last.range.upperBound == 1,
               text[last.range.upperBound] == UInt8(ascii: "-") || text[last.range.upperBound] == UInt8(ascii: " ") {
                spans[spans.count - 1] = (last.range.lowerBound..<index, last.words + 1, last.phraseOnly && onlyInPhrase)
            } else {
                spans.append((start..<index, 1, onlyInPhrase))
            }
        }
        return spans.filter { $0.words > 1 || !$0.phraseOnly }.map(\.range)
    }

    /// By the one rule of what belongs to a word, the one the index was cut by.
    private static func isWordByte(_ text: [UInt8], _ index: Int) -> Bool {
        text.withUnsafeBufferPointer { WordCharacters.isWordByte($0, at: index) }
    }

    /// About `length` bytes of `text` around its best cluster of matches, cut at word boundaries,
    /// with `…` where text was left out; highlights are byte offsets into the snippet.
    func snippet(of text: String, length: Int) -> (text: String, highlights: [Range<Int>]) {
        let bytes = Array(text.utf8)
        let spans = matches(in: bytes)
        if bytes.count <= length {
            return (text, spans)
        }
        // The window start (a match start) that covers the most matches within `length` bytes.
        var bestStart = 0
        var bestCount = 0
        var right = 0
        for (left, span) in spans.enumerated() {
            right = max(right, left)
            while right < spans.count, spans[right].upperBound - span.lowerBound <= length { right += 1 }
            if right - left > bestCount {
                bestCount = right - left
                bestStart = span.lowerBound
            }
        }
        // Some context before the first match, then back to a word start.
        var start = max(0, bestStart - length / 4)
        if start + length > bytes.count { start = max(0, bytes.count - length) }
        while start > 0, Self.isBoundaryInside(bytes, start) { start -= 1 }
        var end = min(bytes.count, start + length)
        while end < bytes.count, Self.isBoundaryInside(bytes, end) { end += 1 }
        while start < end, bytes[start] == UInt8(ascii: " ") { start += 1 }

        var out: [UInt8] = []
        let ellipsis = Array("…".utf8)
        if start > 0 { out += ellipsis }
        let shift = out.count - start
        out += bytes[start..<end]
        if end < bytes.count { out += ellipsis }
        let highlights = spans.filter { $0.lowerBound >= start && $0.upperBound <= end }
            .map { ($0.lowerBound + shift)..<($0.upperBound + shift) }
        return (String(decoding: out, as: UTF8.self), highlights)
    }

    /// True when `index` is inside a word or a multi-byte character (so not a place to cut).
    private static func isBoundaryInside(_ bytes: [UInt8], _ index: Int) -> Bool {
        guard index > 0, index < bytes.count else { return false }
        if bytes[index] & 0xC0 == 0x80 { return true }
        return bytes[index] != UInt8(ascii: " ") && bytes[index - 1] != UInt8(ascii: " ")
    }
}
