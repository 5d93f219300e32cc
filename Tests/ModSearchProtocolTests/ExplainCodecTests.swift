import Testing
@testable import ModSearchProtocol

/// An `explain` answer survives its line: every field, optional ones set and unset.
@Suite struct ExplainCodecTests {
    @Test func anExplainAnswerRoundTrips() throws {
        let passage = Passage(id: "mod032/explanation/2", modality: "MOD032", title: "Compassion-Focused Therapy",
                              section: "explanation", heading: "Explanation", subheading: nil, ordinal: 2,
                              source: "/corpus/mod032.txt", line: 14, text: "…")
        let hit = Hit(rank: 1, score: 7.41, percent: 100, passage: passage, snippet: "harsh self-judgment",
                      highlights: [[6, 19]])
        let term = IndexTerm(term: "Zshame", field: "text", value: "shame")
        let leaf = QueryTreeNode(op: "term", term: term, pattern: nil, window: nil, factor: nil, children: [])
        let tree = QueryTreeNode(op: "or", term: nil, pattern: nil, window: nil, factor: nil, children: [
            QueryTreeNode(op: "phrase", term: nil, pattern: nil, window: 2, factor: nil, children: [leaf, leaf]),
            QueryTreeNode(op: "scale", term: nil, pattern: nil, window: nil, factor: 0.5, children: [leaf]),
            QueryTreeNode(op: "wildcard", term: nil, pattern: "sham", window: nil, factor: nil, children: []),
        ])
        let query = ExplainedQuery(
            typed: "shame?", searched: "shame", tree: tree, partialTree: leaf,
            terms: [QueryTermWeight(term: term, sections: 34, factor: 1.5, idf: 1.6658031)], sections: 216,
            averageLength: 357.94, weighting: BM25Settings(k1: 1.2, b: 0, minNormLength: 0.5),
            partialWeighting: BM25Settings(k1: 2.4, b: 0.75, minNormLength: 0.5),
            rewrites: [Rewrite(.synonyms, from: "shame", to: "guilt"), Rewrite(.unknownWord, from: "zzq", to: nil)])
        let score = HitScore(
            score: 7.4123, section: SectionWeight(weight: 8.1, length: 972, normLength: 0.5, query: "all", terms: [
                SectionTermWeight(term: term, wdf: 7,
                                  occurrences: TermOccurrences(title: 1, titleWeight: 3, heading: 0, headingWeight: 2,
                                                               text: 2, textWeight: 2),
                                  factor: 1, idf: 1.6658031, weight: 8.1),
            ]),
            passage: PassageFactor(local: 3.5, best: 4, share: 0.5, factor: 0.9375),
            exactForms: ExactFormsFactor(words: ["shame"], missing: [], weight: 0.2, factor: 1), partialScale: 0.41)
        var unscaled = score
        unscaled.partialScale = nil
        let search = SearchResult(total: Total(estimate: 2, lower: 2, upper: 2), corrected: "shame",
                                  tookMicroseconds: 184, hits: [hit, hit])
        let response = Response.success(.explain(ExplainResult(query: query, search: search, scores: [score, unscaled])),
                                         id: .number(3))
        let line = Codec.encode(response)
        #expect(try Codec.decodeResponse(line.dropLast()) == response)
        let text = String(decoding: line, as: UTF8.self)
        #expect(text.contains(#""explanation":{"score":7.4123,"section":{"weight":8.1"#))
    }

    @Test func explainNeedsAQuery() {
        #expect(throws: ProtocolError(.badRequest, "field 'query': required for op 'explain'")) {
            try Codec.decodeRequest(Array(#"{"op":"explain"}"#.utf8))
        }
    }
}
