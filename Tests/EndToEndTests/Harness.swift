import Foundation
import ModSearchProtocol
import Testing

/// Paths and processes for tests that run the real binaries.
enum Harness {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let corpus = packageRoot.appendingPathComponent("Corpus").path
    static let seedFolder = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/seed").path

    /// The folder holding the built `modsearch` and `modsearchd` (beside the test bundle).
    static let binaries: URL = {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        if FileManager.default.fileExists(atPath: beside.appendingPathComponent("modsearchd").path) { return beside }
        return packageRoot.appendingPathComponent(".build/debug")
    }()

    static var modsearch: String { binaries.appendingPathComponent("modsearch").path }
    static var modsearchd: String { binaries.appendingPathComponent("modsearchd").path }
    static var bench: String { binaries.appendingPathComponent("modsearch-bench").path }

    static func which(_ tool: String) -> String? {
        for folder in ["/usr/bin", "/usr/local/bin", "/bin"] where FileManager.default.isExecutableFile(atPath: "\(folder)/\(tool)") {
            return "\(folder)/\(tool)"
        }
        return nil
    }

    /// A fresh temporary folder (short path: Unix socket paths are limited to 107 bytes).
    static func temporaryFolder() throws -> String {
        let path = "/tmp/mse2e-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
        var lines: [String] { stdout.split(separator: "\n", omittingEmptySubsequences: true).map(String.init) }
    }

    /// Runs a program to completion; `shell` runs a `bash -c` line instead.
    @discardableResult
    static func run(_ executable: String, _ arguments: [String], environment: [String: String] = [:],
                    stdin: String? = nil) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let input = Pipe()
        process.standardInput = stdin == nil ? FileHandle.nullDevice : input
        try process.run()
        if let stdin {
            input.fileHandleForWriting.write(Data(stdin.utf8))
            try input.fileHandleForWriting.close()
        }
        let errData = LockedData()
        let errReader = Thread { errData.set(err.fileHandleForReading.readDataToEndOfFile()) }
        errReader.start()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while !errData.isSet { usleep(1000) }
        return Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData.value, as: UTF8.self))
    }

    static func shell(_ line: String, environment: [String: String] = [:]) throws -> Result {
        try run("/bin/bash", ["-c", line], environment: environment)
    }

    /// Starts a long-running process (its output goes to `log`).
    static func launch(_ executable: String, _ arguments: [String], log: String,
                       environment: [String: String] = [:]) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Polls `condition` every 20 ms for up to `seconds`.
    static func waitFor(seconds: Double = 10, _ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition() { return true }
            usleep(20_000)
        }
        return condition()
    }

    /// An index of the whole `Corpus/`, built once per test process and shared read-only.
    static let corpusIndex: String = {
        let folder = try! temporaryFolder()
        let database = folder + "/db"
        let result = try! run(modsearch, ["index", "--db", database, corpus])
        precondition(result.status == 0, "indexing Corpus/ failed: \(result.stderr)")
        return database
    }()
}

final class LockedData: @unchecked Sendable {
    private let lock = NSLock()
    private var data: Data?
    func set(_ value: Data) { lock.lock(); data = value; lock.unlock() }
    var isSet: Bool { lock.lock(); defer { lock.unlock() }; return data != nil }
    var value: Data { lock.lock(); defer { lock.unlock() }; return data ?? Data() }
}
