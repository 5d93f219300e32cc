#if canImport(Glibc)
import Glibc
#endif

/// Where the database and the daemon's socket live (docs/files.md): shared by
/// the client and the daemon, read from the environment without Foundation.
public enum Locations {
    /// `$MODSEARCH_DB`, else `${XDG_DATA_HOME:-~/.local/share}/modsearch/index`.
    public static func database() -> String {
        if let path = variable("MODSEARCH_DB") { return path }
        return (variable("XDG_DATA_HOME") ?? (home() + "/.local/share")) + "/modsearch/index"
    }

    /// `$MODSEARCH_SOCKET`, else `$XDG_RUNTIME_DIR/modsearch/modsearchd.sock`, else `/tmp/modsearch-$UID/…`.
    public static func socket() -> String {
        if let path = variable("MODSEARCH_SOCKET") { return path }
        if let runtime = variable("XDG_RUNTIME_DIR") { return runtime + "/modsearch/modsearchd.sock" }
        return "/tmp/modsearch-\(getuid())/modsearchd.sock"
    }

    /// An environment variable; empty counts as unset.
    public static func variable(_ name: String) -> String? {
        guard let value = getenv(name), value.pointee != 0 else { return nil }
        return String(cString: value)
    }

    /// `$HOME`, else the home folder in the password database.
    private static func home() -> String {
        if let home = variable("HOME") { return home }
        guard let entry = getpwuid(getuid()), let folder = entry.pointee.pw_dir else { return "/" }
        return String(cString: folder)
    }
}
