import Testing
import XapianKit
@testable import ModSearchCore

@Suite struct SectionCacheTests {
    private func section(_ n: DocID) -> StoredSection {
        StoredSection(modality: "MOD\(n)", title: "T", section: "definition", heading: "Definition", source: "/d",
                      passages: [])
    }

    @Test func aHeldSectionIsNotLoadedAgain() {
        var cache = SectionCache(capacity: 4)
        var loads = 0
        for document: DocID in [1, 2, 1, 2, 1] {
            let found = cache.section(document) { loads += 1; return section(document) }
            #expect(found.modality == "MOD\(document)")
        }
        #expect(loads == 2)
    }

    @Test func aSectionUsedSinceTheLastTurnOutlivesOnesThatWereNot() {
        var cache = SectionCache(capacity: 4)
        var loaded: [DocID] = []
        func use(_ document: DocID) { _ = cache.section(document) { loaded.append(document); return section(document) } }
        for document: DocID in [1, 2, 3, 4, 5, 1, 6, 7] { use(document) }
        #expect(cache.count <= 4)
        loaded = []
        use(1)
        use(3)
        #expect(loaded == [3])
    }

    @Test func noCapacityHoldsNothing() {
        var cache = SectionCache(capacity: 0)
        var loads = 0
        for _ in 0..<3 { _ = cache.section(7) { loads += 1; return section(7) } }
        #expect(loads == 3 && cache.count == 0)
    }
}
