import Foundation
import ModalityDocs

/// The documents under the paths a user names: files as given, folders walked for `*.txt`.
///
/// Only regular files are documents. A FIFO, device or socket is never opened (a FIFO would hang
/// the run, a device never end); a symbolic link found in a folder is followed only to a file
/// inside that folder, so a link to `/dev/zero` or `/etc/shadow` is refused, not read. Each
/// refusal is a one-line warning naming the file.
public enum SourceFiles {
    /// Files that are never modality documents even though they end in `.txt`.
    static let ignoredNames: Set<String> = [SynonymTable.fileName]

    /// What a walk found: the documents, and the files it refused, one warning each.
    public struct Found: Sendable {
        /// Absolute, symlink-resolved paths, sorted, without duplicates.
        public var files: [String]
        public var warnings: [String]
    }

    /// The documents under `paths`; a missing path throws.
    public static func find(_ paths: [String]) throws -> Found {
        var found: Set<String> = []
        var warnings: [String] = []
        let manager = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw IndexError.missingPath(path)
            }
            let root = absolute(path)
            if !isDirectory.boolValue {
                // Named by the user: the link, if it is one, is theirs to follow.
                if let refusal = refusal(ofTarget: root, named: path) { warnings.append(refusal) } else { found.insert(root) }
                continue
            }
            walk(root, within: root, into: &found, &warnings)
        }
        return Found(files: found.sorted(), warnings: warnings)
    }

    /// The documents among `changed`, absolute paths under the watched `roots` (files, or folders
    /// to walk) that an index watcher was told of. Each is held to the rules of a walk of its
    /// root, so a link is followed only to a file inside it; a path gone is no document.
    public static func find(changed: [String], under roots: [String]) -> Found {
        var found: Set<String> = []
        var warnings: [String] = []
        for path in changed {
            var info = stat()
            guard lstat(path, &info) == 0,
                  let root = roots.first(where: { path == $0 || path.hasPrefix($0.hasSuffix("/") ? $0 : $0 + "/") })
            else { continue }
            if path == root {
                // A root is a path the user named.
                if let named = try? find([path]) { found.formUnion(named.files); warnings += named.warnings }
                continue
            }
            let name = (path as NSString).lastPathComponent
            switch entry(path, in: root) {
            case .document(let file) where name.hasSuffix(".txt") && !ignoredNames.contains(name): found.insert(file)
            case .document: continue
            case .refused(let warning): warnings.append(warning)
            case .folder: walk(path, within: root, into: &found, &warnings)
            }
        }
        return Found(files: found.sorted(), warnings: warnings)
    }

    /// The `*.txt` documents of `folder`, hidden entries skipped, links followed only inside `root`.
    private static func walk(_ folder: String, within root: String, into found: inout Set<String>,
                             _ warnings: inout [String]) {
        guard let walker = FileManager.default.enumerator(atPath: folder) else { return }
        for case let relative as String in walker {
            let name = (relative as NSString).lastPathComponent
            if name.hasPrefix(".") { walker.skipDescendants(); continue }
            guard name.hasSuffix(".txt"), !ignoredNames.contains(name) else { continue }
            switch entry(folder + "/" + relative, in: root) {
            case .document(let file): found.insert(file)
            case .refused(let warning): warnings.append(warning)
            case .folder: continue
            }
        }
    }

    /// The documents under `paths`, without the warnings.
    public static func collect(_ paths: [String]) throws -> [String] {
        try find(paths).files
    }

    private enum Entry {
        case document(String)
        case refused(String)
        case folder
    }

    /// What a `*.txt` entry of a walked folder is, from `lstat` (nothing is opened).
    private static func entry(_ path: String, in root: String) -> Entry {
        var info = stat()
        guard lstat(path, &info) == 0 else {
            // Foundation reads a name that is not UTF-8 with U+FFFD for its bad bytes: a name no
            // file has, which no path given as a String can open.
            if errno == ENOENT, path.unicodeScalars.contains("\u{FFFD}") {
                return .refused("\(FileName.shown(path)): a name that is not UTF-8 (shown with U+FFFD); not indexed")
            }
            return .refused("\(FileName.shown(path)): \(String(cString: strerror(errno)))")
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .document(path)
        case S_IFDIR: return .folder
        case S_IFLNK: break
        default: return .refused(notRegular(path, info))
        }
        guard let target = realpath(path, nil) else {
            return .refused("\(FileName.shown(path)): a symbolic link to nothing; not indexed")
        }
        let resolved = String(cString: target)
        free(target)
        guard resolved.hasPrefix(root.hasSuffix("/") ? root : root + "/") else {
            return .refused("\(FileName.shown(path)): a symbolic link to \(FileName.shown(resolved)), outside "
                            + "\(FileName.shown(root)); not indexed")
        }
        var targetInfo = stat()
        if stat(resolved, &targetInfo) == 0, targetInfo.st_mode & S_IFMT == S_IFDIR { return .folder }
        return refusal(ofTarget: resolved, named: path).map(Entry.refused) ?? .document(resolved)
    }

    /// A warning when `target` (what `name` resolves to) is not a regular file.
    private static func refusal(ofTarget target: String, named name: String) -> String? {
        var info = stat()
        guard stat(target, &info) == 0 else { return "\(FileName.shown(name)): \(String(cString: strerror(errno)))" }
        return info.st_mode & S_IFMT == S_IFREG ? nil : notRegular(name, info)
    }

    private static func notRegular(_ path: String, _ info: stat) -> String {
        let kind = switch info.st_mode & S_IFMT {
        case S_IFIFO: "a named pipe"
        case S_IFCHR: "a character device"
        case S_IFBLK: "a block device"
        case S_IFSOCK: "a socket"
        case S_IFDIR: "a folder"
        default: "not a file"
        }
        return "\(FileName.shown(path)): not a regular file (\(kind)); not indexed"
    }

    /// The folders among `paths` that hold none of `files` (as `collect` found them).
    public static func emptyFolders(_ paths: [String], holding files: [String]) -> [String] {
        paths.filter { path in
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
                return false
            }
            let root = absolute(path)
            let prefix = root.hasSuffix("/") ? root : root + "/"
            return !files.contains { $0.hasPrefix(prefix) }
        }
    }

    /// The absolute form of `path` with symlinks resolved.
    public static func absolute(_ path: String) -> String {
        let url = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath()
        return url.path
    }
}
