import QueryLanguage
import Testing

@Suite struct GrammarTests {
    /// Query → tree, as Xapian 1.4.22's QueryParser builds it, except where marked: there Xapian
    /// gives up and reads the whole query again as plain words, and the grammar has rules of its own.
    static let table: [(query: String, tree: String)] = [
        // words, the default AND, case and apostrophes as Xapian reads them
        ("shame", "shame"),
        ("Inner critic work", "(Inner AND critic AND work)"),
        ("therapist’s o'brien", "(therapist's AND o'brien)"),
        ("U.S.A. AT&T C++ 3.14 1,000", "(USA AND AT&T AND C++ AND 3.14 AND 1,000)"),
        ("café_au_lait", "café_au_lait"),
        // phrases, quoted and joined
        (#""inner critic""#, #""inner critic""#),
        (#""inner critic"#, #""inner critic""#),
        (#""three-minute breathing space""#, #""three minute breathing space""#),
        (#"“curly quotes” too"#, #"("curly quotes" AND too)"#),
        (#""a b""c d""#, #""a b c d""#),
        (#""""#, "<nothing>"),
        ("self-criticism", #""self criticism""#),
        ("black-and-white thinking", #"("black and white" AND thinking)"#),
        ("and/or a.b.c", #"("and or" AND "a b c")"#),
        // precedence: OR loosest, then XOR, then AND and NOT; runs of words bind tightest
        ("a b OR c", "((a AND b) OR c)"),
        ("a OR b c", "(a OR (b AND c))"),
        ("a AND b c", "(a AND (b AND c))"),
        ("a b AND c d", "(a AND b AND (c AND d))"),
        ("a OR b OR c", "(a OR b OR c)"),
        ("a XOR b OR c", "((a XOR b) OR c)"),
        ("a OR b XOR c AND d", "(a OR (b XOR (c AND d)))"),
        ("a NOT b NOT c", "((a AND_NOT b) AND_NOT c)"),
        ("a AND NOT b", "(a AND_NOT b)"),
        ("a AND -b c", "(a AND_NOT (b AND c))"),
        ("(a OR b) c", "((a OR b) AND c)"),
        ("(a b) c", "(a AND b AND c)"),
        ("a (b c)", "(a AND (b AND c))"),
        ("a and b", "(a AND and AND b)"),
        // + and -
        ("a -b -c", "(a AND_NOT (b OR c))"),
        ("+a -b c", "((a AND c) AND_NOT b)"),
        (#"x -"a b""#, #"(x AND_NOT "a b")"#),
        ("x -(a OR b)", "(x AND_NOT (a OR b))"),
        ("a+b a-", "(a AND (b AND a))"),
        ("+ a -", "a"),
        // exclusions only, and NOT first: everything but them (own rule, but for NOT)
        ("-shame", "(<all> AND_NOT shame)"),
        ("-a -b", "(<all> AND_NOT (a OR b))"),
        ("NOT a", "(<all> AND_NOT a)"),
        ("x (NOT b)", "(x AND (<all> AND_NOT b))"),
        ("a OR (-b)", "(a OR (<all> AND_NOT b))"),  // own rule
        // NEAR and ADJ: windows come from the largest distance given
        ("a NEAR b", "NEAR(a b)"),
        ("a NEAR/3 b NEAR c", "NEAR/3(a b c)"),
        ("a ADJ b ADJ/2 c", "ADJ/2(a b c)"),
        ("x a NEAR b y", "(x AND NEAR(a b) AND y)"),  // own rule
        ("-a NEAR b", "(<all> AND_NOT NEAR(a b))"),  // own rule
        ("a NEAR/0 b", #"(a AND "NEAR 0" AND b)"#),
        (#""a NEAR b""#, #""a NEAR b""#),
        // wildcards
        ("compas* trauma", "(compas* AND trauma)"),
        ("a*b", "(a AND b)"),
        // fields
        ("title:compassion work", "(title:compassion AND work)"),
        (#"Title:"tricky brains""#, #""title:tricky title:brains""#),  // own rule: fields in any case
        ("heading:(body memory)", "(heading:body AND heading:memory)"),
        ("title:self-help", #""title:self title:help""#),
        ("title:/usr", "title:usr"),
        (#"title:"unterminated phrase"#, #""title:unterminated title:phrase""#),  // own rule
        ("foo:bar", #""foo bar""#),
        ("title: a", "(title AND a)"),
        // filters: a field's values are alternatives, fields all apply, in the order of their names
        ("shame modality:MOD032", "(shame FILTER modality:MOD032)"),
        ("section:b x modality:c section:a", "(x FILTER (modality:c AND (section:b OR section:a)))"),
        (#"Section:"What to Ask" x"#, "(x FILTER section:What to Ask)"),
        (#"section:"say ""hi""" x"#, #"(x FILTER section:say "hi")"#),
        ("modality:MOD032", "0 * modality:MOD032"),
        ("x +modality:a -section:b", "((x FILTER modality:a) AND_NOT section:b)"),
        ("-section:ask", "(<all> AND_NOT section:ask)"),  // own rule
        // stray and missing parentheses, signs and quotes
        ("a) OR b", "(a OR b)"),  // own rule
        ("(a OR b", "(a OR b)"),
        ("() a ( )", "a"),
        ("a (", "a"),
        ("~a b", "(a AND b)"),
        ("", "<nothing>"),
        ("  \t ", "<nothing>"),
    ]

    @Test(arguments: table)
    func parses(_ query: String, _ tree: String) throws {
        #expect(render(try modsearchGrammar.parse(query)) == tree, "\(query)")
    }

    @Test func anyWordJoinsWithOrAndRequiresPlusWords() throws {
        var grammar = modsearchGrammar
        grammar.joining = .any
        #expect(render(try grammar.parse("a b c")) == "(a OR b OR c)")
        #expect(render(try grammar.parse("+a b -c d")) == "((a AND_MAYBE (b OR d)) AND_NOT c)")
        #expect(render(try grammar.parse("a b AND c")) == "((a OR b) AND c)")
    }

    @Test func wordsKnowTheirPlaceFieldAndOffset() throws {
        let syntax = try modsearchGrammar.parse(#"née -x title:"A b" modality:M c-d*"#)
        let words: QuerySyntax = .and([
            .word(QueryWord("née", position: 1, offset: 0)),
            .phrase([QueryWord("A", field: "title", position: 3, offset: 14),
                      QueryWord("b", field: "title", position: 4, offset: 16)]),
            .phrase([QueryWord("c", position: 5, offset: 30), QueryWord("d", position: 6, offset: 32)]),
        ])
        #expect(syntax == .andNot(.filtered(words, by: .filter(QueryFilter(field: "modality", value: "M", offset: 19))),
                                  .word(QueryWord("x", position: 2, offset: 5))))
    }
}
