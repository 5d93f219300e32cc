import Foundation
import Testing

/// Hostile load against the real daemon (issue #16): nothing hangs, nothing leaks, nothing lies.
/// Each test lasts a few seconds at most.
@Suite(.serialized) struct DaemonAbuseTests {
    static let ping = #"{"op":"ping"}"#

    @Test func theConnectionOverTheCapIsAnsweredAndClosed() throws {
        let daemon = try DaemonProcess(database: Harness.corpusIndex, arguments: ["--max-connections", "5"])
        let probe = ProcessProbe(pid: daemon.process.pid)
        let admitted = try (0..<5).map { _ in try daemon.admittedClient() }
        let withFive = probe.descriptors()
        for _ in 0..<5 {
            let extra = try RawClient(path: daemon.socket)
            extra.offer(Self.ping + "\n")
            let answer = try extra.line(within: 2) ?? "closed without an answer"
            #expect(answer.contains(#""code":"unavailable""#) && answer.contains("too many connections"), "\(answer)")
            #expect(try extra.line(within: 3) == nil, "then closed")
        }
        #expect(Harness.waitFor(seconds: 3) { probe.descriptors() <= withFive },
                "refused connections leave no descriptor behind")
        admitted[0].close()
        #expect(Harness.waitFor(seconds: 3) { (try? RawClient(path: daemon.socket).ask(Self.ping, within: 1))?.ok == true },
                "a closed connection frees its place")
    }

    /// Another user's connections are refused before they count: they cannot fill the cap.
    @Test(.enabled(if: getuid() == 0 && Harness.which("setpriv") != nil && Harness.which("socat") != nil,
                   "needs root, setpriv and socat"))
    func otherUsersConnectionsDoNotCountTowardTheCap() throws {
        let daemon = try DaemonProcess(database: Harness.corpusIndex, arguments: ["--max-connections", "2"])
        chmod(daemon.folder, 0o755)
        chmod((daemon.socket as NSString).deletingLastPathComponent, 0o755)
        chmod(daemon.socket, 0o777)
        // Each holds its connection open for five seconds, and three more after: long enough for
        // a daemon slow to accept on a loaded machine to refuse it while it is still there.
        let others = try (0..<2).map { number in
            try Harness.launch("/bin/bash", ["-c", #"sleep 5 | setpriv --reuid=nobody --regid=nogroup --clear-groups socat -t 3 - UNIX-CONNECT:"$0""#,
                                             daemon.socket], log: daemon.folder + "/other-\(number).log")
        }
        defer { for other in others { other.wait() } }
        let log = { (number: Int) in
            (try? String(contentsOfFile: daemon.folder + "/other-\(number).log", encoding: .utf8)) ?? ""
        }
        // Generous: two shells, setpriv and socat start first, slowly on a loaded machine (10 s
        // was once too short while the whole suite ran on two cores).
        #expect(Harness.waitFor(seconds: 30) { log(0).contains("forbidden") && log(1).contains("forbidden") },
                "what the other user's clients got: \(log(0)) | \(log(1)); the daemon: \(daemon.log)")
        let ours = try (0..<2).map { _ in try daemon.admittedClient() }
        withExtendedLifetime(ours) {}
    }

    @Test func acceptPausesWhenDescriptorsRunOut() throws {
        let daemon = try DaemonProcess(database: Harness.corpusIndex,
                                       launcher: ["/bin/bash", "-c", #"ulimit -n 64 && exec "$0" "$@""#])
        let probe = ProcessProbe(pid: daemon.process.pid)
        var clients = try (0..<100).map { _ in try RawClient(path: daemon.socket) }
        for client in clients { client.offer(Self.ping + "\n") }
        usleep(300_000)
        let before = probe.cpuSeconds
        usleep(1_000_000)
        let spent = probe.cpuSeconds - before
        #expect(spent < 0.3, "out of descriptors, the daemon waits instead of spinning on accept (\(spent) s of CPU in 1 s)")
        // One line per episode, not one per attempt; a connection that closes meanwhile (the one
        // that saw the daemon start) may end an episode and so start a second one.
        let episodes = daemon.log.components(separatedBy: "cannot accept connections").count - 1
        #expect((1...2).contains(episodes), "\(episodes) episodes logged: \(daemon.log)")
        clients.removeAll()
        let fresh = try RawClient(path: daemon.socket)
        #expect(try fresh.ask(Self.ping, within: 3).ok)
        #expect(Harness.waitFor(seconds: 2) { daemon.log.contains("accepting connections again") })
    }

    /// 100 searches a second at `limit: 1000`, none of the answers read.
    @Test func aClientThatNeverReadsCannotGrowTheDaemon() throws {
        let daemon = try DaemonProcess(database: Harness.corpusIndex, arguments: ["--workers", "2"])
        let probe = ProcessProbe(pid: daemon.process.pid)
        let search = #"{"op":"search","query":"therapy","limit":1000}"#
        for _ in 0..<3 { #expect(try daemon.ask(search).ok) }
        let start = probe.residentMB
        let greedy = try RawClient(path: daemon.socket)
        var offered = 0
        let until = Date().addingTimeInterval(3)
        while Date() < until {
            if greedy.offer(search + "\n") > 0 { offered += 1 }
            usleep(10_000)
        }
        let grown = probe.residentMB - start
        let requests = try daemon.ask(#"{"op":"stats"}"#).result["requests"] as? Int ?? .max
        #expect(requests < 3 + 1 + 20, "requests are read only as their answers are taken: \(requests) read, \(offered) sent")
        #expect(grown < 40, "the daemon grew by \(grown) MB")
        greedy.close()
        #expect(Harness.waitFor(seconds: 3) { probe.residentMB - start < 20 },
                "memory returns once the client is gone (\(probe.residentMB - start) MB above the start)")
    }

    /// One byte every 200 ms would keep a connection from ever being idle.
    @Test func aSlowSenderIsClosedAtTheLineDeadline() throws {
        let daemon = try DaemonProcess(database: Harness.corpusIndex,
                                       arguments: ["--line-timeout", "1000", "--max-connections", "2"])
        let slow = try (0..<2).map { _ in try daemon.admittedClient() }
        let request = Array(Self.ping.utf8)  // never finished: no newline
        var outcomes: [(answer: String, seconds: Double)?] = [nil, nil]
        let started = Date()
        var sent = 0
        while outcomes.contains(where: { $0 == nil }), Date().timeIntervalSince(started) < 4 {
            for (index, client) in slow.enumerated() where outcomes[index] == nil {
                client.offer(String(UnicodeScalar(request[sent % request.count])))
                do {
                    let line = try client.line(within: 0.1) ?? "closed without an answer"
                    outcomes[index] = (line, Date().timeIntervalSince(started))
                } catch {
                    continue  // nothing yet: another byte
                }
            }
            sent += 1
        }
        for (client, outcome) in zip(slow, outcomes) {
            #expect(outcome?.answer.contains(#""code":"timeout""#) == true, "\(String(describing: outcome))")
            #expect((outcome?.seconds ?? .infinity) < 2.5)
            #expect(try client.line(within: 1) == nil, "then closed")
        }
        #expect(try RawClient(path: daemon.socket).ask(Self.ping, within: 2).ok, "their places are free again")
    }

    /// Two workers, two searches that take seconds, a deadline of 500 ms.
    @Test func aSearchPastItsDeadlineStopsAndFreesItsThread() throws {
        let daemon = try DaemonProcess(database: Harness.corpusIndex, arguments: ["--workers", "2", "--request-timeout", "500"])
        let probe = ProcessProbe(pid: daemon.process.pid)
        #expect(try daemon.ask(AbuseRequests.cheap).ok)
        let costly = try (0..<2).map { _ in try RawClient(path: daemon.socket) }
        for client in costly { client.offer(AbuseRequests.expensive + "\n") }
        for client in costly {
            let answer = try client.line(within: 3) ?? ""
            #expect(answer.contains(#""code":"timeout""#), "\(answer.prefix(200))")
        }
        usleep(100_000)
        let before = probe.cpuSeconds
        usleep(1_000_000)
        let spent = probe.cpuSeconds - before
        #expect(spent < 0.3, "the searches stopped at their deadline: \(spent) s of CPU in the second after")
        let started = Date()
        #expect(try daemon.ask(AbuseRequests.cheap).ok)
        #expect(Date().timeIntervalSince(started) < 0.5)
    }

    /// Once a quick search starts, the threads of searches running long run at a lowered
    /// priority. Without the privilege to raise it again (`CAP_SYS_NICE`), such a thread leaves
    /// when its search ends and a fresh one takes its place.
    @Test(.enabled(if: getuid() == 0 && Harness.which("setpriv") != nil, "needs root and setpriv"))
    func threadsOfLongSearchesYieldAndAreReplaced() throws {
        let daemon = try DaemonProcess(
            database: Harness.corpusIndex, arguments: ["--workers", "1", "--spare-workers", "2", "--request-timeout", "1000"],
            launcher: [Harness.which("setpriv")!, "--inh-caps=-sys_nice", "--bounding-set=-sys_nice"])
        let probe = ProcessProbe(pid: daemon.process.pid)
        let quick = try daemon.admittedClient()
        #expect(try quick.ask(AbuseRequests.cheap).ok)
        let threads = probe.threadNiceValues.count
        let costly = try (0..<2).map { _ in try RawClient(path: daemon.socket) }
        for client in costly { client.offer(AbuseRequests.expensive + "\n") }
        var lowered = 0
        for _ in 0..<10 {
            usleep(30_000)
            #expect(try quick.ask(AbuseRequests.cheap).ok)
            lowered = max(lowered, probe.threadNiceValues.filter { $0 > 0 }.count)
        }
        #expect(lowered == 2, "the two long searches run at a lowered priority")
        for client in costly { #expect(try client.line(within: 3)?.contains(#""code":"timeout""#) == true) }
        #expect(Harness.waitFor(seconds: 2) {
            probe.threadNiceValues.count == threads && !probe.threadNiceValues.contains { $0 > 0 }
        }, "replaced by threads at the normal priority: \(probe.threadNiceValues)")
        for _ in 0..<5 { #expect(try quick.ask(AbuseRequests.cheap).ok) }
    }

    /// In a folder others may write to, their link named like our log must not make us write
    /// through it; the reason goes to standard error.
    @Test func aRefusedFolderGetsNoLogThroughALink() throws {
        let folder = try Harness.temporaryFolder()
        let run = folder + "/run"
        mkdir(run, 0o700)
        chmod(run, 0o777)
        try "precious\n".write(toFile: folder + "/precious", atomically: true, encoding: .utf8)
        for target in [folder + "/precious", folder + "/created"] {
            unlink(run + "/modsearchd.log")
            symlink(target, run + "/modsearchd.log")
            let result = try Self.runBriefly(["--socket", run + "/modsearchd.sock", "--log-file", run + "/modsearchd.log"],
                                             folder: folder)
            #expect(result.status != nil && result.status != 0)
            #expect(result.output.contains("others may write to \(run)"), "\(result.output)")
        }
        #expect(try String(contentsOfFile: folder + "/precious", encoding: .utf8) == "precious\n")
        #expect(!FileManager.default.fileExists(atPath: folder + "/created"))
    }

    @Test func logAndPidFilesAreNeverWrittenThroughLinks() throws {
        let folder = try Harness.temporaryFolder()
        let run = folder + "/run"
        mkdir(run, 0o700)
        try "precious\n".write(toFile: folder + "/precious", atomically: true, encoding: .utf8)
        symlink(folder + "/precious", run + "/modsearchd.log")
        let refused = try Self.runBriefly(["--socket", run + "/modsearchd.sock", "--log-file", run + "/modsearchd.log"],
                                          folder: folder)
        #expect(refused.status != nil && refused.status != 0)
        #expect(refused.output.contains("cannot open log file \(run)/modsearchd.log"), "\(refused.output)")

        unlink(run + "/modsearchd.log")
        symlink(folder + "/precious", run + "/modsearchd.pid")  // a stale pid file that is a link
        let daemon = try DaemonProcess(database: Harness.corpusIndex, arguments: ["--log-file", run + "/modsearchd.log"],
                                       folder: folder)
        var info = stat()
        #expect(lstat(run + "/modsearchd.pid", &info) == 0 && info.st_mode & S_IFMT == S_IFREG)
        #expect(try String(contentsOfFile: run + "/modsearchd.pid", encoding: .utf8) == "\(daemon.process.pid)\n")
        daemon.stop()
        #expect(!FileManager.default.fileExists(atPath: run + "/modsearchd.pid"))
        #expect(try String(contentsOfFile: folder + "/precious", encoding: .utf8) == "precious\n")
    }

    /// `/dev/null` keeps no log, as for any program; another device is still refused.
    @Test func theNullDeviceIsALogAndNoOtherDeviceIs() throws {
        let folder = try Harness.temporaryFolder()
        let daemon = try DaemonProcess(database: Harness.corpusIndex, arguments: ["--log-file", "/dev/null"], folder: folder)
        #expect(try daemon.ask(AbuseRequests.cheap).ok)
        daemon.stop()
        let refused = try Self.runBriefly(["--socket", folder + "/other.sock", "--log-file", "/dev/zero"], folder: folder)
        #expect(refused.status == 1)
        #expect(refused.output.contains("log file /dev/zero is not a regular file of yours"), "\(refused.output)")
    }

    /// Runs the daemon on the Corpus index for at most three seconds; nil status if it was still running.
    static func runBriefly(_ arguments: [String], folder: String) throws -> (status: Int32?, output: String) {
        let log = folder + "/brief-\(UUID().uuidString.prefix(8)).log"
        let process = try Harness.launch(Harness.modsearchd, ["--db", Harness.corpusIndex] + arguments, log: log)
        let exited = Harness.waitFor(seconds: 3) { !process.isRunning }
        if !exited { process.signal(SIGKILL) }
        let status = process.exitCode
        return (exited ? status : nil, (try? String(contentsOfFile: log, encoding: .utf8)) ?? "")
    }

    @Test func everyWorkerAnswersAlikeOnceTheIndexIsDeleted() throws {
        let folder = try Harness.temporaryFolder()
        let database = folder + "/db"
        try FileManager.default.copyItem(atPath: Harness.corpusIndex, toPath: database)
        let daemon = try DaemonProcess(database: database, arguments: ["--workers", "2"])
        // Several at once, so that every worker has the index open.
        #expect(try Self.answers(daemon, clients: 4, each: 6).allSatisfy(\.ok))
        try FileManager.default.removeItem(atPath: database)
        let answers = try Self.answers(daemon, clients: 4, each: 5)
        #expect(answers.allSatisfy { $0.errorCode == "unavailable" }, "\(answers.map { $0.errorCode ?? "ok" })")
        let messages = Set(answers.map { ($0["error"] as? [String: Any])?["message"] as? String ?? "" })
        #expect(messages.count == 1 && messages.first?.hasPrefix("no index at \(database)") == true, "\(messages)")

        #expect(try Harness.run(Harness.modsearch, ["index", "--db", database, Harness.corpus]).status == 0)
        #expect(Harness.waitFor(seconds: 3) { (try? daemon.ask(AbuseRequests.cheap))?.ok == true }, "served again once it is back")
    }

    /// `clients` connections at once, each asking the cheap search `each` times in turn.
    static func answers(_ daemon: DaemonProcess, clients: Int, each: Int) throws -> [[String: Any]] {
        let collected = LockedAnswers()
        let socket = daemon.socket
        DispatchQueue.concurrentPerform(iterations: clients) { _ in
            guard let client = try? RawClient(path: socket) else { return }
            for _ in 0..<each {
                collected.add((try? client.ask(AbuseRequests.cheap)) ?? ["error": ["code": "no answer"]])
            }
        }
        let answers = collected.all
        guard answers.count == clients * each else { throw Failure("only \(answers.count) answers") }
        return answers
    }

    /// With two workers: a thousand connections at once (most over the cap) and four searches
    /// that take seconds, while one client keeps asking a quick search. A 3 s deadline stops the
    /// costly searches early, which keeps the test short. The machine is shared with other tests
    /// (and builds): a round whose p99 misses is run once more, and every round must keep memory
    /// and descriptors bounded.
    @Test func aFloodLeavesQuickSearchesQuick() throws {
        allowDescriptors(4096)
        let daemon = try DaemonProcess(database: Harness.corpusIndex, arguments: ["--workers", "2", "--request-timeout", "3000"])
        let probe = ProcessProbe(pid: daemon.process.pid)
        let quick = try RawClient(path: daemon.socket)
        for _ in 0..<5 { _ = try quick.ask(AbuseRequests.cheap) }
        let startDescriptors = probe.descriptors(excluding: Harness.corpusIndex)
        var rounds: [FloodRound] = []
        repeat {
            let round = try Self.flood(daemon, probe: probe, quick: quick)
            print("flood round \(rounds.count + 1): \(round)")
            rounds.append(round)
            #expect(round.failures == 0)
            #expect(round.peakMB < 200, "peak RSS \(round.peakMB) MB")
            #expect(round.costlyAnswered, "every costly search is answered (or timed out)")
            #expect(Harness.waitFor(seconds: 5) { probe.descriptors(excluding: Harness.corpusIndex) <= startDescriptors },
                    "descriptors back to \(startDescriptors): \(probe.descriptors(excluding: Harness.corpusIndex))")
        } while rounds.count < 2 && rounds.last!.p99 >= 50
        #expect(rounds.last!.p99 < 50, "p99 of the quick search: \(rounds.map(\.p99)) ms")
    }

    struct FloodRound: CustomStringConvertible {
        var latencies: [Double]
        var failures: Int
        var peakMB: Double
        var costlyAnswered: Bool

        var p99: Double { latencies[Int(Double(latencies.count) * 0.99)] * 1000 }
        var description: String {
            "\(latencies.count) quick searches, p50 \(latencies[latencies.count / 2] * 1000) ms, p99 \(p99) ms, "
                + "max \(latencies.last! * 1000) ms; peak RSS \(peakMB) MB"
        }
    }

    /// A thousand connections (each sends a ping and never reads) and four costly searches, while
    /// `quick` asks the cheap search for 2.5 s; then every one of them closes.
    static func flood(_ daemon: DaemonProcess, probe: ProcessProbe, quick: RawClient) throws -> FloodRound {
        let costly = try (0..<4).map { _ in try RawClient(path: daemon.socket) }
        let flood = try (0..<1000).map { _ in try RawClient(path: daemon.socket) }
        for client in flood { client.offer(ping + "\n") }
        for client in costly { client.offer(AbuseRequests.expensive + "\n") }
        var round = FloodRound(latencies: [], failures: 0, peakMB: probe.residentMB, costlyAnswered: false)
        let until = Date().addingTimeInterval(2.5)
        while Date() < until {
            let started = Date()
            if try quick.ask(AbuseRequests.cheap).ok != true { round.failures += 1 }
            round.latencies.append(Date().timeIntervalSince(started))
            if round.latencies.count % 20 == 0 { round.peakMB = max(round.peakMB, probe.residentMB) }
        }
        round.costlyAnswered = costly.allSatisfy { (try? $0.line(within: 5)) != nil }
        round.peakMB = max(round.peakMB, probe.residentMB)
        for client in flood + costly { client.close() }
        round.latencies.sort()
        return round
    }
}

final class LockedAnswers: @unchecked Sendable {
    private let lock = NSLock()
    private var answers: [[String: Any]] = []
    func add(_ answer: [String: Any]) { lock.lock(); answers.append(answer); lock.unlock() }
    var all: [[String: Any]] { lock.lock(); defer { lock.unlock() }; return answers }
}
