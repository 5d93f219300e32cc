import Foundation
import Testing

/// SIGTERM: the daemon answers what it was asked and exits, whatever its clients do (issue #16).
@Suite struct DaemonStopEndToEndTests {
    static let large = #"{"op":"search","query":"therapy","limit":1000}"#

    /// A client that never reads leaves its answers unwritten: waiting for it to take them would
    /// keep the daemon running for as long as the client likes (found by the fault suite). A
    /// client that reads still gets the answer to what it asked before the signal: a search that
    /// takes seconds, stopped at its deadline.
    @Test func aClientThatNeverReadsCannotHoldTheDaemonsExit() throws {
        let daemon = try DaemonProcess(database: Harness.corpusIndex, arguments: ["--request-timeout", "2000"])
        let greedy = try daemon.admittedClient()
        for _ in 0..<8 { greedy.offer(Self.large + "\n") }
        // Pings, the searches read (more than one answer of 1,000 hits fills the socket), and this.
        #expect(Harness.waitFor { (try? daemon.ask(#"{"op":"stats"}"#).result["requests"] as? Int ?? 0) ?? 0 >= 5 })
        let reader = try daemon.admittedClient()
        reader.offer(AbuseRequests.expensive + "\n")
        usleep(300_000)  // read at once by an idle daemon, and seconds from done
        daemon.process.signal(SIGTERM)
        let stopped = Harness.waitFor(seconds: 5) { !daemon.process.isRunning }
        #expect(stopped, "exited within 5 s of SIGTERM: \(daemon.log)")
        if !stopped { daemon.process.signal(SIGKILL) }
        #expect(daemon.process.exitCode == 0)
        withExtendedLifetime(greedy) {}
        let answer = try reader.line(within: 5) ?? "closed without an answer"
        #expect(answer.contains(#""ok":true"#) || answer.contains(#""code":"timeout""#), "\(answer.prefix(200))")
    }
}
