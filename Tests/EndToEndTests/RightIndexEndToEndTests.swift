import Foundation
import Testing

/// Every request names its index, so a daemon never answers from another one (issue #15, "the right index").
@Suite(.removingTemporaryFolders) struct RightIndexEndToEndTests {
    /// An index of three documents of `Corpus/`, beside the session.
    static func smallIndex(in session: Session) throws -> String {
        let documents = session.folder + "/three"
        try FileManager.default.createDirectory(atPath: documents, withIntermediateDirectories: true)
        for name in ["mod032-compassion-focused-therapy.txt", "mod001-acceptance-and-commitment-therapy.txt",
                     "mod203-schema-therapy.txt"] {
            try FileManager.default.copyItem(atPath: Harness.corpus + "/" + name, toPath: documents + "/" + name)
        }
        let database = session.folder + "/small-index"
        let result = try session.modsearch(["index", "--db", database, documents])
        guard result.status == 0 else { throw Failure("indexing three documents: \(result.stderr)") }
        return database
    }

    @Test func aDaemonStartedForOneIndexAnswersForTheOneEachRequestNames() throws {
        let session = try Session()
        let small = try Self.smallIndex(in: session)
        let large = Harness.corpusIndex
        let start = try session.modsearch(["--db", small, "daemon", "start"])
        #expect(start.status == 0, "\(start.stderr)")

        func count(_ database: String, _ extra: [String] = []) throws -> Int? {
            var session = session.environment
            session["MODSEARCH_DB"] = database
            let result = try Harness.run(Harness.modsearch, extra + ["-c", "shame"], environment: session)
            return Int(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        let smallCount = try #require(try count(small, ["--no-daemon"]))
        let largeCount = try #require(try count(large, ["--no-daemon"]))
        #expect(smallCount != largeCount)
        #expect(try count(large) == largeCount, "the daemon started for the small index answers for the large one")
        #expect(try count(small) == smallCount)
        let stats = try session.modsearch(["--db", large, "--json", "stats"])
        #expect(stats.stdout.contains(#""database":"\#(large)""#), "\(stats.stdout)")

        let status = try session.modsearch(["daemon", "status"])
        #expect(status.status == 0)
        #expect(status.stdout.contains("serving \(small):") && status.stdout.contains("serving \(large):"), "\(status.stdout)")
    }

    /// A daemon that predates `db` answers from its own index; the client refuses its answers.
    @Test func anAnswerThatDoesNotSayItsIndexIsRefused() throws {
        try #require(Harness.which("socat") != nil, "socat is needed")
        let session = try Session()
        let socket = session.folder + "/old.sock"
        let answer = #"{"id":null,"ok":true,"result":{"total":{"estimate":42,"lower":42,"upper":42},"took_us":1,"hits":[]}}"#
        try session.write("old-daemon.sh", "while read -r line; do printf '%s\\n' '\(answer)'; done\n")
        let old = try Harness.launch("/usr/bin/socat", ["UNIX-LISTEN:\(socket),fork", "EXEC:bash \(session.folder)/old-daemon.sh"],
                                     log: session.folder + "/old.log")
        defer { old.signal(SIGTERM); old.wait() }
        #expect(Harness.waitFor { FileManager.default.fileExists(atPath: socket) })
        let result = try Harness.run(Harness.modsearch, ["--socket", socket, "-c", "shame"], environment: session.environment)
        #expect(result.status == 2 && result.stdout.isEmpty, "\(result.stdout)")
        #expect(result.stderr.contains("answers from another index") && result.stderr.split(separator: "\n").count == 1,
                "\(result.stderr)")
    }
}
