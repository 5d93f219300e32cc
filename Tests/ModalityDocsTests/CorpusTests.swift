import Foundation
import Testing
@testable import ModalityDocs

/// The bundled `Corpus/`: every document parses cleanly and every cross-reference resolves.
@Suite struct CorpusTests {
    static let corpus = TestFiles.packageRoot.appendingPathComponent("Corpus")

    static func documents() throws -> [Modality] {
        let files = try FileManager.default.contentsOfDirectory(atPath: corpus.path)
            .filter { $0.hasSuffix(".txt") && $0 != "synonyms.txt" }.sorted()
        return try files.map { try ModalityParser().parse(contentsOf: corpus.appendingPathComponent($0).path) }
    }

    @Test func everyDocumentHasIdTitleAndAllNineSectionsWithoutWarnings() throws {
        let documents = try Self.documents()
        #expect(documents.count >= 24)
        for modality in documents {
            let file = URL(fileURLWithPath: modality.source).lastPathComponent
            #expect(file.hasPrefix(modality.id.lowercased() + "-"), "\(file) holds \(modality.id)")
            #expect(!modality.title.isEmpty)
            #expect(modality.sections.map(\.slug) == CanonicalSection.all.map(\.slug), "\(file)")
            #expect(modality.sections.allSatisfy { !$0.passages.isEmpty }, "\(file) has an empty section")
            #expect(modality.warnings.isEmpty, "\(file): \(modality.warnings)")
            let size = try FileManager.default.attributesOfItem(atPath: modality.source)[.size] as? Int ?? 0
            #expect((8_000...20_000).contains(size), "\(file) is \(size) bytes")
        }
        #expect(Set(documents.map(\.id)).count == documents.count, "two documents share an id")
    }

    @Test func everyCrossReferenceResolvesToADocumentInTheCorpus() throws {
        let documents = try Self.documents()
        let ids = Set(documents.map(\.id))
        for modality in documents {
            #expect(!modality.references.isEmpty, "\(modality.id) has no related therapies")
            for target in modality.references {
                #expect(ids.contains(target), "\(modality.id) refers to \(target), which is not in Corpus/")
            }
        }
        // The graph is connected: every document is reachable from the first.
        let edges = Dictionary(uniqueKeysWithValues: documents.map { ($0.id, $0.references) })
        var reached: Set<String> = [documents[0].id]
        var frontier = [documents[0].id]
        while let next = frontier.popLast() {
            let neighbours = (edges[next] ?? []) + edges.filter { $0.value.contains(next) }.map(\.key)
            for id in neighbours where reached.insert(id).inserted { frontier.append(id) }
        }
        #expect(reached == ids)
    }
}
