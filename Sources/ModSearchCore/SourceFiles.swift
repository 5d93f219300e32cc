import Foundation

/// The documents under the paths a user names: files as given, folders walked for `*.txt`.
public enum SourceFiles {
    /// Files that are never modality documents even though they end in `.txt`.
    static let ignoredNames: Set<String> = [SynonymTable.fileName]

    /// Absolute, symlink-resolved paths, sorted, without duplicates; a missing path throws.
    public static func collect(_ paths: [String]) throws -> [String] {
        var found: Set<String> = []
        let manager = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw IndexError.missingPath(path)
            }
            let root = absolute(path)
            if !isDirectory.boolValue {
                found.insert(root)
                continue
            }
            guard let walker = manager.enumerator(atPath: root) else { continue }
            for case let relative as String in walker {
                let name = (relative as NSString).lastPathComponent
                if name.hasPrefix(".") { walker.skipDescendants(); continue }
                guard name.hasSuffix(".txt"), !ignoredNames.contains(name) else { continue }
                let full = root + "/" + relative
                var isDir: ObjCBool = false
                if manager.fileExists(atPath: full, isDirectory: &isDir), !isDir.boolValue { found.insert(full) }
            }
        }
        return found.sorted()
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
