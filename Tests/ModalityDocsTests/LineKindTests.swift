import Testing
@testable import ModalityDocs

@Suite struct LineKindTests {
    /// The web page's navigation and footer lines in any case, and no paragraph that only
    /// resembles one.
    @Test func chromeLinesAreKnownInAnyCaseAndParagraphsAreNot() {
        for line in ["PRINT", "Scroll To Top", "< All Modalities", "×", "Tags: CBT, DBT", "TAGS:",
                     "Not sure where to start? These will help.",
                     "Get our NEWSLETTER: sign up below", String(repeating: "word ", count: 60) + "Newsletter, Subscribe"] {
            #expect(LineKind.isChrome(line), "\(line)")
        }
        for line in ["Printing the worksheet helps.", "Scroll to top of the page when done, as the therapist suggests",
                     "The newsletter of the society reports the trial.", "Tagsets are a term of art here:",
                     String(repeating: "all modalities ", count: 20), "Subscribe to a sign up sheet, with no n-letter word"] {
            #expect(!LineKind.isChrome(line), "\(line)")
        }
    }

    @Test func caseIsIgnoredForASCIILettersOnly() {
        #expect(LineKind.containsIgnoringASCIICase("A NewsLetter.", "newsletter"))
        #expect(!LineKind.containsIgnoringASCIICase("news letter", "newsletter"))
        #expect(!LineKind.containsIgnoringASCIICase("newslette", "newsletter"))
        #expect(LineKind.containsIgnoringASCIICase("café NEWSLETTER", "newsletter"))
    }
}
