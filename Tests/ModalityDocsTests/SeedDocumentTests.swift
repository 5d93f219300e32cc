import Foundation
import Testing
@testable import ModalityDocs

/// The one real document we have, read from `../shared/seed/` when this machine has it.
@Suite struct SeedDocumentTests {
    static let seedFiles: [URL] = (try? FileManager.default.contentsOfDirectory(
        at: TestFiles.seedFolder, includingPropertiesForKeys: nil))?.filter { $0.pathExtension == "txt" } ?? []

    @Test(.enabled(if: !seedFiles.isEmpty, "../shared/seed is not on this machine"))
    func seedParsesToCompassionFocusedTherapy() throws {
        let path = try #require(Self.seedFiles.first { $0.lastPathComponent.hasPrefix("000_") }).path
        let modality = try ModalityParser().parse(contentsOf: path)

        #expect(modality.id == "MOD032")
        #expect(modality.title == "Compassion-focused Therapy")
        #expect(modality.warnings.isEmpty)
        #expect(modality.sections.map(\.slug) == CanonicalSection.all.map(\.slug))

        let subheadings = Set(modality.passages.compactMap(\.subheading))
        for expected in ["Books", "Online Resources", "Key Training and Certification Opportunities"] {
            #expect(subheadings.contains(expected), "subheading \(expected)")
        }

        let questions = modality.section("what-to-ask-a-practitioner")!.passages.filter { $0.kind == .question }
        #expect(questions.count == 9)
        for question in questions {
            #expect(question.text.contains("? Desired answer:"))
        }

        let related = modality.section("related-therapies")!.passages
        #expect(related.count == 7)
        #expect(related.allSatisfy { $0.kind == .related })
        #expect(modality.references == ["MOD110", "MOD001", "MOD106", "MOD050", "MOD077", "MOD039", "MOD152"])

        let chrome = ["All Modalities", "Print", "Tags:", "Table of Contents", "Scroll to Top", "newsletter",
                      "Not Sure Where to Start"]
        for passage in modality.passages {
            for phrase in chrome {
                #expect(!passage.text.contains(phrase), "\(passage.id) holds chrome '\(phrase)'")
            }
        }
        #expect(Set(modality.passages.map(\.id)).count == modality.passages.count)
        #expect(modality.section("definition")!.passages.first?.id == "mod032/definition/1")
    }
}
