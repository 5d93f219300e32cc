import Testing
@testable import ModSearchProtocol

/// The fields issue #14 added to v1: `exact` in requests; `rewrites`, `searched_as_typed` and a
/// hit's `partial` in answers, read back as written, and absent from an older daemon's answers.
@Suite struct RewriteFieldsTests {
    static let passage = Passage(id: "mod032/definition/1", modality: "MOD032", title: "Compassion-Focused Therapy",
                                 section: "definition", heading: "Definition", subheading: nil, ordinal: 1,
                                 source: "/corpus/mod032.txt", line: 8, text: "shame")
    static let hit = Hit(rank: 1, score: 0.5, percent: 40, passage: passage, snippet: "shame", highlights: [[0, 5]],
                         partial: true)

    @Test func exactTravelsInSearchAndMatchesRequests() throws {
        for request in [Request(op: .search, query: "compasion", exact: true), Request(op: .matches, query: "x", exact: false)] {
            let line = Codec.encode(request)
            #expect(String(decoding: line, as: UTF8.self).contains(#""exact":\#(request.exact!)"#))
            #expect(try Codec.decodeRequest(line.dropLast()) == request)
        }
        #expect(throws: ProtocolError(.badRequest, "field 'exact': expected true or false")) {
            try Codec.decodeRequest(Array(#"{"op":"search","query":"x","exact":"yes"}"#.utf8))
        }
    }

    @Test func rewritesAndPartialHitsRoundTrip() throws {
        let rewrites = [Rewrite(.unknownWord, from: "zebra", to: nil),
                        Rewrite(.partial, from: "shame zebra", to: "shame OR zebra"),
                        Rewrite(Rewrite.Kind(rawValue: "from-a-newer-daemon"), from: "a", to: "b")]
        let search = SearchResult(total: Total(estimate: 0, lower: 0, upper: 0), rewrites: rewrites, searchedAsTyped: true,
                                  tookMicroseconds: 3, hits: [Self.hit])
        let matches = MatchesResult(matches: [], next: nil, tookMicroseconds: 1,
                                    rewrites: [Rewrite(.spelling, from: "compasion", to: "compassion")], searchedAsTyped: false)
        for response in [Response.success(.search(search), id: nil), .success(.matches(matches), id: nil)] {
            let line = Codec.encode(response)
            #expect(try Codec.decodeResponse(line.dropLast()) == response)
        }
        let text = String(decoding: Codec.encode(.success(.search(search), id: nil)), as: UTF8.self)
        #expect(text.contains(#"{"kind":"unknown-word","from":"zebra"}"#), "no null for an unknown word's to")
        #expect(text.contains(#""partial":true"#) && text.contains(#""searched_as_typed":true"#))
    }

    @Test func anAnswerWithoutTheNewFieldsReadsAsBefore() throws {
        let old = #"{"ok":true,"result":{"total":{"estimate":6,"lower":6,"upper":6},"corrected":"compassion","took_us":1,"hits":[]}}"#
        guard case .search(let result)? = try Codec.decodeResponse(Array(old.utf8)).result else {
            Issue.record("not a search result")
            return
        }
        #expect(result.rewrites.isEmpty && !result.searchedAsTyped, "a correction means the words as typed were not searched")
        let hit = #"{"ok":true,"result":{"matches":[],"took_us":1}}"#
        guard case .matches(let batch)? = try Codec.decodeResponse(Array(hit.utf8)).result else {
            Issue.record("not a matches batch")
            return
        }
        #expect(batch.searchedAsTyped && batch.rewrites.isEmpty)
    }
}
