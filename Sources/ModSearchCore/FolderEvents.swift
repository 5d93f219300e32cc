import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Why a watch could not be set up.
public struct WatchError: Error, CustomStringConvertible {
    public let description: String
}

/// Changes under the paths an index is kept of, from Linux inotify: the documents (and folders)
/// created, written, moved or deleted there. Folders are watched all the way down, as
/// `SourceFiles.collect` walks them; a watched file is watched through its folder, so that an
/// editor's save-by-rename, which puts a new file in its place, is still seen. Editors' scratch
/// files (`.#x.txt`, `x.txt~`, `.x.txt.swp`, `4913`) are not documents and are left out.
final class FolderEvents {
    private struct Root {
        let path: String
        let isFolder: Bool
    }

    private let descriptor: Int32
    private let roots: [Root]
    /// The index, whose folder and work folders (`<db>.build-*`) are never reported, should they
    /// sit in a watched folder.
    private let database: String
    /// The folder each watch descriptor watches.
    private var folders: [Int32: String] = [:]
    private var buffer = [UInt8](repeating: 0, count: 64 * 1024)
    /// Folders that could not be watched since the last call of `takeProblems`.
    private var problems: [String] = []

    private static let mask = UInt32(IN_CLOSE_WRITE | IN_MOVED_FROM | IN_MOVED_TO | IN_CREATE | IN_DELETE)
        | UInt32(IN_DELETE_SELF | IN_MOVE_SELF) | UInt32(IN_ONLYDIR)

    /// Watches `paths` (absolute and symlink-resolved, as `SourceFiles.absolute` gives them),
    /// reporting nothing of the index at `ignoring`.
    init(paths: [String], ignoring: String) throws(WatchError) {
        descriptor = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard descriptor >= 0 else { throw WatchError(description: "cannot watch for changes: \(Self.reason(errno))") }
        roots = paths.map { path in
            var isFolder: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: path, isDirectory: &isFolder)
            return Root(path: path, isFolder: isFolder.boolValue)
        }
        database = ignoring
        for root in roots {
            if root.isFolder {
                addTree(root.path)
            } else {
                add((root.path as NSString).deletingLastPathComponent)
            }
        }
        if let problem = problems.first {
            close(descriptor)
            throw WatchError(description: problem)
        }
    }

    deinit { close(descriptor) }

    /// Waits up to `milliseconds` for changes; returns the paths changed (files or folders,
    /// present or gone), or none when the time passed, or a signal came, first.
    func next(waitingAtMost milliseconds: Int32) -> [String] {
        var ready = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        guard poll(&ready, 1, milliseconds) > 0 else { return [] }
        let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        guard count > 0 else { return [] }
        var changed: [String] = []
        var offset = 0
        let header = MemoryLayout<inotify_event>.size
        while offset + header <= count {
            let (watch, mask, length) = buffer.withUnsafeBytes { bytes in
                (bytes.loadUnaligned(fromByteOffset: offset, as: Int32.self),
                 bytes.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self),
                 Int(bytes.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self)))
            }
            let nameBytes = buffer[(offset + header)..<min(offset + header + length, count)].prefix { $0 != 0 }
            changed += paths(watch: watch, mask: mask, name: String(decoding: nameBytes, as: UTF8.self))
            offset += header + length
        }
        return changed
    }

    /// Folders that could not be watched (gone before their watch was added, or past the limit
    /// of watches), since the last call.
    func takeProblems() -> [String] {
        defer { problems = [] }
        return problems
    }

    /// What one event changed.
    private func paths(watch: Int32, mask: UInt32, name: String) -> [String] {
        // Events were lost: everything watched is looked at again (unchanged files by their hash).
        if mask & UInt32(IN_Q_OVERFLOW) != 0 { return roots.map(\.path) }
        guard let folder = folders[watch] else { return [] }
        if mask & UInt32(IN_IGNORED) != 0 {
            folders[watch] = nil
            return []
        }
        if mask & UInt32(IN_DELETE_SELF | IN_MOVE_SELF) != 0 {
            // Below a root, the parent's event says it; a root moved away keeps no watches.
            guard roots.contains(where: { $0.isFolder && $0.path == folder }) else { return [] }
            removeWatches(at: folder)
            return [folder]
        }
        let path = folder + "/" + name
        if isDatabase(path) { return [] }
        if mask & UInt32(IN_ISDIR) != 0 {
            guard !name.hasPrefix("."), isInWatchedFolder(path) else { return [] }
            if mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0 { addTree(path) }
            if mask & UInt32(IN_MOVED_FROM) != 0 { removeWatches(at: path) }
            // The whole folder: documents written before its watch was added are found by walking it.
            return [path]
        }
        guard accepts(file: path, named: name, in: folder) else { return [] }
        // A file created is reported when it is closed after writing; only a link is complete at once.
        if mask & UInt32(IN_CREATE) != 0 && !Self.isSymbolicLink(path) { return [] }
        return [path]
    }

    /// A document of a watched folder, a watched file, or the synonyms file of a watched folder.
    private func accepts(file path: String, named name: String, in folder: String) -> Bool {
        if roots.contains(where: { !$0.isFolder && $0.path == path }) { return true }
        guard isInWatchedFolder(path) else { return false }
        if name == SynonymTable.fileName { return roots.contains { $0.isFolder && $0.path == folder } }
        return Self.mayBeDocument(name)
    }

    /// Names `SourceFiles.collect` picks when it walks a folder.
    static func mayBeDocument(_ name: String) -> Bool {
        !name.hasPrefix(".") && name.hasSuffix(".txt") && !SourceFiles.ignoredNames.contains(name)
    }

    private func isDatabase(_ path: String) -> Bool {
        path == database || path.hasPrefix(database + "/") || path.hasPrefix(database + ".build-")
    }

    private func isInWatchedFolder(_ path: String) -> Bool {
        roots.contains { $0.isFolder && path.hasPrefix($0.path + "/") }
    }

    /// Watches `folder` and the folders below it that `SourceFiles.collect` would walk.
    private func addTree(_ folder: String) {
        guard add(folder) else { return }
        let manager = FileManager.default
        guard let walker = manager.enumerator(atPath: folder) else { return }
        for case let relative as String in walker {
            let name = (relative as NSString).lastPathComponent
            let path = folder + "/" + relative
            guard let type = try? manager.attributesOfItem(atPath: path)[.type] as? FileAttributeType,
                  type == .typeDirectory else { continue }
            if name.hasPrefix(".") || isDatabase(path) {
                walker.skipDescendants()
            } else {
                add(path)
            }
        }
    }

    @discardableResult
    private func add(_ folder: String) -> Bool {
        let watch = inotify_add_watch(descriptor, folder, Self.mask)
        guard watch >= 0 else {
            let why = errno == ENOSPC ? "too many folders watched (raise fs.inotify.max_user_watches)" : Self.reason(errno)
            problems.append("cannot watch \(folder) for changes: \(why)")
            return false
        }
        folders[watch] = folder
        return true
    }

    /// Stops watching `folder` and the folders below it (moved out of the watched tree, their
    /// watches would go on reporting under the old names).
    private func removeWatches(at folder: String) {
        for (watch, path) in folders where path == folder || path.hasPrefix(folder + "/") {
            inotify_rm_watch(descriptor, watch)
            folders[watch] = nil
        }
    }

    private static func isSymbolicLink(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFLNK
    }

    private static func reason(_ number: Int32) -> String { String(cString: strerror(number)) }
}
