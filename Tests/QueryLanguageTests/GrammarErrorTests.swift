import QueryLanguage
import Testing

@Suite struct GrammarErrorTests {
    /// Query → message and offset. Xapian 1.4.22 reports an error for every one of these
    /// except the NEAR and ADJ ones, where it reads the whole query again as plain words.
    static let table: [(query: String, message: String, offset: Int)] = [
        ("shame AND", "AND at position 6 needs a word after it", 6),
        ("OR shame", "OR at position 0 needs a word before it", 0),
        ("a OR OR b", "OR at position 2 needs a word after it", 2),
        ("a AND NOT", "AND NOT at position 2 needs a word after it", 2),
        ("AND NOT a", "AND NOT at position 0 needs a word before it", 0),
        ("a XOR", "XOR at position 2 needs a word after it", 2),
        ("NOT", "NOT at position 0 needs a word after it", 0),
        ("a AND ()", "AND at position 2 needs a word after it", 2),
        ("a AND )", "AND at position 2 needs a word after it", 2),
        ("(a OR) b", "OR at position 3 needs a word after it", 3),
        ("a OR -b", "- at position 5 can follow AND but not OR", 5),
        ("a NOT -b", "- at position 6 can follow AND but not NOT", 6),
        ("a NEAR", "NEAR at position 2 needs a single word after it", 2),
        ("NEAR a", "NEAR at position 0 needs a single word before it", 0),
        (#""a b" NEAR c"#, "NEAR at position 6 needs a single word before it", 6),
        ("a NEAR b-c", "NEAR at position 2 needs a single word after it", 2),
        ("a NEAR b*", "NEAR at position 2 needs a single word after it", 2),
        ("a NEAR b ADJ c", "ADJ at position 9 cannot join words joined by NEAR", 9),
        ("née AND", "AND at position 4 needs a word after it", 4),
    ]

    @Test(arguments: table)
    func reports(_ query: String, _ message: String, _ offset: Int) {
        #expect(throws: QuerySyntaxError(message, offset: offset)) { try modsearchGrammar.parse(query) }
    }
}
