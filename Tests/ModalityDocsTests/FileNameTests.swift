import Testing
import ModalityDocs

/// File names shown in messages, and sizes read and shown (issue #16, items 6 and 9).
@Suite struct FileNameTests {
    @Test func controlAndBidirectionalCharactersAreEscapedAndOrdinaryNamesKept() {
        #expect(FileName.shown("/docs/mod032 – CFT.txt") == "/docs/mod032 – CFT.txt")
        #expect(FileName.shown("/a\\b.txt") == "/a\\b.txt")
        #expect(FileName.shown("/two\nlines\u{1B}[31m\\x.txt") == #"/two\nlines\x1B[31m\\x.txt"#)
        #expect(FileName.shown("/evil\u{202E}txt.exe") == #"/evil\u{202E}txt.exe"#)
        #expect(FileName.shown("/c1\u{85}.txt") == #"/c1\u{0085}.txt"#)
    }

    @Test func sizesAreReadWithBinaryUnitsAndShownShort() {
        #expect(ByteCount.parse("1000") == 1000 && ByteCount.parse("64M") == 64 << 20 && ByteCount.parse("2gib") == 2 << 30)
        #expect(ByteCount.parse("500K") == 500 << 10 && ByteCount.parse("lots") == nil && ByteCount.parse("5X") == nil)
        #expect(ByteCount.shown(512) == "512 bytes" && ByteCount.shown(64 << 20) == "64 MiB")
        #expect(ByteCount.shown(15_872) == "15.5 KiB" && ByteCount.shown(3 << 30) == "3 GiB")
    }
}
