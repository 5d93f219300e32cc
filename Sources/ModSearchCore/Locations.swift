import Foundation

/// Where the database and the daemon's socket live (DESIGN.md, "Where things live").
public enum Locations {
    /// `$MODSEARCH_DB`, else `${XDG_DATA_HOME:-~/.local/share}/modsearch/index`.
    public static func database(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let path = environment["MODSEARCH_DB"], !path.isEmpty { return path }
        let data = environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (home(environment) + "/.local/share")
        return data + "/modsearch/index"
    }

    /// `$MODSEARCH_SOCKET`, else `$XDG_RUNTIME_DIR/modsearch/modsearchd.sock`, else `/tmp/modsearch-$UID/…`.
    public static func socket(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let path = environment["MODSEARCH_SOCKET"], !path.isEmpty { return path }
        if let runtime = environment["XDG_RUNTIME_DIR"], !runtime.isEmpty {
            return runtime + "/modsearch/modsearchd.sock"
        }
        return "/tmp/modsearch-\(getuid())/modsearchd.sock"
    }

    private static func home(_ environment: [String: String]) -> String {
        environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
    }
}
