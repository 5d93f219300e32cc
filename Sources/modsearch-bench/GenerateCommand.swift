import ArgumentParser
import CorpusGenerator
import Foundation

/// `modsearch-bench generate N DIR`: writes a synthetic corpus for the benchmarks.
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate", abstract: "Write N synthetic modality documents (~20 KB each) into a folder.")

    @Argument(help: "Number of documents.") var count: Int
    @Argument(help: "Output folder (created).") var output: String
    @Option(help: "Folder whose documents give the vocabulary.") var corpus = "Corpus"
    @Option(help: "Random seed.") var seed: UInt64 = 42

    func run() throws {
        let generator = CorpusGenerator(vocabulary: try CorpusSource.vocabulary(corpus: corpus), seed: seed)
        try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
        var planted: [String: Int] = [:]
        var bytes = 0
        for number in 0..<count {
            let document = generator.document(number: number, of: count)
            try Data(document.text.utf8).write(to: URL(fileURLWithPath: output + "/" + CorpusGenerator.fileName(of: number)))
            bytes += document.text.utf8.count
            planted.merge(document.planted, uniquingKeysWith: +)
        }
        let manifest = planted.sorted { $0.key < $1.key }.map { "\($0.key)\t\($0.value)" }.joined(separator: "\n")
        try Data((manifest + "\n").utf8).write(to: URL(fileURLWithPath: output + "/planted.tsv"))
        print("wrote \(count) documents, \(bytes / 1_000_000) MB, to \(output); planted phrase counts in planted.tsv")
    }
}
