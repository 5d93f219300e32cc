import Foundation

/// The folders an index run works in beside the index (`INDEX.build-*`, docs/files.md), and the
/// clearing of those a killed run left. Only names modsearch makes are touched, and only when no
/// live writer holds Xapian's lock on them.
struct WorkFolders {
    let databasePath: String

    private var prefix: String { databasePath + ".build-" }
    /// The folder holding the index: "." for a bare name, which has no folder part.
    var parent: String {
        let folder = (databasePath as NSString).deletingLastPathComponent
        return folder.isEmpty ? "." : folder
    }
    /// A first index, built here and renamed into place once it holds something: a first run
    /// interrupted or killed leaves no index, not an empty one.
    var fresh: String { prefix + "new" }
    /// A worker's shard of a parallel build.
    func shard(_ number: Int) -> String { prefix + "shard-\(number)" }
    /// The shards compacted into one database, renamed into place when done.
    var merged: String { prefix + "merged" }
    /// The index a parallel build replaces, moved aside until the new one is in place.
    var retired: String { prefix + "empty" }

    /// Work folders that exist now (full paths).
    func existing() -> [String] {
        let folder = parent
        let stem = (prefix as NSString).lastPathComponent
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { name in
            guard name.hasPrefix(stem) else { return false }
            let rest = name.dropFirst(stem.count)
            if ["new", "merged", "empty"].contains(rest) { return true }
            return rest.hasPrefix("shard-") && !rest.dropFirst(6).isEmpty && rest.dropFirst(6).allSatisfy(\.isNumber)
        }.map { folder + "/" + $0 }
    }

    /// Puts back an index that a run killed between its two renames left aside, with no index in
    /// its place (`Indexer.putInPlace`).
    func restoreRetired() {
        if !FileManager.default.fileExists(atPath: databasePath), FileManager.default.fileExists(atPath: retired),
           !Self.isLocked(retired) {
            try? FileManager.default.moveItem(atPath: retired, toPath: databasePath)
        }
    }

    /// Removes what a killed or failed run left, except `keeping` and folders a live writer holds.
    /// Call holding the index's lock (or, for a first index, the fresh one's): then no other run
    /// is under way on this index, and a folder no writer holds is a leftover.
    func clear(keeping: String? = nil) {
        for folder in existing() where folder != keeping && !Self.isLocked(folder) {
            try? FileManager.default.removeItem(atPath: folder)
        }
    }

    /// Whether a process holds Xapian's write lock on the database in `folder` (a lock on its
    /// `flintlock` file, tested without taking it).
    static func isLocked(_ folder: String) -> Bool {
        let fd = open(folder + "/flintlock", O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var lock = flock()
        lock.l_type = Int16(F_WRLCK)
        lock.l_whence = Int16(SEEK_SET)
        return fcntl(fd, F_GETLK, &lock) == 0 && lock.l_type != Int16(F_UNLCK)
    }
}
