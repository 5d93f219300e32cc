#if canImport(Glibc)
import Glibc
#endif
import Foundation
import ModSearchClient
import ModSearchProtocol

/// Starts `modsearchd` the way build servers and key agents do: the binary beside this one,
/// detached in its own session, logging beside its socket, exiting when idle.
enum DaemonLauncher {
    static let idleExitSeconds = 900
    static let startTimeout: Duration = .seconds(10)
    /// glibc's `POSIX_SPAWN_SETSID` (a GNU extension Swift does not import).
    private static let spawnSetSID: Int16 = 0x80

    static func daemonExecutable() -> String {
        let own = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        let beside = own.deletingLastPathComponent().appendingPathComponent("modsearchd").path
        if FileManager.default.isExecutableFile(atPath: beside) { return beside }
        let selfExe = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        return selfExe.deletingLastPathComponent().appendingPathComponent("modsearchd").path
    }

    /// Marks every descriptor above stderr close-on-exec: a pipe this client inherited (from a
    /// script capturing its output) must not stay open for the daemon's whole life.
    private static func closeOnExec() {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd") else { return }
        for descriptor in entries.compactMap(Int32.init) where descriptor > 2 {
            _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
        }
    }

    /// Spawns the daemon and waits until its socket answers.
    @discardableResult
    static func start(socketPath: String, databasePath: String) throws(ProtocolError) -> Int32 {
        let executable = daemonExecutable()
        guard FileManager.default.isExecutableFile(atPath: executable) else {
            throw ProtocolError(.unavailable, "cannot start the daemon: \(executable) not found")
        }
        let folder = (socketPath as NSString).deletingLastPathComponent
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
        let clock = ContinuousClock()
        let deadline = clock.now + startTimeout
        while clock.now < deadline {
            if LineConnection.answers(socketPath) { return pid }
            var exitStatus: Int32 = 0
            if waitpid(pid, &exitStatus, WNOHANG) == pid {
                // It exited: maybe another daemon won the race for the socket.
                if LineConnection.answers(socketPath) { return pid }
                throw ProtocolError(.unavailable, "modsearchd exited at start; see \(folder)/modsearchd.log")
            }
            usleep(20_000)
        }
        throw ProtocolError(.unavailable, "modsearchd did not answer on \(socketPath) within 10 s; see \(folder)/modsearchd.log")
    }
}
