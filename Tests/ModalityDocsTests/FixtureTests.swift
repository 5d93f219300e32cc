import Foundation
import Testing
@testable import ModalityDocs

@Suite struct FixtureTests {
    @Test func sampleHasEverySectionAndPassageKind() throws {
        let modality = try TestFiles.parse(TestFiles.sample, source: "mod900-sample.txt")
        #expect(modality.id == "MOD900")
        #expect(modality.title == "Paced Breathing Practice")
        #expect(modality.sections.map(\.slug) == CanonicalSection.all.map(\.slug))
        #expect(modality.section("evidence-to-efficacy")?.alias == "evidence")
        #expect(modality.warnings.isEmpty)

        let evidence = modality.section("evidence-to-efficacy")!.passages
        #expect(evidence.map(\.subheading) == [nil, "Criticisms and Limitations"])
        #expect(evidence[1].id == "mod900/evidence-to-efficacy/2")
        #expect(evidence[1].ordinal == 2)

        let bullets = modality.section("what-good-looks-like")!.passages.filter { $0.kind == .bullet }
        #expect(bullets.map(\.text.first) == ["Y", "Y", "Y"])
        #expect(bullets.first?.line == 46)

        let ask = modality.section("what-to-ask-a-practitioner")!.passages
        #expect(ask.map(\.kind) == [.paragraph, .question, .question])
        #expect(ask[1].text.hasPrefix("How do you adapt the exercise"))
        #expect(ask[1].text.hasSuffix("builds up slowly."))
        #expect(ask[1].line == 56)

        let resources = modality.section("self-study-resources")!.passages
        #expect(resources.map(\.kind) == [.paragraph, .resource, .resource])
        #expect(resources.map(\.subheading) == [nil, "Books", "Online Resources"])

        #expect(modality.references == ["MOD106", "MOD032"])
        #expect(modality.passages.allSatisfy { !$0.text.contains("Scroll to Top") && !$0.text.contains("Tags:") })
    }

    /// Every tolerated variant of the format yields the same passages as the plain sample.
    @Test(arguments: Variant.allCases)
    func variantParsesLikeTheSample(_ variant: Variant) throws {
        let plain = try TestFiles.parse(TestFiles.sample)
        let varied = try TestFiles.parse(bytes: variant.apply(to: TestFiles.sample))
        #expect(varied.id == plain.id)
        #expect(varied.title == plain.title)
        #expect(varied.references == plain.references)
        #expect(varied.warnings.isEmpty)
        let expected = plain.passages.map { "\($0.id) \($0.kind) \($0.subheading ?? "-") \($0.text)" }
        let actual = varied.passages.map { "\($0.id) \($0.kind) \($0.subheading ?? "-") \($0.text)" }
        #expect(actual == expected)
    }

    enum Variant: String, CaseIterable, CustomTestStringConvertible {
        case crlf, bom, hyphenTitle, emDashTitle, colonTitle, dashBullets, starBullets, upperCaseHeadings,
             lowerCaseHeadings, ampersandHeading, noChrome, blankLineRuns, trailingSpaces, noFinalNewline, crOnly

        var testDescription: String { rawValue }

        func apply(to text: String) -> [UInt8] {
            var text = text
            switch self {
            case .crlf: text = text.replacingOccurrences(of: "\n", with: "\r\n")
            case .bom: return [0xEF, 0xBB, 0xBF] + Array(text.utf8)
            case .hyphenTitle: text = text.replacingOccurrences(of: "MOD900 – ", with: "MOD900 - ")
            case .emDashTitle: text = text.replacingOccurrences(of: "MOD900 – ", with: "MOD900—")
            case .colonTitle: text = text.replacingOccurrences(of: "MOD900 – ", with: "MOD900: ")
            case .dashBullets: text = text.replacingOccurrences(of: "  • ", with: "- ")
            case .starBullets: text = text.replacingOccurrences(of: "  • ", with: "\t* ")
            case .upperCaseHeadings: text = Self.mapHeadings(text) { $0.uppercased() }
            case .lowerCaseHeadings: text = Self.mapHeadings(text) { $0.lowercased() + ":" }
            case .ampersandHeading:
                text = text.replacingOccurrences(of: "\nNeuroscience and Physiology\n", with: "\nNeuroscience & Physiology\n")
            case .noChrome:
                for chrome in ["< All Modalities\n", "Print\n", "Tags:\n", "Table of Contents\n", "Scroll to Top\n"] {
                    text = text.replacingOccurrences(of: chrome, with: "")
                }
            case .blankLineRuns: text = text.replacingOccurrences(of: "\n\n", with: "\n\n \n\t\n\n")
            case .trailingSpaces: text = text.replacingOccurrences(of: "\n", with: "  \n")
            case .noFinalNewline: text = String(text.dropLast())
            case .crOnly: text = text.replacingOccurrences(of: "\n", with: "\r")
            }
            return Array(text.utf8)
        }

        private static func mapHeadings(_ text: String, _ transform: (String) -> String) -> String {
            text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
                CanonicalSection.matching(heading: line) != nil ? transform(String(line)) : String(line)
            }.joined(separator: "\n")
        }
    }

    @Test func missingSectionsAreTolerated() throws {
        let text = try TestFiles.sample
        let start = try #require(text.range(of: "Evidence to Efficacy\n"))
        let end = try #require(text.range(of: "What Good Looks Like\n"))
        let modality = try TestFiles.parse(text.replacingCharacters(in: start.lowerBound..<end.lowerBound, with: ""))
        #expect(modality.sections.map(\.slug) == ["definition", "explanation", "what-good-looks-like",
                                                  "what-to-ask-a-practitioner", "self-study-resources",
                                                  "related-therapies"])
    }

    @Test func unknownHeadingsBecomeSubheadingsNotSections() throws {
        let text = try TestFiles.sample.replacingOccurrences(
            of: "Governing Body\n\n", with: "Governing Body\n\nHistory and Origins\n\nAn invented origin story.\n\nCosts\n\n")
        let modality = try TestFiles.parse(text)
        #expect(modality.sections.count == 9)
        let governing = modality.section("governing-body")!.passages
        #expect(governing[0].subheading == "History and Origins")
        #expect(governing[1].subheading == "Costs")
    }

    @Test func textBeforeTheFirstHeadingIsAnOverview() throws {
        let text = try TestFiles.sample.replacingOccurrences(
            of: "Paced Breathing Practice\n\n", with: "Paced Breathing Practice\n\nA short summary line before any section.\n\n")
        let modality = try TestFiles.parse(text)
        #expect(modality.sections.first?.slug == "overview")
        #expect(modality.passages.first?.id == "mod900/overview/1")
        #expect(modality.passages.first?.text == "A short summary line before any section.")
    }

    @Test func hardWrappedParagraphsAreJoined() throws {
        let text = try TestFiles.sample.replacingOccurrences(
            of: "so that the body can settle", with: "so that the body\ncan settle")
        let definition = try TestFiles.parse(text).section("definition")!.passages
        #expect(definition.count == 1)
        #expect(definition[0].text.contains("so that the body can settle"))
    }

    @Test func repeatedSectionContinuesTheFirstWithAWarning() throws {
        let text = try TestFiles.sample + "\nDefinition\n\nA second definition paragraph.\n"
        let modality = try TestFiles.parse(text, source: "dup.txt")
        let definition = modality.section("definition")!.passages
        #expect(definition.map(\.id) == ["mod900/definition/1", "mod900/definition/2"])
        #expect(modality.warnings.count == 1)
        #expect(modality.warnings[0].hasPrefix("dup.txt:"))
    }

    @Test func orphanSubheadingIsKeptAsAPassage() throws {
        let text = try TestFiles.sample.replacingOccurrences(of: "\nGoverning Body\n", with: "\nClosing Thoughts\n\nGoverning Body\n")
        let passages = try TestFiles.parse(text).section("neuroscience-and-physiology")!.passages
        #expect(passages.last?.text == "Closing Thoughts")
    }

    @Test func sectionNamesResolveFromSlugAliasOrHeading() {
        #expect(CanonicalSection.resolve("evidence")?.slug == "evidence-to-efficacy")
        #expect(CanonicalSection.resolve("Evidence to Efficacy")?.slug == "evidence-to-efficacy")
        #expect(CanonicalSection.resolve("WHAT-TO-ASK-A-PRACTITIONER")?.slug == "what-to-ask-a-practitioner")
        #expect(CanonicalSection.resolve("neuroscience & physiology")?.slug == "neuroscience-and-physiology")
        #expect(CanonicalSection.resolve("nonsense") == nil)
    }
}
