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
    /// Daemons started at once on one socket take turns through `lock`: the one that loses leaves
    /// the socket and pid file to the one that won (it used to overwrite the pid file, then remove
    /// the winner's socket on its way out).
    static func claim(_ socket: String) throws(Failure) {
        try lock(socket)
        var info = stat()
        guard lstat(socket, &info) == 0 else { return }
        guard (info.st_mode & S_IFMT) == S_IFSOCK else { throw .notASocket(socket) }
        if LineConnection.answers(socket) {
            throw .alreadyRunning(pid: readPid(pidFile(for: socket)))
        }
        guard unlink(socket) == 0 else { throw .system("cannot remove stale socket \(socket): \(String(cString: strerror(errno)))") }
    }

    /// Takes `SOCKET.lock`, held until the process ends however it ends (the kernel releases it,
    /// so a killed daemon leaves no lock behind); the file itself stays, since removing a lock
    /// file lets two processes each lock a different one.
    private static func lock(_ socket: String) throws(Failure) {
        let path = socket + ".lock"
        let fd = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw .system("cannot open \(path): \(String(cString: strerror(errno)))") }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let reason = errno
            close(fd)
            if reason == EWOULDBLOCK { throw .alreadyRunning(pid: readPid(pidFile(for: socket))) }
            throw .system("cannot lock \(path): \(String(cString: strerror(reason)))")
        }
    }

    /// Writes our pid to a new file (`O_EXCL`, never through a link) and renames it over the
    /// pid file: a stale file, or a link someone left there, is replaced and never written through.
    static func writePidFile(for socket: String) throws(Failure) {
        let path = pidFile(for: socket)
        let fresh = path + ".\(getpid())"
        unlink(fresh)
        let fd = open(fresh, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .system("cannot write \(fresh): \(String(cString: strerror(errno)))") }
        let text = Array("\(getpid())\n".utf8)
        let written = text.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        close(fd)
        guard written == text.count, rename(fresh, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(fresh)
            throw .system("cannot write \(path): \(reason)")
        }
    }

    /// The pid in a pid file, read without following a link.
    static func readPid(_ path: String) -> Int? {
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var bytes = [UInt8](repeating: 0, count: 32)
        let count = bytes.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        guard count > 0 else { return nil }
        return Int(String(decoding: bytes[..<count], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// Opens the log for appending, created 0600: never through a link, and only a regular
    /// file of ours or the null device (`--log-file /dev/null`, to keep no log). Called once the
    /// folder it lives in, if it is the socket's, passed its checks.
    static func openLog(_ path: String) throws(Failure) -> Int32 {
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw .system("cannot open log file \(path): \(String(cString: strerror(errno)))") }
        var info = stat()
        guard fstat(fd, &info) == 0,
              (info.st_mode & S_IFMT) == S_IFREG && info.st_uid == getuid() || isNullDevice(info) else {
            close(fd)
            throw .unsafeFolder("log file \(path) is not a regular file of yours; refusing to write to it")
        }
        return fd
    }

    /// Whether a file is the null device, whatever its name.
    private static func isNullDevice(_ info: stat) -> Bool {
        var null = stat()
        return (info.st_mode & S_IFMT) == S_IFCHR && stat("/dev/null", &null) == 0
            && (null.st_mode & S_IFMT) == S_IFCHR && info.st_rdev == null.st_rdev
    }

    /// Removes the socket and pid file, but only if they are still ours.
    static func release(_ socket: String) {
        let pidPath = pidFile(for: socket)
        if readPid(pidPath) == Int(getpid()) {
            unlink(pidPath)
            unlink(socket)
        }
    }
}
