import Foundation
import ModSearchClient

/// The checks around the socket path: a private folder we own, one daemon per socket, a pid file.
enum SocketGuard {
    enum Failure: Error, CustomStringConvertible {
        case alreadyRunning(pid: Int?)
        case notASocket(String)
        case unsafeFolder(String)
        case system(String)

        var description: String {
            switch self {
            case .alreadyRunning(let pid): "already running" + (pid.map { " (pid \($0))" } ?? "")
            case .notASocket(let path): "\(path) exists and is not a socket; refusing to touch it"
            case .unsafeFolder(let why): why
            case .system(let why): why
            }
        }
    }

    static func pidFile(for socket: String) -> String {
        (socket as NSString).deletingLastPathComponent + "/modsearchd.pid"
    }

    /// Creates the folder 0700 if missing. An existing folder is used as it is: its permissions
    /// are its owner's business (a daemon run as root on `/tmp/x.sock` once closed `/tmp` to
    /// every other user). It is refused when someone else owns it, or when others may write to
    /// it, sticky or not: they could create the socket, pid or log path first (as a file or a
    /// link). The socket itself is 0600 and every peer's uid is checked, so others reading the
    /// folder is harmless.
    static func prepareFolder(of socket: String) throws(Failure) {
        let folder = (socket as NSString).deletingLastPathComponent
        if mkdir(folder, 0o700) != 0, errno != EEXIST {
            // The parent may be missing too (e.g. a fresh XDG_RUNTIME_DIR/modsearch/x/…).
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                                        attributes: [.posixPermissions: 0o700])
            } catch {
                throw .system("cannot create \(folder): \(error.localizedDescription)")
            }
        }
        var info = stat()
        guard lstat(folder, &info) == 0 else { throw .system("cannot stat \(folder): \(String(cString: strerror(errno)))") }
        guard (info.st_mode & S_IFMT) == S_IFDIR else { throw .unsafeFolder("\(folder) is not a folder") }
        guard info.st_uid == getuid() else {
            throw .unsafeFolder("\(folder) is owned by uid \(info.st_uid), not by you (uid \(getuid())); refusing to use it")
        }
        if info.st_mode & 0o022 != 0 {
            throw .unsafeFolder("others may write to \(folder), and could put a socket, pid file or log there first; use a folder only you can write to")
        }
    }

    /// Makes the socket path free: a live daemon is an error, a stale socket is removed, anything else is refused.
    static func claim(_ socket: String) throws(Failure) {
        var info = stat()
        guard lstat(socket, &info) == 0 else { return }
        guard (info.st_mode & S_IFMT) == S_IFSOCK else { throw .notASocket(socket) }
        if LineConnection.answers(socket) {
            let pid = (try? String(contentsOfFile: pidFile(for: socket), encoding: .utf8))
                .flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
            throw .alreadyRunning(pid: pid)
        }
        guard unlink(socket) == 0 else { throw .system("cannot remove stale socket \(socket): \(String(cString: strerror(errno)))") }
    }

    static func writePidFile(for socket: String) throws(Failure) {
        do {
            try "\(getpid())\n".write(toFile: pidFile(for: socket), atomically: true, encoding: .utf8)
        } catch {
            throw .system("cannot write \(pidFile(for: socket)): \(error.localizedDescription)")
        }
    }

    /// Removes the socket and pid file, but only if they are still ours.
    static func release(_ socket: String) {
        let pidPath = pidFile(for: socket)
        if let text = try? String(contentsOfFile: pidPath, encoding: .utf8),
           Int(text.trimmingCharacters(in: .whitespacesAndNewlines)) == Int(getpid()) {
            unlink(pidPath)
            unlink(socket)
        }
    }
}
