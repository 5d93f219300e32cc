import Foundation
import Testing

/// Several machines, as the README describes them: stubs of local and remote shards (real
/// `xapian-tcpsrv` on 127.0.0.1) answer as one database, a failed shard is named, a stub is
/// not indexed into, and a replica (`xapian-replicate`) follows its master.
@Suite(.serialized, .enabled(if: Harness.which("xapian-tcpsrv") != nil, "needs xapian-tcpsrv"))
struct ShardEndToEndTests {
    static let queries = ["self-criticism", "\"emotion regulation\"", "trauma body", "compa*", "mindful* -meditation",
                          "compasion", "section:evidence randomised", "polyvagal OR vagal"]

    /// An answer with what legitimately differs removed: the time taken, ranks and the order of
    /// hits (ties in score are broken by document id, which sharding changes), and the `collapsed`
    /// count of `collapse: modality`, which is Xapian's lower bound (documented "at least") and
    /// comes out lower over shards, whose matchers each see only their own documents.
    static func comparable(_ answer: [String: Any]) throws -> String {
        var result = answer.result
        result["took_us"] = nil
        let hits = (result["hits"] as? [[String: Any]] ?? []).map { hit in
            hit.filter { $0.key != "rank" && $0.key != "collapsed" }
        }
        func text(_ object: Any) throws -> String {
            String(decoding: try JSONSerialization.data(withJSONObject: object, options: .sortedKeys), as: UTF8.self)
        }
        result["hits"] = try hits.map(text).sorted()
        return try text(result)
    }

    @Test func stubsOfRemoteAndLocalShardsAnswerAsOneDatabase() throws {
        let servers = try ShardServers()
        let single = try DaemonProcess(database: servers.single)
        let stubs = [try DaemonProcess(database: try servers.stub("remote", [servers.remote(0), servers.remote(1)])),
                     try DaemonProcess(database: try servers.stub("mixed", ["auto db-a", servers.remote(1)]))]
        // Every hit of each query (so that ties cannot fall differently at a cut), with facets,
        // spelling and the total; a passage per modality; related passages.
        let requests = Self.queries.flatMap { query in
            [#"{"op":"search","query":\#(DaemonEndToEndTests.json(query)),"limit":1000,"facets":true}"#,
             #"{"op":"search","query":\#(DaemonEndToEndTests.json(query)),"limit":1000,"collapse":"modality"}"#]
        } + [#"{"op":"related","target":"MOD032"}"#, #"{"op":"related","target":"mod032/definition/1"}"#]
        for request in requests {
            let one = try single.ask(request)
            #expect(one.ok && !one.hitIDs.isEmpty, "\(request): \(one)")
            for stub in stubs {
                let sharded = try stub.ask(request)
                #expect(try Self.comparable(sharded) == (try Self.comparable(one)), "\(request)")
            }
        }
        let get = #"{"op":"get","target":"mod032/definition/1"}"#
        let passage = try single.ask(get), shardedPassage = try stubs[0].ask(get)
        #expect(passage.ok && shardedPassage.result as NSDictionary == passage.result as NSDictionary)
        // The command line, in-process, over the same stub; every match in index order (which
        // sharding changes, so sorted).
        let stub = servers.folder + "/remote"
        for arguments in [["-c", "compa*"], ["--tsv", "-n", "3", "compasion"], ["--all", "-l", "trauma"]] {
            let one = try Harness.run(Harness.modsearch, ["--no-daemon", "--db", servers.single] + arguments)
            let sharded = try Harness.run(Harness.modsearch, ["--no-daemon", "--db", stub] + arguments)
            #expect(sharded.status == one.status && sharded.lines.sorted() == one.lines.sorted() && sharded.stderr == one.stderr,
                    "\(arguments): \(sharded)")
        }
    }

    @Test func statsSumTheShardsWithEachOnesRevision() throws {
        let servers = try ShardServers()
        let stub = try servers.stub("mixed", ["auto db-a", servers.remote(1)])
        let one = try Self.statsRecord(servers.single)
        let sharded = try Self.statsRecord(stub)
        #expect(sharded["passages"] as? Int == one["passages"] as? Int && (one["passages"] as? Int ?? 0) > 0)
        #expect(sharded["documents"] as? Int == one["documents"] as? Int)
        let shards = sharded["shards"] as? [[String: Any]] ?? []
        #expect(shards.map { $0["shard"] as? String } == ["auto db-a", servers.remote(1)])
        #expect(shards.reduce(0) { $0 + ($1["passages"] as? Int ?? 0) } == one["passages"] as? Int)
        #expect((shards.first?["revision"] as? Int ?? 0) > 0, "a local shard has its revision")
        #expect(shards.last?["revision"] is NSNull, "a remote shard's revision is unknown, and says so")
        #expect(sharded["revision"] as? Int == shards.first?["revision"] as? Int)
    }

    static func statsRecord(_ database: String) throws -> [String: Any] {
        let result = try Harness.run(Harness.modsearch, ["--no-daemon", "--db", database, "stats", "--json"])
        return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] ?? [:]
    }

    @Test func aFailedShardIsNamedAndServedAgainWhenBack() throws {
        let servers = try ShardServers()
        let stub = try servers.stub("remote", [servers.remote(0), servers.remote(1)])
        let daemon = try DaemonProcess(database: stub)
        let request = #"{"op":"search","query":"trauma","limit":1000}"#
        let before = try daemon.ask(request)
        #expect(before.ok && !before.hitIDs.isEmpty)

        servers.stop(1)
        let failed = try daemon.ask(request)
        let message = (failed["error"] as? [String: Any])?["message"] as? String ?? ""
        #expect(failed.errorCode == "unavailable" && message.contains(servers.remote(1)), "\(failed)")
        let offline = try Harness.run(Harness.modsearch, ["--no-daemon", "--db", stub, "trauma"])
        #expect(offline.status == 2 && offline.stderr.contains(servers.remote(1)), "\(offline.stderr)")
        #expect(offline.stderr.split(separator: "\n").count == 1)

        try servers.start(1)
        let back = try daemon.ask(request)
        #expect(back.ok && back.scoredIDs == before.scoredIDs, "\(back)")
    }

    @Test func indexingIntoAStubSaysWhatToDo() throws {
        let servers = try ShardServers()
        let stub = try servers.stub("remote", [servers.remote(0), servers.remote(1)])
        let result = try Harness.run(Harness.modsearch, ["index", "--db", stub, servers.folder + "/a"])
        #expect(result.status == 2)
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
        #expect(result.stderr.contains("\(stub): a stub listing 2 shard(s)") && result.stderr.contains("modsearch index --db SHARD"),
                "\(result.stderr)")
    }

    @Test(.enabled(if: Harness.which("xapian-replicate-server") != nil, "needs xapian-replicate"))
    func aReplicaAnswersAsItsMasterAfterAnUpdate() throws {
        let folder = try Harness.temporaryFolder()
        try FileManager.default.createDirectory(atPath: folder + "/master", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Harness.corpus, toPath: folder + "/corpus")
        let master = folder + "/master/index", replica = folder + "/replica"
        try ShardServers.index(master, [folder + "/corpus"])
        let port = try ShardServers.freePort()
        let server = try Harness.launch("/usr/bin/xapian-replicate-server",
                                        ["-I", "127.0.0.1", "-p", "\(port)", folder + "/master"], log: folder + "/replicate-server.log")
        defer { server.signal(SIGKILL); server.wait() }
        /// One replication; -r 0 applies it at once (the wait is for readers of a replica updated in place).
        func replicate() -> Bool {
            let arguments = ["-h", "127.0.0.1", "-p", "\(port)", "-m", "index", "-o", "-r", "0", replica]
            return (try? Harness.run("/usr/bin/xapian-replicate", arguments))?.status == 0
        }
        #expect(Harness.waitFor(replicate), "the first replication, once the server listens")
        let daemon = try DaemonProcess(database: replica)
        let request = #"{"op":"search","query":"Gilbert OR edited","limit":1000}"#
        #expect(try daemon.ask(request).scoredIDs == (try DaemonProcess(database: master).ask(request).scoredIDs))

        let file = try FileManager.default.contentsOfDirectory(atPath: folder + "/corpus").first { $0.hasPrefix("mod032-") } ?? ""
        let text = try String(contentsOfFile: folder + "/corpus/" + file, encoding: .utf8)
        try text.replacingOccurrences(of: "Paul Gilbert", with: "Paul Gilbert (edited)")
            .write(toFile: folder + "/corpus/" + file, atomically: true, encoding: .utf8)
        try ShardServers.index(master, [folder + "/corpus"])
        #expect(replicate())
        let fromMaster = try DaemonProcess(database: master).ask(request)
        let fromReplica = try daemon.ask(request)
        #expect(fromReplica.scoredIDs == fromMaster.scoredIDs && fromMaster.hitIDs.count > 0, "\(fromReplica)")
        let edited = try Harness.run(Harness.modsearch, ["--no-daemon", "--db", replica, "-l", "edited"])
        let editedInMaster = try Harness.run(Harness.modsearch, ["--no-daemon", "--db", master, "-l", "edited"])
        #expect(edited.status == 0 && edited.stdout == editedInMaster.stdout)
    }
}
