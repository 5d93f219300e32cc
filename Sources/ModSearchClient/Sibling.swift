#if canImport(Glibc)
import Glibc
#endif
import ModSearchProtocol

/// The project's other programs, found beside this executable, as installed and as built.
public enum Sibling {
    /// `name` in the folder of this program as invoked (symlinks resolved), else in the folder of
    /// `/proc/self/exe` (when invoked through `$PATH`, `argv[0]` is a bare name).
    public static func path(_ name: String) -> String {
        if let own = resolved(CommandLine.arguments[0]) {
            let beside = folder(of: own) + "/" + name
            if access(beside, X_OK) == 0 { return beside }
        }
        return folder(of: resolved("/proc/self/exe") ?? ".") + "/" + name
    }

    /// Replaces this process with `name` run on the same arguments; throws only if that fails.
    public static func exec(_ name: String) throws(ProtocolError) -> Never {
        let executable = path(name)
        let argv = CommandLine.arguments.map { strdup($0) } + [nil]
        execv(executable, argv)
        throw ProtocolError(.unavailable, "cannot run \(executable): \(String(cString: strerror(errno)))")
    }

    private static func resolved(_ path: String) -> String? {
        guard let pointer = realpath(path, nil) else { return nil }
        defer { free(pointer) }
        return String(cString: pointer)
    }

    private static func folder(of path: String) -> String {
        path.lastIndex(of: "/").map { String(path[..<$0]) } ?? "."
    }
}
