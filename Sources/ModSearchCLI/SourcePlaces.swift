#if canImport(Glibc)
import Glibc
#endif
import ModSearchProtocol
import enum ModalityDocs.FileName

/// Where a hit is in its document, as editors want it: the path as short as the working folder
/// allows, and (for `--vimgrep`) the line and column of the first highlighted word.
final class SourcePlaces {
    private let workingFolder: String
    /// The lines of the documents read so far, by path (nil: unreadable).
    private var documents: [String: [[UInt8]]?] = [:]

    init() {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        workingFolder = getcwd(&buffer, buffer.count) != nil ? String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self) : ""
    }

    /// `source` relative to the working folder when it lies below it, else as indexed; control
    /// characters escaped (`FileName.shown`), so that a hit stays one line that colours nothing.
    func display(_ source: String) -> String {
        let prefix = workingFolder == "/" ? "/" : workingFolder + "/"
        let path = source.hasPrefix(prefix) && !workingFolder.isEmpty ? String(source.dropFirst(prefix.count)) : source
        return FileName.shown(path)
    }

    /// `path:line` of a passage.
    func place(_ passage: Passage) -> String { "\(display(passage.source)):\(passage.line)" }

    /// The line and 1-based byte column of the first highlighted word of `hit` in its file: on
    /// the passage's first line or one of the lines of its paragraph. The passage's own line and
    /// column 1 when the file no longer holds the word there.
    func position(of hit: Hit) -> (line: Int, column: Int) {
        let fallback = (hit.passage.line, 1)
        guard let span = hit.highlights.first, span.count == 2, span[0] < span[1], span[1] <= hit.snippet.utf8.count,
              let lines = lines(of: hit.passage.source) else { return fallback }
        let word = Array(hit.snippet.utf8)[span[0]..<span[1]].map(Self.lower)
        var number = hit.passage.line
        while number >= 1, number <= lines.count {
            let line = lines[number - 1]
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { break }
            if let column = Self.find(word, in: line) { return (number, column + 1) }
            number += 1
        }
        return fallback
    }

    private func lines(of path: String) -> [[UInt8]]? {
        if let known = documents[path] { return known }
        let read = Self.read(path).map { $0.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init) }
        documents[path] = read
        return read
    }

    private static func read(_ path: String) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { return count == 0 ? bytes : nil }
            bytes += chunk[0..<count]
        }
    }

    private static func lower(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte }

    /// The byte offset of `word` in `line`, ignoring ASCII case.
    private static func find(_ word: [UInt8], in line: [UInt8]) -> Int? {
        guard !word.isEmpty, line.count >= word.count else { return nil }
        for start in 0...(line.count - word.count) where lower(line[start]) == word[0] {
            if (1..<word.count).allSatisfy({ lower(line[start + $0]) == word[$0] }) { return start }
        }
        return nil
    }
}
