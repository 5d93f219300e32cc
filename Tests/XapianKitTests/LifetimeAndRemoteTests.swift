import Foundation
import Testing
import XapianKit

@Suite struct LifetimeAndRemoteTests {
    @Test func msetOutlivesEnquireAndDatabaseHandles() throws {
        try withTempDirectory { dir in
            do {
                let db = try WritableDatabase(path: dir + "/db")
                try index(samplePassages, into: db)
            }
            func search() throws -> MSet {
                let db = try Database(path: dir + "/db")
                let enquire = try Enquire(database: db)
                try enquire.setQuery(try makeParser(db).parseQuery("shame"))
                return try enquire.mset(maxItems: 10)
            }
            let mset = try search()   // Enquire and Database objects are gone now
            #expect(mset.matchesEstimated == 1)
            let top = try #require(mset.first)
            #expect(top.weight > 0)
            #expect(try ids(mset, in: Database(path: dir + "/db")) == ["a1"])
        }
    }

    @Test func termGeneratorSharesItsDocument() throws {
        let tg = TermGenerator()
        let doc = Document()
        tg.document = doc
        try tg.indexText("hello world")
        #expect(try doc.terms().map(\.term) == ["hello", "world"])
        #expect(tg.document === doc)
        #expect(tg.termPosition == 2)
    }

    static let hasTcpServer = FileManager.default.isExecutableFile(atPath: "/usr/bin/xapian-tcpsrv")

    @Test(.enabled(if: hasTcpServer)) func stubFileWithRemoteShard() throws {
        try withTempDirectory { dir in
            let local = try WritableDatabase(path: dir + "/local")
            try index(Array(samplePassages.prefix(3)), into: local)
            let remote = try WritableDatabase(path: dir + "/remote")
            try index(Array(samplePassages.suffix(3)), into: remote)
            try remote.close()

            let port = Int.random(in: 30000..<50000)
            let server = Process()
            server.executableURL = URL(fileURLWithPath: "/usr/bin/xapian-tcpsrv")
            server.arguments = ["--interface", "127.0.0.1", "--port", "\(port)", dir + "/remote"]
            server.standardOutput = FileHandle.nullDevice
            server.standardError = FileHandle.nullDevice
            try server.run()
            // xapian-tcpsrv ignores SIGTERM (measured), so kill it outright.
            defer { kill(server.processIdentifier, SIGKILL); server.waitUntilExit() }

            // Xapian 1.4 stub syntax: `remote HOST:PORT` (no `tcp` keyword; `remote tcp h:p`
            // fails with NetworkError "Couldn't resolve host tcp h").
            try "glass local\nremote 127.0.0.1:\(port)\n".write(toFile: dir + "/stub", atomically: true, encoding: .utf8)
            var db: Database?
            var lastError: XapianError?
            for _ in 0..<50 {   // wait up to ~5 s for the server to listen
                do { db = try Database(path: dir + "/stub"); break } catch let error as XapianError {
                    lastError = error
                    Thread.sleep(forTimeInterval: 0.1)
                }
            }
            let both = try #require(db, "remote shard never answered: \(String(describing: lastError))")
            #expect(try both.documentCount == samplePassages.count)
            let enquire = try Enquire(database: both)
            try enquire.setQuery(try makeParser(both).parseQuery("depression"))
            #expect(Set(try ids(enquire.mset(maxItems: 10), in: both)) == ["a3", "b2"])
        }
    }

    @Test func unreachableRemoteShardIsANetworkError() throws {
        try withTempDirectory { dir in
            // Port 1 on the loopback interface: nothing listens, so the connection is refused.
            try "remote 127.0.0.1:1\n".write(toFile: dir + "/stub", atomically: true, encoding: .utf8)
            let error = try #require(throws: XapianError.self) { try Database(path: dir + "/stub") }
            #expect(error.isNetworkError, "\(error)")
            // The context names the shard, which the message alone ("Couldn't connect") does not.
            #expect(error.context == "remote:tcp(127.0.0.1:1)" && error.description.contains("127.0.0.1:1"), "\(error)")
        }
    }
}

@Suite struct StemmerTests {
    @Test func stemsLikeTheIndexer() throws {
        let stemmer = try Stemmer(language: "english")
        #expect(stemmer.stem("criticised") == "criticis")
        #expect(stemmer.stem("harshly") == "harsh")
        #expect(stemmer.stem(String(repeating: "a", count: 300)).count == 300)   // longer than its buffer
        let error = try #require(throws: XapianError.self) { try Stemmer(language: "klingon") }
        #expect(error.kind == "InvalidArgumentError")
    }
}
