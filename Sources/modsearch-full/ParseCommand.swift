import ArgumentParser
import Foundation
import JSONText
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

    @Flag(help: "Print one JSON record per document (the model as the index holds it).")
    var json = false

    func run() throws {
        let parser = ModalityParser()
        var failed = false
        for file in files {
            do {
                let modality = try parser.parse(contentsOf: file)
                for warning in modality.warnings { Diagnostics.warn(warning) }
                if json {
                    Output.write(ParseReport.record(for: modality))
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

/// What `modsearch parse` prints: an outline for people, the `document` record for programs.
enum ParseReport {
    /// The `document` record of docs/json-output.md.
    static func record(for modality: Modality) -> String {
        JSONRecords.record("document", versioned: true) { writer in
            writer.key("id"); writer.string(modality.id)
            writer.key("title"); writer.string(modality.title)
            writer.key("source"); writer.string(modality.source)
            writer.key("sections")
            writer.beginArray()
            for section in modality.sections {
                writer.beginObject()
                writer.key("slug"); writer.string(section.slug)
                writer.key("heading"); writer.string(section.heading)
                writer.field("alias", section.alias)
                writer.key("passages")
                writer.beginArray()
                for passage in section.passages {
                    writer.beginObject()
                    writer.key("id"); writer.string(passage.id)
                    writer.key("kind"); writer.string(passage.kind.rawValue)
                    writer.key("line"); writer.int(passage.line)
                    writer.field("subheading", passage.subheading)
                    writer.key("text"); writer.string(passage.text)
                    writer.endObject()
                }
                writer.endArray()
                writer.endObject()
            }
            writer.endArray()
            writer.field("references", modality.references)
            writer.field("warnings", modality.warnings)
        }
    }

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
