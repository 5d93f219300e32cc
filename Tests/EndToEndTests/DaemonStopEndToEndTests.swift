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
        #expect(Harness.waitFor { Self.requests(daemon) >= 5 })
        let reader = try daemon.admittedClient()
        // The signal must come once the daemon has read the search (seconds from done): each
        // stats request counts itself, so the count runs one ahead of the asks once it has.
        let before = Self.requests(daemon)
        reader.offer(AbuseRequests.expensive + "\n")
        var asks = 0
        #expect(Harness.waitFor { asks += 1; return Self.requests(daemon) > before + asks },
                "the daemon read the search before the signal")
        daemon.process.signal(SIGTERM)
        // Read while the daemon stops: an answer of 1,000 hits is larger than the socket holds,
        // and a client that does not take it is closed a second after it is ready.
        let answer = try reader.line(within: 5) ?? "closed without an answer"
        #expect(answer.contains(#""ok":true"#) || answer.contains(#""code":"timeout""#), "\(answer.prefix(200))")
        let stopped = Harness.waitFor(seconds: 5) { !daemon.process.isRunning }
        #expect(stopped, "exited within 5 s of SIGTERM: \(daemon.log)")
        if !stopped { daemon.process.signal(SIGKILL) }
        #expect(daemon.process.exitCode == 0)
        withExtendedLifetime(greedy) {}
    }

    /// The requests the daemon has read, this stats request among them.
    static func requests(_ daemon: DaemonProcess) -> Int {
        (try? daemon.ask(#"{"op":"stats"}"#).result["requests"] as? Int) ?? 0
    }
}
