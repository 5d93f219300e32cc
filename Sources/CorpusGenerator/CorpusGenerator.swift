/// Writes synthetic modality documents in the exact corpus format, deterministically from a seed.
///
/// Words come Zipf-distributed from a vocabulary (normally built from `Corpus/`); a few domain
/// phrases are planted in passages at fixed rates so that benchmark queries have known hit counts.
public struct CorpusGenerator: Sendable {
    /// A phrase planted in a passage with probability `rate`, independently per passage.
    public struct PlantedPhrase: Sendable {
        public let phrase: String
        public let rate: Double
    }

    public static let plantedPhrases: [PlantedPhrase] = [
        .init(phrase: "inner critic dialogue", rate: 0.01),
        .init(phrase: "window of tolerance", rate: 0.003),
        .init(phrase: "compassionate letter writing", rate: 0.001),
        .init(phrase: "polyvagal ladder", rate: 0.0002),
    ]

    public let vocabulary: ZipfVocabulary
    public let seed: UInt64

    public init(vocabulary: ZipfVocabulary, seed: UInt64 = 42) {
        self.vocabulary = vocabulary
        self.seed = seed
    }

    /// The id of document `number` (0-based): `MOD100000` upward, clear of hand-written ids.
    public static func id(of number: Int) -> String { "MOD\(100_000 + number)" }

    /// File name for document `number`.
    public static func fileName(of number: Int) -> String { "mod\(100_000 + number)-synthetic.txt" }

    /// Document `number` of a corpus of `count`, about `targetBytes` long; also returns how many
    /// passages hold each planted phrase.
    public func document(number: Int, of count: Int, targetBytes: Int = 20_000) -> (text: String, planted: [String: Int]) {
        var writer = DocumentWriter(generator: self, rng: SplitMix64(seed: seed &* 1_000_003 &+ UInt64(number)),
                                    targetBytes: targetBytes)
        writer.write(number: number, of: count)
        return (writer.text, writer.planted)
    }
}

/// Writes one document; the section budget is a share of the target size.
struct DocumentWriter {
    let generator: CorpusGenerator
    var rng: SplitMix64
    let targetBytes: Int
    var text = ""
    var planted: [String: Int] = [:]

    init(generator: CorpusGenerator, rng: SplitMix64, targetBytes: Int) {
        self.generator = generator
        self.rng = rng
        self.targetBytes = targetBytes
        text.reserveCapacity(targetBytes + 2048)
    }

    mutating func write(number: Int, of count: Int) {
        let name = "Synthetic Modality \(number) " + titleWord() + " " + titleWord()
        line("< All Modalities")
        line("Print")
        line("")
        block(CorpusGenerator.id(of: number) + " – " + name)
        let share = targetBytes / 20
        block("Definition")
        block(passage(words: 40))
        block("Explanation")
        paragraphs(bytes: share * 4)
        block("Evidence to Efficacy")
        paragraphs(bytes: share * 2)
        block("Criticisms and Limitations")
        paragraphs(bytes: share)
        block("Neuroscience and Physiology")
        block(passage(words: 30))
        for _ in 0..<2 {
            block(titleWord() + " and " + titleWord() + " Notes")
            for _ in 0..<2 { block(titleWord() + ": " + passage(words: 45)) }
        }
        block("Governing Body")
        paragraphs(bytes: share)
        block("Key Training and Certification Opportunities")
        for _ in 0..<3 { block(titleWord() + " " + titleWord() + " Programme – " + passage(words: 30)) }
        block("What Good Looks Like")
        block(sentence(words: 12).dropLast() + ":")
        for _ in 0..<7 { line("  • " + passage(words: 35)) }
        line("")
        block(passage(words: 30))
        block("What to Ask a Practitioner")
        block(passage(words: 20))
        for _ in 0..<8 {
            block(String(sentence(words: 10).dropLast()) + "?")
            block("Desired answer: " + passage(words: 45))
        }
        block("Self-Study Resources")
        block(passage(words: 20))
        block("Books")
        for _ in 0..<4 { block("The " + titleWord() + " " + titleWord() + " by " + titleWord() + " " + titleWord() + " – " + passage(words: 25)) }
        block("Online Resources")
        for _ in 0..<3 { block(titleWord() + " " + titleWord() + " – " + passage(words: 25)) }
        while text.utf8.count < targetBytes - 1500 { block(passage(words: 60)) }
        block("Related Therapies")
        for _ in 0..<6 {
            let other = Int.random(in: 0..<max(count, 1), using: &rng)
            block("Synthetic Modality \(other) (SM\(other)) (\(CorpusGenerator.id(of: other))): " + passage(words: 18))
        }
        line("Tags:")
        line("Table of Contents")
        line("Scroll to Top")
    }

    private mutating func line(_ string: String) {
        text += string
        text += "\n"
    }

    private mutating func block(_ string: some StringProtocol) {
        text += string
        text += "\n\n"
    }

    private mutating func paragraphs(bytes: Int) {
        let end = text.utf8.count + bytes
        while text.utf8.count < end { block(passage(words: Int.random(in: 40...110, using: &rng))) }
    }

    /// Sentences of Zipf words; each planted phrase goes in with its rate.
    private mutating func passage(words: Int) -> String {
        var result = ""
        var remaining = words
        while remaining > 0 {
            let length = min(remaining, Int.random(in: 6...22, using: &rng))
            if !result.isEmpty { result += " " }
            result += sentence(words: length)
            remaining -= length
        }
        for planted in CorpusGenerator.plantedPhrases
        where Double(rng.next() >> 11) / Double(1 << 53) < planted.rate {
            result += " It drew on " + planted.phrase + " in practice."
            self.planted[planted.phrase, default: 0] += 1
        }
        return result
    }

    private mutating func sentence(words: Int) -> String {
        var result = ""
        for index in 0..<words {
            let word = generator.vocabulary.word(using: &rng)
            if index == 0 {
                result += word.prefix(1).uppercased() + word.dropFirst()
            } else {
                result += " " + word
            }
        }
        return result + "."
    }

    private mutating func titleWord() -> String {
        let word = generator.vocabulary.word(using: &rng)
        return word.prefix(1).uppercased() + word.dropFirst()
    }
}
