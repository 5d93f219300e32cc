import ModalityDocs
import ModSearchCLI
import ModSearchCore
import ModSearchProtocol

/// The completion side that needs the engine: section names, and the modality ids of the index.
enum CompletionValues {
    /// Answers `---complete`: nothing on stderr, nothing but an empty offer when the index cannot be read.
    static func print(at index: Int, of words: [String]) -> Int32 {
        let offer = Completion.offer(at: index, of: words) { kind, database in
            switch kind {
            case .sections: CanonicalSection.all.map { $0.alias ?? $0.slug }
            case .modalities: modalities(in: Locations.absolute(database ?? Locations.database()))
            case .none, .file, .directory: []
            }
        }
        Output.write(Completion.lines(offer))
        return 0
    }

    private static func modalities(in database: String) -> [String] {
        guard let searcher = try? Searcher(databasePath: database), let all = try? searcher.modalities() else { return [] }
        return all.map(\.id)
    }
}

enum CompletionScripts {
    static func print(_ shell: String) -> Int32 {
        guard let script = Completion.script(for: shell) else {
            return Commands.usageError("--generate-completion-script takes bash, zsh or fish; got '\(shell)'")
        }
        Output.write(script)
        return 0
    }
}
