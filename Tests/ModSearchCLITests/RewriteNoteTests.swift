import ModSearchProtocol
import Testing
@testable import ModSearchCLI

/// The stderr line that says how a search departed from the words as typed.
@Suite struct RewriteNoteTests {
    @Test func everyRewriteIsOnePartOfOneLine() {
        let line = RewriteNote.line([Rewrite(.accents, from: "café", to: "cafe"), Rewrite(.unknownWord, from: "zebra", to: nil),
                                     Rewrite(.partial, from: "cafe zebra", to: "cafe OR zebra")], total: 0)
        #expect(line == #"searched "cafe" for "café"; "zebra" is not in the index; no passage has every word of "cafe zebra", so passages with some of them are shown"#)
        #expect(RewriteNote.line([Rewrite(.partial, from: "a b", to: "a OR b")], total: 3)
                == #"passages with some of the words of "a b" follow those with all"#)
        #expect(RewriteNote.line([Rewrite(.synonyms, from: "CFT", to: "(CFT OR compassion-focused therapy)")], total: 3)
                == "also searched synonyms: (CFT OR compassion-focused therapy)")
        #expect(RewriteNote.line([Rewrite(.ukSpelling, from: "behavioral", to: "behavioural")], total: 1)
                == #"also searched "behavioural" for "behavioral""#)
        #expect(RewriteNote.line([Rewrite(Rewrite.Kind(rawValue: "stemming"), from: "ran", to: "run")], total: 1)
                == #"stemming: "ran" as "run""#, "a kind newer than the client is still said")
        #expect(RewriteNote.line([], total: 0) == nil)
        let unknown = ["xyzzyq", "plugh", "xyzzyq", "frob"].map { Rewrite(.unknownWord, from: $0, to: nil) }
        #expect(RewriteNote.line(unknown, total: 0) == #""xyzzyq", "plugh" and "frob" are not in the index"#)
        #expect(!(RewriteNote.line([Rewrite(.spelling, from: "a\nb", to: "c")], total: 1) ?? "").contains("\n"))
    }
}
