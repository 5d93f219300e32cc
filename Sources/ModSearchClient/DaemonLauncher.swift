#if canImport(Glibc)
import Glibc
#endif
import ModSearchProtocol

/// Starts `modsearchd` the way build servers and key agents do: the binary beside this one,
/// detached in its own session, logging beside its socket, exiting when idle.
public enum DaemonLauncher {
    static let idleExitSeconds = 900
    static let startTimeoutSeconds = 10
    /// modsearchd's exit status when another daemon holds its socket: the one this client
    /// started lost a race with another client's, which is then waited for.
    public static let alreadyRunningExitStatus: Int32 = 3
    /// glibc's `POSIX_SPAWN_SETSID` (a GNU extension Swift does not import).
    private static let spawnSetSID: Int16 = 0x80

    /// Marks every descriptor above stderr close-on-exec: a pipe this client inherited (from a
    /// script capturing its output) must not stay open for the daemon's whole life.
    private static func closeOnExec() {
        guard let folder = opendir("/proc/self/fd") else { return }
        defer { closedir(folder) }
        var descriptors: [Int32] = []
        while let entry = readdir(folder) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if let descriptor = Int32(name), descriptor > 2 { descriptors.append(descriptor) }
        }
        for descriptor in descriptors { _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC) }
    }

    /// Spawns the daemon and waits until its socket answers. Until the daemon has checked its
    /// socket's folder and opens its log there, its stderr is a pipe to this client: a daemon
    /// that cannot start says why in one line, which becomes the client's error.
    @discardableResult
    public static func start(socketPath: String, databasePath: String) throws(ProtocolError) -> Int32 {
        let executable = Sibling.path("modsearchd")
        guard access(executable, X_OK) == 0 else {
            throw ProtocolError(.unavailable, "cannot start the daemon: \(executable) not found")
        }
        let folder = socketPath.lastIndex(of: "/").map { String(socketPath[..<$0]) } ?? "."
        let arguments = [executable, "--db", databasePath, "--socket", socketPath,
                         "--idle-exit", String(idleExitSeconds), "--log-file", folder + "/modsearchd.log"]
        var reasons: [Int32] = [0, 0]
        guard pipe(&reasons) == 0 else {
            throw ProtocolError(.unavailable, "cannot start the daemon: \(String(cString: strerror(errno)))")
        }
        defer { close(reasons[0]) }
        let pid = try spawn(executable, arguments, stderr: reasons[1])
        close(reasons[1])
        // The monotonic clock read directly: Swift's clocks live in the concurrency runtime,
        // whose start-up (libdispatch's) every run of this client would pay.
        let deadline = monotonicSeconds() + Double(startTimeoutSeconds)
        var running = true
        while monotonicSeconds() < deadline {
            if LineConnection.answers(socketPath) { return pid }
            var exitStatus: Int32 = 0
            if running, waitpid(pid, &exitStatus, WNOHANG) == pid {
                running = false
                // Exited normally (low 7 bits 0) with the status that says another daemon holds
                // the socket: that one may still be opening the index.
                let lostTheRace = exitStatus & 0x7f == 0 && (exitStatus >> 8) & 0xff == alreadyRunningExitStatus
                if !lostTheRace, !LineConnection.answers(socketPath) {
                    throw ProtocolError(.unavailable, "cannot start the daemon: " + firstLine(of: reasons[0]))
                }
            }
            usleep(20_000)
        }
        throw ProtocolError(.unavailable, "modsearchd did not answer on \(socketPath) within \(startTimeoutSeconds) s; see \(folder)/modsearchd.log")
    }

    /// Starts `executable` detached in its own session, stdin and stdout on /dev/null.
    private static func spawn(_ executable: String, _ arguments: [String], stderr: Int32) throws(ProtocolError) -> pid_t {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, Self.spawnSetSID)
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, stderr, 2)
        closeOnExec()
        var pid: pid_t = 0
        let argv = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        let status = posix_spawn(&pid, executable, &actions, &attributes, argv, environ)
        guard status == 0 else {
            throw ProtocolError(.unavailable, "cannot start \(executable): \(String(cString: strerror(status)))")
        }
        return pid
    }

    /// The daemon's reason, without its program-name prefix, from what it wrote before exiting.
    private static func firstLine(of descriptor: Int32) -> String {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while bytes.count < 65_536 {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { break }
            bytes += chunk[0..<count]
        }
        let line = String(decoding: bytes.prefix { $0 != 0x0A }, as: UTF8.self)
        let reason = line.hasPrefix("modsearchd: ") ? String(line.dropFirst("modsearchd: ".count)) : line
        return reason.isEmpty ? "modsearchd exited without saying why" : reason
    }
}

private func monotonicSeconds() -> Double {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
}
