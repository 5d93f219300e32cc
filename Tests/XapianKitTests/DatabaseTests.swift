import Foundation
import Testing
import XapianKit

@Suite struct DatabaseTests {
    @Test func indexAndSearchRoundTripWithStemming() throws {
        try withTempDirectory { dir in
            let path = dir + "/db"
            do {
                let db = try WritableDatabase(path: path, mode: .createOrOverwrite)
                try index(samplePassages, into: db)
            }
            let db = try Database(path: path)
            #expect(try db.documentCount == samplePassages.count)
            #expect(try db.termExists("Zdepress"))
            #expect(try db.termFrequency("Zdepress") == 2)
            #expect(try db.averageLength > 0)
            #expect(try db.documentLength(1) > 0)
            #expect(try db.postings(of: "XMmod032").count == 3)
            #expect(try db.allTerms(prefix: "XS") == ["XSdefinition", "XSevidence-to-efficacy", "XSexplanation"])

            // "behaviour" (singular) finds "behaviours" and "behavioural" via the stem.
            let qp = try makeParser(db)
            let query = try qp.parseQuery("behaviour")
            #expect(query.description.contains("Zbehaviour"))
            let enquire = try Enquire(database: db)
            try enquire.setQuery(query)
            let mset = try enquire.mset(maxItems: 10)
            #expect(mset.count == 1)
            #expect(mset.matchesEstimated == 1)
            let top = try #require(mset.first)
            #expect(top.percent == 100)
            #expect(top.weight > 0)
            #expect(try text(of: top.docID, in: db).hasPrefix("Cognitive behavioural"))
            #expect(try db.document(top.docID).value(slot: 0) == "mod010")
            #expect(try ids(mset, in: db) == ["b1"])

            // A multi-word query ranks the passage with both words first.
            try enquire.setQuery(try qp.parseQuery("trials depression"))
            let both = try enquire.mset(maxItems: 10)
            #expect(both.count == 2)
            #expect(Set(try ids(both, in: db)) == ["a3", "b2"])
        }
    }

    @Test func documentTermsValuesAndBytes() throws {
        let doc = Document()
        try doc.addPosting("hello", position: 1, wdfIncrement: 2)
        try doc.addPosting("world", position: 3)
        try doc.addBooleanTerm("XMmod001")
        try doc.setData(bytes: [0x61, 0x00, 0x62])
        try doc.setValue("mod001", slot: 7)
        let terms = try doc.terms()
        #expect(terms.map(\.term) == ["XMmod001", "hello", "world"])
        #expect(terms.map(\.wdf) == [0, 2, 1])
        #expect(try doc.dataBytes() == [0x61, 0x00, 0x62])
        #expect(try doc.value(slot: 7) == "mod001")
        #expect(try doc.value(slot: 8) == "")
        #expect(throws: XapianError.self) { try doc.addBooleanTerm("") }
    }

    @Test func wdfTiersMarkEachWordWithItsWDFFromTheMinimumOn() throws {
        let doc = Document()
        for (term, wdf) in [("Zcalm", 3), ("Zember", 4), ("Zharbour", 8), ("Z2nd", 40), ("ZSember", 50), ("Xember", 9)] {
            try doc.addPosting(term, position: 1, wdfIncrement: wdf)
        }
        try doc.addWDFTiers(ofTermsPrefixed: "Z", as: "XW", from: 4)
        #expect(try doc.terms().filter { $0.term.hasPrefix("XW") }.map(\.term) == ["XW2nd:40", "XWember:4", "XWharbour:8"],
                "below the minimum none; a field's term (ZS) and other prefixes none")
        try doc.removeTerm("XWember:4")
        #expect(try !doc.terms().map(\.term).contains("XWember:4"))
        #expect(throws: XapianError.self) { try doc.removeTerm("XWember:4") }
    }

    @Test func replaceAndDeleteByUniqueTerm() throws {
        try withTempDirectory { dir in
            let db = try WritableDatabase(path: dir + "/db")
            try index(samplePassages, into: db)
            let before = try db.postings(of: "Qa2")
            #expect(before.count == 1)

            var changed = samplePassages[1]
            changed.text = "Replaced text about gardening."
            try index([changed], into: db)
            #expect(try db.documentCount == samplePassages.count)
            #expect(try db.postings(of: "Qa2") == before)   // same docid reused
            #expect(try text(of: before[0], in: db) == "Replaced text about gardening.")
            #expect(try db.termExists("Zgarden"))
            #expect(try !db.termExists("harshly"))

            try db.deleteDocument(uniqueTerm: "Qa2")
            try db.deleteDocument(uniqueTerm: "Qnope")  // nothing to delete is fine
            try db.commit()
            #expect(try db.documentCount == samplePassages.count - 1)
            #expect(try db.postings(of: "Qa2").isEmpty)
            let error = try #require(throws: XapianError.self) { try db.document(before[0]) }
            #expect(error.kind == "DocNotFoundError")
            #expect(error.isNotFound)
        }
    }

    @Test func dataAndValuesReadByDocumentID() throws {
        try withTempDirectory { dir in
            let db = try WritableDatabase(path: dir + "/db")
            let doc = Document()
            try doc.addBooleanTerm("Qone")
            try doc.setData(bytes: [0x28, 0xB5, 0x00, 0x7B])
            try doc.setValue(bytes: [0x02, 0x00], slot: 2)
            let id = try db.replaceDocument(uniqueTerm: "Qone", doc)
            try db.commit()
            #expect(try db.dataBytes(of: id) == [0x28, 0xB5, 0x00, 0x7B])
            #expect(try db.valueBytes(slot: 2, of: id) == [0x02, 0x00])
            #expect(try db.valueBytes(slot: 3, of: id).isEmpty)
            // Ids are taken from matches and posting lists, so a missing one is not looked up.
            #expect(try db.dataBytes(of: id + 1).isEmpty)
            #expect(try db.valueBytes(slot: 2, of: id + 1).isEmpty)
        }
    }

    @Test func aValueStreamReadsValuesInDocumentOrder() throws {
        try withTempDirectory { dir in
            let db = try WritableDatabase(path: dir + "/db")
            // Enough documents for several of glass's value chunks, every third without a value.
            for n in 1...3_000 {
                let doc = Document()
                try doc.addBooleanTerm("Q\(n)")
                if n % 3 != 0 { try doc.setValue(bytes: Array("v\(n)".utf8), slot: 1) }
                _ = try db.replaceDocument(uniqueTerm: "Q\(n)", doc)
            }
            try db.commit()
            let stream = try ValueStream(database: db, slot: 1)
            for id: DocID in [1, 2, 3, 4, 1_000, 1_001, 2_999, 3_000, 3_001] {
                #expect(try stream.value(of: id) == (id % 3 != 0 && id <= 3_000 ? Array("v\(id)".utf8) : []))
            }
            #expect(throws: XapianError.self) { try stream.value(of: 5) }
            #expect(try ValueStream(database: db, slot: 9).value(of: 1).isEmpty)
        }
    }

    @Test func metadata() throws {
        try withTempDirectory { dir in
            let db = try WritableDatabase(path: dir + "/db")
            try db.setMetadata("modsearch:schema", to: "1")
            try db.setMetadata("hash:Corpus/a.txt", to: "abc")
            try db.setMetadata("hash:Corpus/b.txt", to: "def")
            try db.commit()
            let reader = try Database(path: dir + "/db")
            #expect(try reader.metadata("modsearch:schema") == "1")
            #expect(try reader.metadata("missing") == "")
            #expect(try reader.metadataKeys(prefix: "hash:") == ["hash:Corpus/a.txt", "hash:Corpus/b.txt"])
            try db.setMetadata("hash:Corpus/a.txt", to: "")   // empty value removes the key
            try db.commit()
            try reader.reopen()
            #expect(try reader.metadataKeys(prefix: "hash:") == ["hash:Corpus/b.txt"])
        }
    }

    @Test func transactionsCommitAndCancel() throws {
        try withTempDirectory { dir in
            let path = dir + "/db"
            let db = try WritableDatabase(path: path)
            try db.transaction { try index([samplePassages[0]], into: db, commit: false) }
            #expect(try db.documentCount == 1)

            let doc = Document()
            try doc.addBooleanTerm("Qcancelled")
            struct Boom: Error {}
            #expect(throws: Boom.self) {
                try db.transaction {
                    try db.replaceDocument(uniqueTerm: "Qcancelled", doc)
                    try db.setMetadata("k", to: "v")
                    throw Boom()
                }
            }
            #expect(try !db.termExists("Qcancelled"))
            #expect(try db.metadata("k") == "")
            #expect(try db.documentCount == 1)

            let id = try db.transaction { try db.replaceDocument(uniqueTerm: "Qcancelled", doc) }
            #expect(id == 2)   // the cancelled add's docid is handed out again
            let reader = try Database(path: path)
            #expect(try reader.documentCount == 2)
            #expect(try reader.termExists("Qcancelled"))
        }
    }

    @Test func missingDatabaseThrowsNotFound() throws {
        try withTempDirectory { dir in
            let error = try #require(throws: XapianError.self) { try Database(path: dir + "/nope") }
            #expect(error.kind == "DatabaseNotFoundError")
            #expect(error.isNotFound && error.isDatabaseOpening)
            #expect(error.message.contains("nope"))
            #expect(error.description.hasPrefix("DatabaseNotFoundError: "))

            let writerError = try #require(throws: XapianError.self) {
                try WritableDatabase(path: dir + "/nope", mode: .open)
            }
            #expect(writerError.kind == "DatabaseNotFoundError")

            // A plain file that is not a database.
            try Data("hello".utf8).write(to: URL(fileURLWithPath: dir + "/file"))
            let notDB = try #require(throws: XapianError.self) { try Database(path: dir + "/file") }
            #expect(notDB.isDatabaseOpening)
        }
    }

    @Test func secondWriterGetsLockError() throws {
        try withTempDirectory { dir in
            let path = dir + "/db"
            let first = try WritableDatabase(path: path)
            let error = try #require(throws: XapianError.self) { try WritableDatabase(path: path) }
            #expect(error.kind == "DatabaseLockError")
            #expect(error.isLockError)
            #expect(error.message.contains("already locked"))
            // Readers still work while the writer holds the lock.
            #expect(try Database(path: path).documentCount == 0)
            try first.close()
            _ = try WritableDatabase(path: path)   // lock released by close()
            let closedError = try #require(throws: XapianError.self) { try first.termExists("x") }
            #expect(closedError.kind == "DatabaseClosedError")
            #expect(try first.documentCount == 0)   // some getters still answer from cached stats
        }
    }

    @Test func reopenSeesCommittedChanges() throws {
        try withTempDirectory { dir in
            let path = dir + "/db"
            let writer = try WritableDatabase(path: path)
            try index([samplePassages[0]], into: writer)
            let reader = try Database(path: path)
            let revision = try reader.revision
            #expect(try reader.documentCount == 1)
            #expect(try reader.reopen() == false)

            try index([samplePassages[1]], into: writer)
            #expect(try reader.documentCount == 1)      // still the old snapshot
            #expect(try reader.reopen() == true)
            #expect(try reader.documentCount == 2)
            #expect(try reader.revision == revision + 1)
        }
    }

    @Test func twoShardsSearchAsOne() throws {
        try withTempDirectory { dir in
            let a = try WritableDatabase(path: dir + "/a")
            try index(Array(samplePassages.prefix(3)), into: a)
            let b = try WritableDatabase(path: dir + "/b")
            try index(Array(samplePassages.suffix(3)), into: b)

            try "glass a\nglass b\n".write(toFile: dir + "/stub", atomically: true, encoding: .utf8)
            let both = try Database(path: dir + "/stub")
            #expect(try both.documentCount == samplePassages.count)
            #expect(try both.termFrequency("Zdepress") == 2)
            let enquire = try Enquire(database: both)
            try enquire.setQuery(try makeParser(both).parseQuery("depression"))
            let mset = try enquire.mset(maxItems: 10)
            #expect(Set(try ids(mset, in: both)) == ["a3", "b2"])
            // Docids interleave across shards.
            #expect(Set(mset.map(\.docID)) == [5, 4])
            #expect(throws: XapianError.self) { try both.revision }
        }
    }
}
