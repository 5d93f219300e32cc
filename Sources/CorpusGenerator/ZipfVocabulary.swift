import Foundation

/// Words ranked by frequency, drawn with Zipf's law: the word of rank r with weight 1/r^s.
public struct ZipfVocabulary: Sendable {
    public let words: [String]
    private let cumulative: [Double]

    public init(words: [String], exponent: Double = 1.07) {
        precondition(!words.isEmpty, "a vocabulary needs words")
        self.words = words
        var total = 0.0
        var cumulative: [Double] = []
        cumulative.reserveCapacity(words.count)
        for rank in 1...words.count {
            total += 1.0 / pow(Double(rank), exponent)
            cumulative.append(total)
        }
        self.cumulative = cumulative.map { $0 / total }
    }

    /// Ranks the words of `texts` by how often they occur (ties broken alphabetically, so it is deterministic).
    public init(texts: [String], exponent: Double = 1.07) {
        var counts: [String: Int] = [:]
        for text in texts {
            for word in text.lowercased().split(whereSeparator: { !$0.isLetter && $0 != "-" && $0 != "’" }) {
                let trimmed = word.trimmingCharacters(in: CharacterSet(charactersIn: "-’"))
                if trimmed.count > 1 || trimmed == "a" { counts[trimmed, default: 0] += 1 }
            }
        }
        let ranked = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map(\.key)
        self.init(words: ranked, exponent: exponent)
    }

    public func word(using rng: inout SplitMix64) -> String {
        let u = Double(rng.next() >> 11) / Double(1 << 53)
        var low = 0
        var high = cumulative.count - 1
        while low < high {
            let mid = (low + high) / 2
            if cumulative[mid] < u { low = mid + 1 } else { high = mid }
        }
        return words[low]
    }
}

