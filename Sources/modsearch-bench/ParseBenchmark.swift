import ArgumentParser
import CorpusGenerator
import ModalityDocs

/// `modsearch-bench parse`: parser throughput on many ordinary documents and on single huge ones.
struct ParseBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse", abstract: "Parser throughput (MB/s) on generated documents, and its linearity.")

    @Option(help: "Number of ~20 KB documents.") var documents = 2000
    @Option(help: "Folder whose documents give the vocabulary.") var corpus = "Corpus"
    @Option(help: "Timed runs per figure (the median is reported).") var runs = 5

    func run() throws {
        let generator = CorpusGenerator(vocabulary: try CorpusSource.vocabulary(corpus: corpus))
        let parser = ModalityParser()

        let texts = (0..<documents).map { Array(generator.document(number: $0, of: documents).text.utf8) }
        let totalBytes = texts.reduce(0) { $0 + $1.count }
        var passages = 0
        let manySeconds = try Stopwatch.median(runs: runs) {
            passages = 0
            for (index, text) in texts.enumerated() {
                passages += try parser.parse(bytes: text, source: "doc\(index)").passages.count
            }
        }
        print("documents  \(documents) × ~\(totalBytes / documents / 1000) KB: \(mb(totalBytes)) MB in \(ms(manySeconds)) ms = \(rate(totalBytes, manySeconds)) MB/s, \(Int(Double(passages) / manySeconds)) passages/s")

        // One huge document at growing sizes: time per byte must stay flat (linear parsing).
        print("single document  size → time, MB/s")
        var perByte: [Double] = []
        for megabytes in [1, 2, 5] {
            let text = Array(generator.document(number: 0, of: 1, targetBytes: megabytes * 1_000_000).text.utf8)
            let seconds = try Stopwatch.median(runs: runs) { _ = try parser.parse(bytes: text, source: "big") }
            perByte.append(seconds / Double(text.count))
            print("  \(mb(text.count)) MB → \(ms(seconds)) ms, \(rate(text.count, seconds)) MB/s")
        }
        let growth = perByte.last! / perByte.first!
        print("time per byte, 5 MB vs 1 MB: ×\(String(format2(growth))) (1.0 = linear)")
    }

    private func mb(_ bytes: Int) -> String { format2(Double(bytes) / 1e6) }
    private func ms(_ seconds: Double) -> String { format2(seconds * 1000) }
    private func rate(_ bytes: Int, _ seconds: Double) -> String { format2(Double(bytes) / 1e6 / seconds) }
}

/// Two decimals without Foundation's `String(format:)`.
func format2(_ value: Double) -> String {
    let scaled = (value * 100).rounded()
    let whole = Int(scaled / 100)
    let fraction = Int(abs(scaled).truncatingRemainder(dividingBy: 100))
    return "\(whole).\(fraction < 10 ? "0" : "")\(fraction)"
}
