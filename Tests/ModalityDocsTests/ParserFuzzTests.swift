import Testing
@testable import ModalityDocs

/// Random and mutated documents: the parser never crashes, never loses a content word, and ids stay unique.
@Suite struct ParserFuzzTests {
    /// A small deterministic generator, so a failure reproduces from its seed.
    struct SplitMix64: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let vocabulary = ["calm", "breath", "shame", "self-criticism", "values", "exposure", "trauma",
                             "körper", "naïve", "(MOD123)", "MOD045", "“quoted”", "what?", "end.", "–", "•",
                             "Desired", "answer:", "Definition", "Books", "x", "1999", "e.g.", "Dr.", "&"]

    static let lineShapes: [@Sendable (inout SplitMix64) -> String] = [
        { rng in randomSentence(&rng, words: Int.random(in: 1...40, using: &rng)) },
        { rng in "  • " + randomSentence(&rng, words: Int.random(in: 1...20, using: &rng)) },
        { rng in "- " + randomSentence(&rng, words: 5) },
        { rng in randomSentence(&rng, words: 6) + "?" },
        { rng in "Desired answer: " + randomSentence(&rng, words: 12) },
        { rng in CanonicalSection.all.randomElement(using: &rng)!.heading },
        { rng in ["Books", "Online Resources", "Key Ideas", "Conclusion"].randomElement(using: &rng)! },
        { rng in "Name (NM) (MOD\(Int.random(in: 1...300, using: &rng))): " + randomSentence(&rng, words: 8) },
        { rng in ["Print", "Tags:", "Scroll to Top", "< All Modalities"].randomElement(using: &rng)! },
        { _ in "" },
        { rng in randomSentence(&rng, words: Int.random(in: 200...700, using: &rng)) },
    ]

    static func randomSentence(_ rng: inout SplitMix64, words: Int) -> String {
        (0..<words).map { _ in vocabulary.randomElement(using: &rng)! }.joined(separator: " ")
    }

    /// Every word of every line that is neither chrome nor the title line must reach the model.
    static func checkInvariants(_ bytes: [UInt8], seed: UInt64) {
        let modality: Modality
        do {
            modality = try ModalityParser().parse(bytes: bytes, source: "fuzz-\(seed).txt")
        } catch {
            #expect(error.description.hasPrefix("fuzz-\(seed).txt: "))
            #expect(!error.description.contains("\n"))
            return
        }
        let ids = modality.passages.map(\.id)
        #expect(Set(ids).count == ids.count, "seed \(seed): duplicate passage ids")
        #expect(ids.allSatisfy { $0.hasPrefix(modality.id.lowercased() + "/") })

        var kept: [String: Int] = [:]
        let modelText = [modality.title] + modality.sections.map(\.heading)
            + modality.passages.flatMap { [$0.text, $0.subheading ?? ""] }
        for word in modelText.flatMap(TestFiles.words) { kept[word, default: 0] += 1 }

        guard let source = try? SourceText(file: "fuzz", bytes: bytes) else { return }
        var titleSeen = false
        var headingSeen = false
        for raw in source.lines {
            let line = raw.trimmingWhitespace()
            if line.isEmpty || LineKind.isChrome(line) { continue }
            if CanonicalSection.matching(heading: line) != nil { headingSeen = true; continue }
            if !titleSeen, !headingSeen, LineKind.title(line) != nil { titleSeen = true; continue }
            for word in TestFiles.words(line) {
                #expect(kept[word, default: 0] > 0, "seed \(seed): lost word '\(word)' of line '\(line.prefix(60))'")
            }
        }
    }

    @Test func randomDocumentsKeepEveryWord() {
        for seed in UInt64(1)...400 {
            var rng = SplitMix64(state: seed)
            var lines = ["< All Modalities", "MOD\(Int.random(in: 1...999, using: &rng)) – Random Modality", ""]
            for _ in 0..<Int.random(in: 0...80, using: &rng) {
                lines.append(Self.lineShapes.randomElement(using: &rng)!(&rng))
            }
            Self.checkInvariants(Array(lines.joined(separator: "\n").utf8), seed: seed)
        }
    }

    @Test func mutatedSampleNeverCrashes() throws {
        let sample = Array(try TestFiles.sample.utf8)
        for seed in UInt64(1)...600 {
            var rng = SplitMix64(state: seed)
            var bytes = sample
            for _ in 0..<Int.random(in: 1...12, using: &rng) {
                let at = Int.random(in: 0..<max(bytes.count, 1), using: &rng)
                switch Int.random(in: 0..<6, using: &rng) {
                case 0: if !bytes.isEmpty { bytes.remove(at: at) }
                case 1: bytes.insert(UInt8.random(in: 0x80...0xFF, using: &rng), at: at)
                case 2: bytes.insert(contentsOf: Array("\n\n".utf8), at: at)
                case 3: bytes.insert(contentsOf: Array("\r\n  • ".utf8), at: at)
                case 4:  // swap two whole lines
                    var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
                    if lines.count > 2 { lines.swapAt(Int.random(in: 0..<lines.count, using: &rng), Int.random(in: 0..<lines.count, using: &rng)) }
                    bytes = Array(lines.joined(separator: [0x0A]))
                default: if at < bytes.count { bytes.removeSubrange(at..<min(bytes.count, at + Int.random(in: 1...200, using: &rng))) }
                }
            }
            Self.checkInvariants(bytes, seed: seed)
        }
    }

    @Test func arbitraryBytesNeverCrash() {
        for seed in UInt64(1)...300 {
            var rng = SplitMix64(state: seed)
            let bytes = (0..<Int.random(in: 0...2000, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
            Self.checkInvariants(bytes, seed: seed)
        }
    }
}
