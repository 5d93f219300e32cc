import CorpusGenerator
import ArgumentParser
import Foundation
import ModalityDocs

/// The vocabulary of the bundled `Corpus/`, which synthetic documents are drawn from.
enum CorpusSource {
    static func vocabulary(corpus: String) throws -> ZipfVocabulary {
        let files = try FileManager.default.contentsOfDirectory(atPath: corpus).filter { $0.hasSuffix(".txt") }.sorted()
        guard !files.isEmpty else { throw ValidationError("no .txt documents in \(corpus)") }
        let texts = try files.map { try ModalityParser().parse(contentsOf: corpus + "/" + $0).passages.map(\.text).joined(separator: " ") }
        return ZipfVocabulary(texts: texts)
    }
}
