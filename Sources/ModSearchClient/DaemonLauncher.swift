#if canImport(Glibc)
import Glibc
#endif
import ModSearchProtocol

/// Starts `modsearchd` the way build servers and key agents do: the binary beside this one,
/// detached in its own session, logging beside its socket, exiting when idle.
public enum DaemonLauncher {
    static let idleExitSeconds = 900
    static let startTimeoutSeconds = 10
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

    /// Spawns the daemon and waits until its socket answers.
    @discardableResult
    public static func start(socketPath: String, databasePath: String) throws(ProtocolError) -> Int32 {
        let executable = Sibling.path("modsearchd")
        guard access(executable, X_OK) == 0 else {
            throw ProtocolError(.unavailable, "cannot start the daemon: \(executable) not found")
        }
        let folder = socketPath.lastIndex(of: "/").map { String(socketPath[..<$0]) } ?? "."
        mkdir(folder, 0o700)
        let arguments = [executable, "--db", databasePath, "--socket", socketPath,
                         "--idle-exit", String(idleExitSeconds), "--log-file", folder + "/modsearchd.log"]
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, Self.spawnSetSID)
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for descriptor: Int32 in [0, 1, 2] {
            posix_spawn_file_actions_addopen(&actions, descriptor, "/dev/null", descriptor == 0 ? O_RDONLY : O_WRONLY, 0)
        }
        closeOnExec()
        var pid: pid_t = 0
        let argv = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        let status = posix_spawn(&pid, executable, &actions, &attributes, argv, environ)
        guard status == 0 else {
            throw ProtocolError(.unavailable, "cannot start \(executable): \(String(cString: strerror(status)))")
        }
        // The monotonic clock read directly: Swift's clocks live in the concurrency runtime,
        // whose start-up (libdispatch's) every run of this client would pay.
        let deadline = monotonicSeconds() + Double(startTimeoutSeconds)
        while monotonicSeconds() < deadline {
            if LineConnection.answers(socketPath) { return pid }
            var exitStatus: Int32 = 0
            if waitpid(pid, &exitStatus, WNOHANG) == pid {
                // It exited: maybe another daemon won the race for the socket.
                if LineConnection.answers(socketPath) { return pid }
                throw ProtocolError(.unavailable, "modsearchd exited at start; see \(folder)/modsearchd.log")
            }
            usleep(20_000)
        }
        throw ProtocolError(.unavailable, "modsearchd did not answer on \(socketPath) within \(startTimeoutSeconds) s; see \(folder)/modsearchd.log")
    }
}

private func monotonicSeconds() -> Double {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
}
