import ArgumentParser
import CorpusGenerator
import ModalityDocs
import ModSearchCore

/// The vocabulary of the bundled `Corpus/`, which synthetic documents are drawn from.
enum CorpusSource {
    static func vocabulary(corpus: String) throws -> ZipfVocabulary {
        let files = try SourceFiles.collect([corpus])
        guard !files.isEmpty else { throw ValidationError("no .txt documents in \(corpus)") }
        let texts = try files.map { try ModalityParser().parse(contentsOf: $0).passages.map(\.text).joined(separator: " ") }
        return ZipfVocabulary(texts: texts)
    }
}
