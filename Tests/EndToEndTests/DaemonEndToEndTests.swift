import Foundation
import Testing

/// The real `modsearchd` on a temporary socket: protocol, load, bad input, lifecycle, safety, shards.
@Suite(.serialized, .removingTemporaryFolders) struct DaemonEndToEndTests {
    @Test func pingWithSocatAndSearchMatchesInProcess() throws {
        let daemon = try DaemonProcess(database: Harness.corpusIndex)
        let ping = try Harness.shell(#"printf '{"v":1,"op":"ping"}\n' | socat -t 10 - UNIX-CONNECT:"$SOCK""#,
                                     environment: ["SOCK": daemon.socket])
        #expect(ping.stdout.contains(#""pong":true"#))

        let answer = try daemon.ask(#"{"v":1,"id":1,"op":"search","query":"self-criticism","limit":20}"#)
        #expect(answer.ok)
        let local = try Harness.run(Harness.modsearch, ["--no-daemon", "--db", Harness.corpusIndex, "-n", "20", "--ids",
                                                        "self-criticism"])
        #expect(answer.hitIDs == local.lines)
        #expect(answer.hitIDs.count == 20)
    }

    @Test func manyConcurrentClientsGetTheirOwnAnswersInOrder() throws {
        let daemon = try DaemonProcess(database: Harness.corpusIndex)
        let queries = ["self-criticism", "trauma", "\"inner critic\"", "mindfulness", "values OR acceptance",
                       "shame compassion", "exposure"]
        // What each query should return, asked once up front.
        var expected: [String: [String]] = [:]
        for query in queries {
            expected[query] = try daemon.ask(#"{"op":"search","query":\#(Self.json(query)),"limit":5}"#).hitIDs
        }
        let answers = expected
        let socket = daemon.socket
        let failures = LockedCounter()
        let answered = LockedCounter()
        let group = DispatchGroup()
        for clientNumber in 0..<32 {
            group.enter()
            Thread {
                defer { group.leave() }
                do {
                    let client = try SocketClient(path: socket)
                    // Pipeline in batches of 50: write a batch, then read its answers.
                    for batch in stride(from: 0, to: 500, by: 50) {
                        var batchText = ""
                        for number in batch..<(batch + 50) {
                            let id = clientNumber * 1000 + number
                            switch number % 4 {
                            case 0: batchText += #"{"id":\#(id),"op":"ping"}"# + "\n"
                            case 1: batchText += #"{"id":\#(id),"op":"get","target":"mod032/definition/1"}"# + "\n"
                            default:
                                let query = queries[(id / 4) % queries.count]
                                batchText += #"{"id":\#(id),"op":"search","query":\#(Self.json(query)),"limit":5}"# + "\n"
                            }
                        }
                        try client.send(batchText)
                        for number in batch..<(batch + 50) {
                            let id = clientNumber * 1000 + number
                            let object = try client.readObject()
                            var correct = object.ok && object["id"] as? Int == id
                            if number % 4 >= 2 {
                                correct = correct && object.hitIDs == answers[queries[(id / 4) % queries.count]]
                            }
                            if number % 4 == 1 {
                                correct = correct && (object.result["id"] as? String) == "mod032/definition/1"
                            }
                            if correct { answered.add() } else { failures.add() }
                        }
                    }
                } catch {
                    failures.add()
                }
            }.start()
        }
        #expect(group.wait(timeout: .now() + 120) == .success)
        #expect(failures.value == 0)
        #expect(answered.value == 32 * 500)
        #expect(try daemon.ask(#"{"op":"stats"}"#).result["requests"] as? Int ?? 0 >= 32 * 500)
    }

    @Test func badInputGetsErrorsAndTheConnectionLivesOn() throws {
        let daemon = try DaemonProcess(database: Harness.corpusIndex)
        let client = try daemon.client()
        let cases: [(line: String, code: String)] = [
            ("{not json", "bad_request"),
            (#"{"op":"explode"}"#, "bad_request"),
            (#"{"op":"search","query":42}"#, "bad_request"),
            (#"{"op":"search","query":"x","limit":"many"}"#, "bad_request"),
            (#"{"op":"search","query":"x","limit":100000}"#, "bad_request"),
            (#"{"op":"search","query":"AND OR ("}"#, "bad_query"),
            (#"{"op":"get","target":"mod999/nowhere/1"}"#, "not_found"),
            (#"{"op":"search","query":"\#(String(repeating: "a", count: 5000))"}"#, "too_large"),
        ]
        for (line, code) in cases {
            try client.send(line + "\n")
            let answer = try client.readObject()
            #expect(!answer.ok && answer.errorCode == code, "\(line.prefix(40)) → \(answer)")
        }
        try client.send([0x00, 0xFF, 0xFE, 0x10, 0x0A])
        #expect(try client.readObject().errorCode == "bad_request")
        try client.send(#"{"id":"still-here","op":"ping"}"# + "\n")
        #expect(try client.readObject()["id"] as? String == "still-here")
    }

    @Test func overLongLineClosesOnlyThatConnection() throws {
        let daemon = try DaemonProcess(database: Harness.corpusIndex)
        let bystander = try daemon.client()
        let client = try daemon.client()
        try client.send(#"{"id":1,"op":"ping"}"# + "\n")
        try client.send(Array(repeating: UInt8(ascii: "x"), count: 70_000))
        #expect(try client.readObject()["id"] as? Int == 1)
        #expect(try client.readObject().errorCode == "too_large")
        #expect(try client.readLine() == nil, "the connection is closed after too_large")
        try bystander.send(#"{"op":"ping"}"# + "\n")
        #expect(try bystander.readObject().ok)
    }

    @Test func halfClosedAndVanishingClientsDoNotHurtOthers() throws {
        let daemon = try DaemonProcess(database: Harness.corpusIndex)
        let halfClosed = try daemon.client()
        try halfClosed.send(#"{"id":1,"op":"search","query":"trauma","limit":50}"# + "\n" + #"{"id":2,"op":"ping"}"# + "\n")
        halfClosed.finishSending()
        #expect(try halfClosed.readObject()["id"] as? Int == 1)
        #expect(try halfClosed.readObject()["id"] as? Int == 2)
        #expect(try halfClosed.readLine() == nil)

        for _ in 0..<20 {
            let vanishing = try daemon.client()
            try vanishing.send(String(repeating: #"{"op":"search","query":"therapy","limit":1000}"# + "\n", count: 20))
        }  // each closes with answers still being written
        let survivor = try daemon.client()
        try survivor.send(#"{"op":"stats"}"# + "\n")
        #expect(try survivor.readObject().ok)
    }

    @Test func reindexWhileQueryingShowsNewDocumentsWithoutRestart() throws {
        let folder = try Harness.temporaryFolder()
        let database = folder + "/db"
        let documents = folder + "/docs"
        try FileManager.default.createDirectory(atPath: documents, withIntermediateDirectories: true)
        for name in ["mod032-compassion-focused-therapy.txt", "mod001-acceptance-and-commitment-therapy.txt"] {
            try FileManager.default.copyItem(atPath: Harness.corpus + "/" + name, toPath: documents + "/" + name)
        }
        try Harness.run(Harness.modsearch, ["index", "--db", database, documents])
        let daemon = try DaemonProcess(database: database)

        let socket = daemon.socket
        let stop = LockedCounter()
        let failures = LockedCounter()
        let queries = LockedCounter()
        let group = DispatchGroup()
        for _ in 0..<4 {
            group.enter()
            Thread {
                defer { group.leave() }
                guard let client = try? SocketClient(path: socket) else { failures.add(); return }
                while stop.value == 0 {
                    do {
                        try client.send(#"{"op":"search","query":"compassion","limit":10}"# + "\n")
                        if try client.readObject().ok { queries.add() } else { failures.add() }
                    } catch { failures.add(); return }
                }
            }.start()
        }
        for name in try FileManager.default.contentsOfDirectory(atPath: Harness.corpus) where name.hasSuffix(".txt") {
            if !FileManager.default.fileExists(atPath: documents + "/" + name) {
                try FileManager.default.copyItem(atPath: Harness.corpus + "/" + name, toPath: documents + "/" + name)
            }
        }
        let reindex = try Harness.run(Harness.modsearch, ["index", "--db", database, documents])
        #expect(reindex.status == 0)
        // Every answer from now on comes from the new revision: let the clients get a few.
        let answered = queries.value
        #expect(Harness.waitFor { queries.value >= answered + 8 })
        stop.add()
        group.wait()
        #expect(failures.value == 0)
        #expect(queries.value > 0)
        let stats = try daemon.ask(#"{"op":"stats"}"#).result
        #expect(stats["modalities"] as? Int == 24)
    }

    @Test func lifecycleStaleSocketSecondStartAndCleanExit() throws {
        let first = try DaemonProcess(database: Harness.corpusIndex)
        first.process.signal(SIGKILL)
        first.process.wait()
        #expect(FileManager.default.fileExists(atPath: first.socket), "kill -9 leaves a stale socket")

        // Restart on the stale socket of the killed daemon.
        let again = try Harness.launch(Harness.modsearchd, ["--db", Harness.corpusIndex, "--socket", first.socket],
                                       log: first.folder + "/restart.log")
        #expect(Harness.waitFor { (try? SocketClient(path: first.socket)) != nil })

        let refused = try Harness.run(Harness.modsearchd, ["--db", Harness.corpusIndex, "--socket", first.socket])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("already running (pid \(again.pid))"))

        again.signal(SIGTERM)
        #expect(again.exitCode == 0)
        #expect(!FileManager.default.fileExists(atPath: first.socket))
        #expect(!FileManager.default.fileExists(atPath: (first.socket as NSString).deletingLastPathComponent + "/modsearchd.pid"))
    }

    @Test func aPathThatIsNotASocketIsLeftAlone() throws {
        let folder = try Harness.temporaryFolder()
        try FileManager.default.createDirectory(atPath: folder + "/run", withIntermediateDirectories: true)
        try "precious".write(toFile: folder + "/run/modsearchd.sock", atomically: true, encoding: .utf8)
        let result = try Harness.run(Harness.modsearchd, ["--db", Harness.corpusIndex, "--socket", folder + "/run/modsearchd.sock"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("is not a socket"))
        #expect(try String(contentsOfFile: folder + "/run/modsearchd.sock", encoding: .utf8) == "precious")
    }

    @Test(arguments: [0o755, 0o700] as [mode_t])
    func anExistingSocketFolderKeepsItsPermissions(_ mode: mode_t) throws {
        let folder = try Harness.temporaryFolder()
        mkdir(folder + "/run", 0o700)
        chmod(folder + "/run", mode)
        let daemon = try DaemonProcess(database: Harness.corpusIndex, folder: folder)
        #expect(try daemon.ask(#"{"op":"ping"}"#).ok)
        var info = stat()
        #expect(stat(folder + "/run", &info) == 0 && info.st_mode & 0o7777 == mode,
                "a daemon never changes the permissions of a folder it did not create")
    }

    /// Others could create the socket, pid or log path first, sticky bit (as in `/tmp`) or not.
    @Test(arguments: [0o777, 0o1777, 0o775] as [mode_t])
    func aFolderOthersMayWriteToIsRefused(_ mode: mode_t) throws {
        let folder = try Harness.temporaryFolder()
        mkdir(folder + "/run", 0o700)
        chmod(folder + "/run", mode)
        let result = try Harness.run(Harness.modsearchd, ["--db", Harness.corpusIndex, "--socket", folder + "/run/modsearchd.sock"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("others may write to \(folder)/run"), "\(result.stderr)")
        var info = stat()
        #expect(stat(folder + "/run", &info) == 0 && info.st_mode & 0o7777 == mode, "left as it was")
        #expect(!FileManager.default.fileExists(atPath: folder + "/run/modsearchd.sock"))
    }

    @Test(.enabled(if: getuid() == 0 && Harness.which("setpriv") != nil, "needs root and setpriv"))
    func anotherUsersConnectionIsRefused() throws {
        let daemon = try DaemonProcess(database: Harness.corpusIndex)
        // Open the path to others for this test only, so that the uid check itself is what refuses.
        chmod(daemon.folder, 0o755)
        chmod((daemon.socket as NSString).deletingLastPathComponent, 0o755)
        chmod(daemon.socket, 0o777)
        // socat -t 10: after its input ends socat waits only 0.5 s for the answer by default, which
        // a loaded machine overran (an empty answer, the test failed in a full run).
        let result = try Harness.shell(
            #"printf '{"op":"ping"}\n' | setpriv --reuid=nobody --regid=nogroup --clear-groups socat -t 10 - UNIX-CONNECT:"$SOCK""#,
            environment: ["SOCK": daemon.socket])
        #expect(result.stdout.contains(#""code":"forbidden""#), "\(result.stdout) \(result.stderr)")
        #expect(!result.stdout.contains("pong"))
        #expect(try daemon.ask(#"{"op":"ping"}"#).ok, "the daemon goes on serving its own user")
    }

    @Test(.enabled(if: Harness.which("xapian-tcpsrv") != nil, "needs xapian-tcpsrv"))
    func twoRemoteShardsRankLikeOneDatabase() throws {
        let folder = try Harness.temporaryFolder()
        let files = try FileManager.default.contentsOfDirectory(atPath: Harness.corpus).filter { $0.hasSuffix(".txt") }.sorted()
        for (index, name) in files.enumerated() {
            let shard = folder + (index % 2 == 0 ? "/a" : "/b")
            try FileManager.default.createDirectory(atPath: shard, withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: Harness.corpus + "/" + name, toPath: shard + "/" + name)
        }
        try Harness.run(Harness.modsearch, ["index", "--db", folder + "/db-a", folder + "/a"])
        try Harness.run(Harness.modsearch, ["index", "--db", folder + "/db-b", folder + "/b"])
        let portA = 30_000 + Int(getpid() % 10_000), portB = portA + 1
        let serverA = try Harness.launch("/usr/bin/xapian-tcpsrv", ["--interface", "127.0.0.1", "--port", "\(portA)", folder + "/db-a"], log: folder + "/a.log")
        let serverB = try Harness.launch("/usr/bin/xapian-tcpsrv", ["--interface", "127.0.0.1", "--port", "\(portB)", folder + "/db-b"], log: folder + "/b.log")
        defer { serverA.signal(SIGKILL); serverB.signal(SIGKILL); serverA.wait(); serverB.wait() }
        // Xapian 1.4's stub syntax is `remote HOST:PORT` (`remote tcp host:port` does not parse).
        try "remote 127.0.0.1:\(portA)\nremote 127.0.0.1:\(portB)\n".write(toFile: folder + "/stub", atomically: true, encoding: .utf8)
        #expect(Harness.waitFor { (try? String(contentsOfFile: folder + "/a.log", encoding: .utf8))?.contains("Listening") == true
            && (try? String(contentsOfFile: folder + "/b.log", encoding: .utf8))?.contains("Listening") == true })

        let sharded = try DaemonProcess(database: folder + "/stub")
        let single = try DaemonProcess(database: Harness.corpusIndex)
        // Every passage of each answer, so that the tie-breaking by document id (which sharding
        // changes) cannot pick different passages at the cut.
        for query in ["self-criticism", "\"emotion regulation\"", "trauma body", "polyvagal OR vagal"] {
            let request = #"{"op":"search","query":\#(Self.json(query)),"limit":1000}"#
            let fromShards = try sharded.ask(request)
            let fromOne = try single.ask(request)
            #expect(fromShards.ok, "\(fromShards)")
            #expect(!fromOne.hitIDs.isEmpty && fromShards.scoredIDs == fromOne.scoredIDs, "\(query)")
        }
    }

    @Test(.enabled(if: Harness.which("systemd-socket-activate") != nil, "needs systemd-socket-activate"))
    func servesTheSocketSystemdPasses() throws {
        let folder = try Harness.temporaryFolder()
        let socket = folder + "/activated.sock"
        let activator = try Harness.launch("/usr/bin/systemd-socket-activate",
                                           ["-l", socket, Harness.modsearchd, "--db", Harness.corpusIndex],
                                           log: folder + "/activate.log")
        defer { activator.signal(SIGTERM); activator.wait() }
        #expect(Harness.waitFor { FileManager.default.fileExists(atPath: socket) })
        let client = try SocketClient(path: socket)
        try client.send(#"{"id":1,"op":"search","query":"trauma","limit":3}"# + "\n")
        let answer = try client.readObject()
        #expect(answer.ok && answer.hitIDs.count == 3)
        #expect(Harness.waitFor { (try? String(contentsOfFile: folder + "/activate.log", encoding: .utf8))?.contains("fd 3 (systemd)") == true })
    }

    static func json(_ string: String) -> String {
        String(decoding: try! JSONSerialization.data(withJSONObject: string, options: .fragmentsAllowed), as: UTF8.self)
    }
}

final class LockedCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func add() { lock.lock(); count += 1; lock.unlock() }
    var value: Int { lock.lock(); defer { lock.unlock() }; return count }
}
