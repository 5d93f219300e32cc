import Foundation
import Testing
@testable import ModalityDocs

@Suite struct BadInputTests {
    private func reason(of bytes: [UInt8]) -> DocumentError.Reason? {
        do {
            _ = try ModalityParser().parse(bytes: bytes, source: "bad.txt")
            return nil
        } catch {
            return error.reason
        }
    }

    @Test func emptyAndBlankFilesAreEmpty() {
        #expect(reason(of: []) == .empty)
        #expect(reason(of: Array(" \n\t\r\n\n".utf8)) == .empty)
        #expect(reason(of: [0xEF, 0xBB, 0xBF, 0x0A]) == .empty)
    }

    @Test func binaryFilesAreRejected() {
        #expect(reason(of: [0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00, 0x00]) == .binary)
        #expect(reason(of: Array("MOD001 – A\n\nDefinition\n\nText\u{0}more\n".utf8)) == .binary)
        #expect(reason(of: (0..<200).map { UInt8($0 % 31 + 1) }) == .binary)
    }

    @Test func aDocumentWithoutTitleLine() throws {
        let text = try TestFiles.sample.replacingOccurrences(of: "MOD900 – Paced Breathing Practice\n", with: "")
        #expect(reason(of: Array(text.utf8)) == .noTitle)
        // A title after the first section heading is too late to name the document.
        let late = "Definition\n\nSome text.\n\nMOD001 – Late Title\n"
        #expect(reason(of: Array(late.utf8)) == .noTitle)
    }

    @Test func chromeOnlyAndTitleOnlyFilesHaveNoContent() {
        #expect(reason(of: Array("< All Modalities\nPrint\n\nTags:\nTable of Contents\nScroll to Top\n".utf8)) == .noContent)
        #expect(reason(of: Array("Print\nMOD123 – Only A Title\n\nDefinition\n\nScroll to Top\n".utf8)) == .noContent)
    }

    @Test func aFileThatIsNotUTF8IsRejected() {
        let latin1: [UInt8] = Array("MOD001 – Caf".utf8) + [0xE9] + Array("\n\nDefinition\n\nCr".utf8) + [0xE8]
            + Array("me br".utf8) + [0xFB] + Array("l".utf8) + [0xE9, 0x0A]
        #expect(reason(of: latin1) == .notUTF8(firstLine: 1, lines: 2))
    }

    @Test func oneLineOfInvalidBytesInAGoodDocumentRejectsItNamingTheLine() throws {
        var bytes = Array(try TestFiles.sample.utf8)
        let target = Array("lengthen the out-breath".utf8)
        let at = try #require(bytes.firstRange(of: target)).lowerBound
        bytes.insert(contentsOf: [0xFF, 0xFE], at: at)
        #expect(throws: DocumentError(file: "broken.txt", reason: .notUTF8(firstLine: 12, lines: 1))) {
            try ModalityParser().parse(bytes: bytes, source: "broken.txt")
        }
        #expect(DocumentError.Reason.notUTF8(firstLine: 12, lines: 1).description
                    .hasPrefix("not UTF-8 text: line 12 holds bytes that are not UTF-8;"))
    }

    @Test func errorsPrintAsOneLineNamingTheFile() {
        let error = DocumentError(file: "Corpus/x.txt", reason: .noTitle)
        #expect(error.description.hasPrefix("Corpus/x.txt: no title line"))
        #expect(!error.description.contains("\n"))
    }

    @Test func unreadablePathsAreReported() throws {
        #expect(throws: DocumentError.self) { try ModalityParser().parse(contentsOf: "/nonexistent/file.txt") }
        do {
            _ = try ModalityParser().parse(contentsOf: "/tmp")
            Issue.record("a directory parsed")
        } catch {
            #expect(error.description == "/tmp: cannot read: is a directory")
        }
    }
}
