import ArgumentParser
import Foundation
import ModSearchCLI
import ModalityDocs

/// `modsearch parse FILE…`: shows how documents split into sections and passages.
struct ParseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Show how modality documents split into sections and passages.",
        discussion: """
            Prints, for each FILE, the modality, its sections and every passage (id, source line, \
            subheading, first words), so you can see what the index will hold. Exit status 2 when \
            any file could not be parsed; the others are still printed.
            """
    )

    @Argument(help: "Modality document files.")
    var files: [String]

    @Flag(help: "Print one JSON object per document (the model as the index holds it).")
    var json = false

    func run() throws {
        let parser = ModalityParser()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var failed = false
        for file in files {
            do {
                let modality = try parser.parse(contentsOf: file)
                for warning in modality.warnings { Diagnostics.warn(warning) }
                if json {
                    Output.line(String(decoding: try encoder.encode(modality), as: UTF8.self))
                } else {
                    Output.write(ParseReport.text(for: modality))
                }
            } catch {
                Diagnostics.error("\(error)")
                failed = true
            }
        }
        if failed { throw ExitCode(2) }
    }
}

/// The human-readable outline printed by `modsearch parse`.
enum ParseReport {
    static func text(for modality: Modality) -> String {
        var out = "\(modality.source)\n"
        let count = modality.passages.count
        out += "\(modality.id) – \(modality.title)  (\(modality.sections.count) sections, \(count) passages)\n"
        for section in modality.sections {
            let alias = section.alias.map { ", alias \($0)" } ?? ""
            out += "  \(section.heading)  [\(section.slug)\(alias)]\n"
            for passage in section.passages {
                let sub = passage.subheading.map { "‹\($0)› " } ?? ""
                out += "    \(passage.id)  line \(passage.line)  \(passage.kind.rawValue)  \(sub)\(firstWords(passage.text))\n"
            }
        }
        if !modality.references.isEmpty {
            out += "  references: \(modality.references.joined(separator: " "))\n"
        }
        return out
    }

    private static func firstWords(_ text: String, count: Int = 10) -> String {
        let words = text.split(separator: " ", omittingEmptySubsequences: true)
        let head = words.prefix(count).joined(separator: " ")
        return words.count > count ? head + " …" : head
    }
}
