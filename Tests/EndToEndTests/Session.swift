import Foundation

/// A private place to run `modsearch` as a user would: its own socket folder (so the client
/// starts its own daemon) and, unless told otherwise, the shared index of `Corpus/`. The daemon
/// is stopped when the session ends.
final class Session {
    let folder: String
    var environment: [String: String]

    init(database: String = Harness.corpusIndex) throws {
        folder = try Harness.temporaryFolder()
        environment = ["MODSEARCH_SOCKET": folder + "/run/modsearchd.sock", "MODSEARCH_DB": database, "NO_COLOR": "",
                       "COLUMNS": "100"]
    }

    deinit {
        _ = try? Harness.run(Harness.modsearch, ["daemon", "stop"], environment: environment)
    }

    @discardableResult
    func modsearch(_ arguments: [String], stdin: String? = nil) throws -> Harness.Result {
        try Harness.run(Harness.modsearch, arguments, environment: environment, stdin: stdin)
    }

    /// A bash command line run in the session's folder, with the built programs first on PATH.
    @discardableResult
    func shell(_ line: String) throws -> Harness.Result {
        try Harness.shell("cd \(folder) && PATH=\(Harness.binaries.path):$PATH; set -o pipefail; " + line,
                          environment: environment)
    }

    /// A file of the session's folder, written.
    func write(_ name: String, _ text: String) throws {
        let path = folder + "/" + name
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }
}
