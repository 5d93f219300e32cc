import Foundation
import Testing

/// `modsearch index` over files that are not documents at all: FIFOs, devices, links out of the
/// folder, huge files, names that would break a one-line message, text in another encoding
/// (issue #16, items 6 and 9). Runs are bounded by `timeout`, so a hang fails instead of waiting.
@Suite(.removingTemporaryFolders) struct HostileFilesEndToEndTests {
    static let document = "mod032-compassion-focused-therapy.txt"

    /// A folder holding one real document, and what `more` makes beside it.
    static func folder(in session: Session, _ more: String) throws -> String {
        let folder = session.folder + "/docs"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Harness.corpus + "/" + document, toPath: folder + "/" + document)
        #expect(try session.shell("cd docs && " + more).status == 0)
        return folder
    }

    /// stderr lines that mention `name`.
    static func lines(_ stderr: String, naming name: String) -> [Substring] {
        stderr.split(separator: "\n").filter { $0.contains(name) }
    }

    @Test func fifosDevicesAndLinksOutOfTheFolderAreRefusedUnreadWithAWarningEach() throws {
        let session = try Session()
        try session.write("secret.txt", try String(contentsOfFile: Harness.corpus + "/" + Self.document, encoding: .utf8)
                            .replacingOccurrences(of: "MOD032", with: "MOD999"))
        let folder = try Self.folder(in: session, "mkfifo pipe.txt && ln -s /dev/zero zero.txt && ln -s ../secret.txt out.txt"
                                     + " && ln -s \(Self.document) alias.txt")
        let result = try session.shell("timeout 60 modsearch index --db db docs")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("indexed 1 of 1 files"), "\(result.stdout)")
        let warnings = [("pipe.txt", "not a regular file (a named pipe)"),
                        ("zero.txt", "a symbolic link to /dev/zero, outside \(folder); not indexed"),
                        ("out.txt", "a symbolic link to \(session.folder)/secret.txt, outside \(folder); not indexed")]
        for (name, warning) in warnings {
            let line = Self.lines(result.stderr, naming: "/\(name)")
            #expect(line.count == 1 && line[0].hasPrefix("modsearch: warning: \(folder)/\(name): \(warning)"), "\(line)")
        }
        #expect(try session.modsearch(["--no-daemon", "--db", session.folder + "/db", "-c", "modality:MOD999"]).stdout == "0\n")
    }

    @Test func aFileOverTheSizeLimitIsSkippedFromItsSizeNotRead() throws {
        let session = try Session()
        let folder = try Self.folder(in: session, "truncate -s 3G sparse.txt")
        // Read whole, the sparse file would take 3 GB; the memory limit makes that fail instead.
        let result = try session.shell("ulimit -v 1500000; timeout 60 modsearch index --db db docs")
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.contains("skipped \(folder)/sparse.txt: too large: 3 GiB, over the limit of 64 MiB"),
                "\(result.stderr)")
        let small = try session.shell("timeout 60 modsearch index --rebuild --max-file-size 2K --db db docs")
        #expect(small.stdout.hasPrefix("indexed 0 of 2 files") && small.stderr.contains(
            "skipped \(folder)/\(Self.document): too large: 15.5 KiB, over the limit of 2 KiB"), "\(small.stderr)")
        let bad = try session.shell("modsearch index --max-file-size lots --db db docs")
        #expect(bad.status == 2 && bad.stderr.contains("--max-file-size: lots is not a size"), "\(bad.stderr)")
    }

    @Test func aFileNameWithANewlineOrEscapeCodesStaysOnItsOneLineEscaped() throws {
        let session = try Session()
        let folder = try Self.folder(in: session, #"printf 'no title\n' > "$(printf 'two\nlines\033[31m.txt')""#)
        let result = try session.shell("timeout 60 modsearch index --db db docs")
        #expect(result.status == 1)
        #expect(!result.stderr.contains("\u{1B}"), "no escape code reaches the terminal")
        for line in result.stderr.split(separator: "\n") {
            #expect(line.hasPrefix("modsearch: "), "a line of its own: \(line)")
        }
        #expect(result.stderr.contains(#"skipped \#(folder)/two\nlines\x1B[31m.txt: no title line"#), "\(result.stderr)")
    }

    /// A document may carry a few control bytes (more and it is refused as not text): they are
    /// indexed, and shown as escapes wherever a hit is printed as text, so that the document
    /// cannot colour, overwrite or reorder the reader's terminal; JSON escapes them itself.
    @Test func controlBytesInADocumentsTextReachNoTerminal() throws {
        let session = try Session()
        try session.write("docs/mod901-escapes.txt", """
            MOD901 – Lantern\u{1B}[2J Therapy

            Definition

            Lantern work names the inner critic\u{1B}]0;owned\u{07} kindly and\r erases nothing\u{202E} here.

            """)
        #expect(try session.modsearch(["index", "--db", session.folder + "/db", session.folder + "/docs"]).status == 0)
        let db = ["--db", session.folder + "/db"]
        for format in [["--color", "never"], ["--color", "always"], ["--full", "--color", "always"], ["--tsv"],
                       ["--vimgrep"], ["explain"]] {
            let result = try session.modsearch(format + db + ["lantern critic"])
            #expect(result.status == 0, "\(format): \(result.stderr)")
            // Colour codes of modsearch's own (SGR, ending in `m`) aside; a document's codes clear the screen and set the title.
            let printed = result.stdout.replacingOccurrences(of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression)
            #expect(!printed.unicodeScalars.contains { $0 == "\u{1B}" || $0 == "\u{07}" || $0 == "\r" || $0 == "\u{202E}" },
                    "\(format): \(result.stdout.debugDescription)")
            #expect(result.stdout.contains(format == ["explain"] ? #"Lantern\x1B[2J"# : #"\x1B]0;owned\x07"#),
                    "\(format): \(result.stdout)")
        }
        let json = try session.modsearch(["--json"] + db + ["lantern critic"])
        #expect(json.stdout.contains(#"\u001b]0;owned\u0007"#), "\(json.stdout)")
    }

    /// Foundation reads such a name with U+FFFD for its bad bytes, a name no file has: the
    /// warning must say why the file is not indexed, not that it does not exist (found by the
    /// fault suite).
    @Test func aFileNameThatIsNotUTF8IsSaidAsSuchNotAsMissing() throws {
        let session = try Session()
        let folder = try Self.folder(in: session, #"cp \#(Self.document) "$(printf 'caf\xe9.txt')""#)
        let result = try session.shell("timeout 60 modsearch index --db db docs")
        #expect(result.status == 0 && result.stdout.hasPrefix("indexed 1 of 1 files"), "\(result.stdout)")
        let line = Self.lines(result.stderr, naming: "/caf")
        #expect(line.count == 1 && line[0] == "modsearch: warning: \(folder)/caf\u{FFFD}.txt: a name that is not UTF-8"
                    + " (shown with U+FFFD); not indexed", "\(result.stderr)")
    }

    @Test func aDocumentWithOneLineInLatin1IsSkippedNamingThatLine() throws {
        let session = try Session()
        let folder = try Self.folder(in: session, #"sed -e 's/MOD032/MOD998/' -e 's/Paul Gilbert/Paul Gilbert \xe9/' "# + Self.document
                                     + " > latin.txt")
        let line = try #require(try String(contentsOfFile: folder + "/" + Self.document, encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("Paul Gilbert") }) + 1
        let result = try session.shell("timeout 60 modsearch index --db db docs")
        #expect(result.status == 1)
        #expect(result.stderr.contains("skipped \(folder)/latin.txt: not UTF-8 text: line \(line) holds bytes that are not UTF-8"),
                "\(result.stderr)")
        #expect(!result.stderr.contains("U+FFFD"), "\(result.stderr)")
    }
}
