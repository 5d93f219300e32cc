import Testing

/// The queries `QueryDifferentialTests` compares: every construct of the query language, in
/// mixed case, with accents, apostrophes, numbers, hyphens, operators in odd places and filters.
enum QueryDifferentialCases {
    enum Expected: Sendable, CustomTestStringConvertible {
        /// The same description as Xapian's (or an error from both).
        case same
        /// Our description (`nil`: an error) where Xapian's differs, and why.
        case ours(String?, because: String)

        var testDescription: String {
            switch self {
            case .same: "same"
            case .ours(let description, _): description ?? "error"
            }
        }
    }

    /// Xapian reads the whole query again as plain words when its grammar fails; ours has rules.
    static let plainWords = "Xapian gives up and reads every word of the query as plain text"

    static let all: [(query: String, expected: Expected)] = words + phrases + operators + signs + fields + odd

    static let words: [(query: String, expected: Expected)] = [
        ("shame", .same),
        ("Shame COMPASSION", .same),
        ("inner critic work", .same),
        ("therapist’s role", .same),
        ("client's story", .same),
        ("Café Über naïve", .same),
        ("EMDR 8 phases", .same),
        ("3.14 1,000 24/7", .same),
        ("U.S.A. veterans", .same),
        ("C++ C# AT&T", .same),
        ("DBT-A self-criticism", .same),
        ("Self-Criticism", .same),
        ("evidence-based practice", .same),
        ("black-and-white thinking", .same),
        ("mind/body e.g. a.b.c", .same),
        ("well‐being", .same),
        ("don't_stop", .same),
    ]

    static let phrases: [(query: String, expected: Expected)] = [
        (#""inner critic""#, .same),
        (#""inner critics""#, .same),
        (#""window of tolerance" trauma"#, .same),
        (#""three-minute breathing space""#, .same),
        (#""unterminated phrase"#, .same),
        ("“curly quoted phrase” too", .same),
        (#""compassion" focus"#, .same),
        (#""" empty"#, .same),
        (#""inner critic" "soothing system""#, .same),
        (#""inner critic""soothing system""#, .same),
    ]

    static let operators: [(query: String, expected: Expected)] = [
        ("anxiety OR depression", .same),
        ("anxiety depression OR grief", .same),
        ("trauma AND body memory", .same),
        ("trauma body AND memory", .same),
        ("shame NOT guilt", .same),
        ("shame AND NOT guilt", .same),
        ("shame XOR guilt", .same),
        ("anxiety OR panic XOR fear AND worry", .same),
        ("(anxiety OR depression) treatment", .same),
        ("treatment (anxiety OR depression)", .same),
        ("((trauma))", .same),
        ("trauma and body", .same),
        ("NOT guilt", .same),
        ("shame AND (NOT guilt)", .same),
        ("trauma NEAR body", .same),
        ("trauma NEAR/3 body", .same),
        ("trauma NEAR body NEAR memory", .same),
        ("trauma ADJ body", .same),
        ("trauma ADJ/2 body ADJ memory", .same),
        ("Trauma NEAR Body", .same),
        ("body NEAR/0 memory", .same),
        ("body NEAR/3x memory", .same),
        ("OR", .same),
        ("shame AND", .same),
        ("AND shame", .same),
        ("shame OR OR guilt", .same),
        ("shame AND )", .same),
        ("NOT", .same),
        ("AND-shame", .same),
    ]

    static let signs: [(query: String, expected: Expected)] = [
        ("shame -guilt", .same),
        ("shame -guilt -fear", .same),
        ("+shame guilt", .same),
        ("+shame -guilt compassion", .same),
        (#"shame -"inner critic""#, .same),
        ("shame -(guilt OR fear)", .same),
        ("shame AND -guilt body", .same),
        ("shame - guilt", .same),
        ("shame+guilt", .same),
        ("shame OR -guilt", .same),
        ("-guilt", .ours("Query((<alldocuments> AND_NOT Zguilt@1))",
                         because: "exclusions only match everything but them (FLAG_PURE_NOT's rule); " + plainWords)),
        ("-guilt -fear", .ours("Query((<alldocuments> AND_NOT (Zguilt@1 OR Zfear@2)))",
                               because: "exclusions only match everything but them; " + plainWords)),
        ("shame (-guilt)", .ours("Query((Zshame@1 AND (<alldocuments> AND_NOT Zguilt@2)))",
                                 because: "exclusions only match everything but them, in a group too; " + plainWords)),
        ("-section:ask", .ours("Query((<alldocuments> AND_NOT XSwhat-to-ask-a-practitioner))",
                               because: "Xapian drops the sign and keeps only that section")),
    ]

    static let fields: [(query: String, expected: Expected)] = [
        ("compas*", .same),
        ("compas* trauma", .same),
        ("Compas* OR trauma", .same),
        ("title:compas*", .same),
        ("co*mp", .same),
        ("title:compassion", .same),
        (#"title:"tricky brains""#, .same),
        ("title:(compassion focused)", .same),
        ("heading:podcasts OCD", .same),
        (#"heading:"what to expect" session"#, .same),
        ("title:self-help", .same),
        ("title: compassion", .same),
        ("foo:bar", .same),
        ("compassion modality:MOD032", .same),
        ("Modality:mod032 compassion", .same),
        ("compassion modality:mod032 modality:mod039", .same),
        ("compassion section:evidence modality:mod032", .same),
        (#"section:"What to Ask a Practitioner" antidepressants"#, .same),
        ("section:ask questions", .same),
        ("compassion -section:ask", .same),
        ("compassion -modality:mod032 -modality:mod039", .same),
        ("related:MOD039 prolonged exposure", .same),
        ("modality:MOD202 section:governing", .same),
        ("compassion +modality:mod032", .same),
        ("(modality:mod032) compassion", .same),
        ("section:nowhere", .same),
        ("modality::odd related:x:y", .same),
        ("Title:compassion", .ours("Query(ZScompass@1)", because: "field names are read in any case, as filter names were")),
        (#"title:"unterminated phrase"#, .ours("Query((ZSuntermin@1 PHRASE 2 ZSphrase@2))",
                                               because: "a field phrase left open runs to the end; " + plainWords)),
    ]

    static let odd: [(query: String, expected: Expected)] = [
        ("shame)", .same),
        ("(shame", .same),
        ("()", .same),
        ("~shame", .same),
        ("shame ~guilt", .same),
        ("shame) OR guilt", .ours("Query((Zshame@1 OR Zguilt@2))", because: "a ) without its ( is dropped; " + plainWords)),
        ("shame NEAR", .ours(nil, because: "NEAR needs a word on each side, as AND does; " + plainWords)),
        ("NEAR/3", .ours(nil, because: "NEAR needs a word on each side; " + plainWords)),
        (#""inner critic" NEAR shame"#, .ours(nil, because: "NEAR joins single words only; " + plainWords)),
        ("shame guilt NEAR body", .ours("Query((Zshame@1 AND (Zguilt@2 NEAR 11 Zbodi@3)))",
                                        because: "NEAR takes the single words next to it; " + plainWords)),
        ("-shame NEAR body", .ours("Query((<alldocuments> AND_NOT (Zshame@1 NEAR 11 Zbodi@2)))",
                                   because: "NEAR binds before the sign, and exclusions only match everything but them; "
                                       + plainWords)),
        ("trauma NEAR body ADJ memory", .ours(nil, because: "one chain joins words with one operator; " + plainWords)),
        ("shame NOT -guilt", .same),
        ("shame XOR", .same),
    ]
}
