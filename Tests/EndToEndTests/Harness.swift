import Foundation
import ModSearchProtocol
import Synchronization
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
    static var modsearchFull: String { binaries.appendingPathComponent("modsearch-full").path }
    static var modsearchd: String { binaries.appendingPathComponent("modsearchd").path }
    static var bench: String { binaries.appendingPathComponent("modsearch-bench").path }

    static func which(_ tool: String) -> String? {
        for folder in ["/usr/bin", "/usr/local/bin", "/bin"] where FileManager.default.isExecutableFile(atPath: "\(folder)/\(tool)") {
            return "\(folder)/\(tool)"
        }
        return nil
    }

    /// A fresh temporary folder (short path: Unix socket paths are limited to 107 bytes), removed
    /// when the test that made it ends (`.removingTemporaryFolders`), else when the process exits.
    static func temporaryFolder() throws -> String {
        let path = "/tmp/mse2e-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        (TemporaryFolders.current ?? TemporaryFolders.process).add(path)
        return path
    }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
        var lines: [String] { stdout.split(separator: "\n", omittingEmptySubsequences: true).map(String.init) }
    }

    /// Runs a program to completion, collecting its output.
    @discardableResult
    static func run(_ executable: String, _ arguments: [String], environment: [String: String] = [:],
                    stdin: String? = nil) throws -> Result {
        var outPipe: [Int32] = [0, 0], errPipe: [Int32] = [0, 0], inPipe: [Int32] = [0, 0]
        // Close-on-exec, so that grandchildren (a daemon the client starts) cannot hold our pipes open.
        for index in 0..<(stdin == nil ? 2 : 3) {
            var ends: [Int32] = [0, 0]
            pipe(&ends)
            for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
            switch index {
            case 0: outPipe = ends
            case 1: errPipe = ends
            default: inPipe = ends
            }
        }
        let child = try ChildProcess(executable, arguments, environment: environment,
                                     stdin: stdin == nil ? nil : inPipe[0], stdout: outPipe[1], stderr: errPipe[1])
        close(outPipe[1])
        close(errPipe[1])
        if let stdin {
            close(inPipe[0])
            _ = Array(stdin.utf8).withUnsafeBytes { write(inPipe[1], $0.baseAddress, $0.count) }
            close(inPipe[1])
        }
        let (out, err) = drain(outPipe[0], errPipe[0])
        let code = child.exitCode
        return Result(status: code, stdout: String(decoding: out, as: UTF8.self), stderr: String(decoding: err, as: UTF8.self))
    }

    /// Reads two descriptors to their ends, whichever has data first.
    private static func drain(_ first: Int32, _ second: Int32) -> ([UInt8], [UInt8]) {
        var outputs: [[UInt8]] = [[], []]
        var open = [first, second]
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while open.contains(where: { $0 >= 0 }) {
            var fds = open.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            guard poll(&fds, 2, -1) >= 0 || errno == EINTR else { break }
            for index in 0..<2 where open[index] >= 0 && fds[index].revents != 0 {
                let count = buffer.withUnsafeMutableBytes { read(open[index], $0.baseAddress, $0.count) }
                if count > 0 {
                    outputs[index] += buffer[0..<count]
                } else if count == 0 || errno != EINTR {
                    close(open[index])
                    open[index] = -1
                }
            }
        }
        return (outputs[0], outputs[1])
    }

    static func shell(_ line: String, environment: [String: String] = [:]) throws -> Result {
        try run("/bin/bash", ["-c", line], environment: environment)
    }

    /// Starts a long-running process whose output goes to `log`.
    static func launch(_ executable: String, _ arguments: [String], log: String,
                       environment: [String: String] = [:]) throws -> ChildProcess {
        let fd = open(log, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        defer { close(fd) }
        return try ChildProcess(executable, arguments, environment: environment, stdout: fd, stderr: fd)
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

    /// Whether a process holds Xapian's write lock on `database`: a lock on its `flintlock` file,
    /// as `/proc/locks` lists them (without taking it, which could make a starting writer fail).
    static func writeLockHeld(on database: String) -> Bool {
        var info = stat()
        guard stat(database + "/flintlock", &info) == 0,
              let locks = try? String(contentsOfFile: "/proc/locks", encoding: .utf8) else { return false }
        // "2: OFDLCK ADVISORY  WRITE -1 fe:00:16246044 0 0": the file is `major:minor:inode`.
        return locks.split(separator: "\n").contains { line in
            let fields = line.split(separator: " ")
            return fields.contains("WRITE")
                && fields.contains { $0.split(separator: ":").count == 3 && $0.hasSuffix(":\(info.st_ino)") }
        }
    }

    static func fileSize(_ path: String) -> Int {
        var info = stat()
        return stat(path, &info) == 0 ? Int(info.st_size) : 0
    }

    /// An index of the whole `Corpus/`, built once per test process and shared read-only.
    static let corpusIndex: String = {
        // The process's folder, not the test's that happens to ask first.
        let folder = TemporaryFolders.$current.withValue(nil) { try! temporaryFolder() }
        let database = folder + "/db"
        let result = try! run(modsearch, ["index", "--db", database, corpus])
        precondition(result.status == 0, "indexing Corpus/ failed: \(result.stderr)")
        return database
    }()
}

/// Temporary folders removed together: those one test made, or those of the whole process.
final class TemporaryFolders: Sendable {
    /// The folders of the running test, set by `.removingTemporaryFolders`.
    @TaskLocal static var current: TemporaryFolders?

    /// Folders made outside any test's scope (the shared corpus index), removed at exit.
    static let process: TemporaryFolders = {
        atexit { TemporaryFolders.process.removeAll() }
        return TemporaryFolders()
    }()

    private let paths = Mutex<[String]>([])

    func add(_ path: String) {
        paths.withLock { $0.append(path) }
    }

    /// Stops the daemons still serving a socket in the folders (a test that failed before stopping
    /// the daemon its client started), then removes the folders.
    func removeAll() {
        for folder in paths.withLock({ paths in defer { paths = [] }; return paths }) {
            Self.stopDaemons(in: folder)
            try? FileManager.default.removeItem(atPath: folder)
        }
    }

    /// A daemon leaves its pid file beside its socket. A killed daemon's stale file may name a pid
    /// since reused, so only a process whose command line names the folder is stopped.
    private static func stopDaemons(in folder: String) {
        guard let walker = FileManager.default.enumerator(atPath: folder) else { return }
        for case let relative as String in walker where relative.hasSuffix("modsearchd.pid") {
            guard let text = try? String(contentsOfFile: folder + "/" + relative, encoding: .utf8),
                  let pid = pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)),
                  let command = try? String(contentsOfFile: "/proc/\(pid)/cmdline", encoding: .utf8),
                  command.contains(folder + "/") else { continue }
            kill(pid, SIGTERM)
            _ = Harness.waitFor { kill(pid, 0) != 0 }
        }
    }
}

/// Removes the temporary folders of each test when it ends, passed or failed.
struct RemovingTemporaryFolders: SuiteTrait, TestTrait, TestScoping {
    var isRecursive: Bool { true }

    func provideScope(for test: Test, testCase: Test.Case?,
                      performing function: @Sendable () async throws -> Void) async throws {
        let folders = TemporaryFolders()
        defer { folders.removeAll() }
        try await TemporaryFolders.$current.withValue(folders) { try await function() }
    }
}

extension Trait where Self == RemovingTemporaryFolders {
    static var removingTemporaryFolders: Self { Self() }
}
