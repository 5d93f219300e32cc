import Foundation
import Testing
@testable import ModalityDocs

enum TestFiles {
    /// The package's root folder, found from this file's path.
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// `../shared/seed` beside the checkout, when the machine has it.
    static let seedFolder = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/seed")

    static func fixture(_ name: String) throws -> String {
        let url = try #require(Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures"))
        return try String(contentsOf: url, encoding: .utf8)
    }

    static var sample: String { get throws { try fixture("mod900-sample.txt") } }

    static func parse(_ text: String, source: String = "test.txt") throws -> Modality {
        try ModalityParser().parse(text: text, source: source)
    }

    static func parse(bytes: [UInt8], source: String = "test.txt") throws -> Modality {
        try ModalityParser().parse(bytes: bytes, source: source)
    }

    /// Words as the fuzz invariant counts them: runs of letters and digits, lower-cased.
    static func words(_ text: String) -> [String] {
        text.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
    }
}

extension Modality {
    func section(_ slug: String) -> Section? { sections.first { $0.slug == slug } }
}
