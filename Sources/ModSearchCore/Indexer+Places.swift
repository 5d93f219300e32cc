import Foundation
import XapianKit

/// Where an indexer's database lives over a run: opened in place, or for a first index in a work
/// folder that becomes the index only once it holds something; moved into place; rolled back.
extension Indexer {
    /// Opens the index for writing, or when there is none a fresh work database (which locks
    /// other first runs out); whether it is the fresh one.
    static func open(_ path: String, folders: WorkFolders) throws(IndexError) -> (WritableDatabase, created: Bool) {
        // An existing path is written in place, as an empty folder made for the index is.
        if FileManager.default.fileExists(atPath: path) { return (try openWritable(path, mode: .createOrOpen), false) }
        folders.restoreRetired()
        if FileManager.default.fileExists(atPath: path) { return (try openWritable(path, mode: .createOrOpen), false) }
        let fresh: WritableDatabase
        do {
            fresh = try openWritable(folders.fresh, mode: .createOrOverwrite, naming: path)
        } catch {
            // What was made of it before the failure (a full disk) is ours, unless another run
            // holds it (the failure was then its lock) or took it since.
            if !WorkFolders.isLocked(folders.fresh) { try? FileManager.default.removeItem(atPath: folders.fresh) }
            throw error
        }
        guard FileManager.default.fileExists(atPath: path) else { return (fresh, true) }
        // Another run put an index in place meanwhile: update that one.
        try? fresh.close()
        try? FileManager.default.removeItem(atPath: folders.fresh)
        return (try openWritable(path, mode: .open), false)
    }

    static func openWritable(_ path: String, mode: WritableDatabase.OpenMode,
                             naming index: String? = nil) throws(IndexError) -> WritableDatabase {
        let index = index ?? path
        do {
            return try WritableDatabase(path: path, mode: mode)
        } catch {
            if WriteAccess.isReadOnly(index) { throw .readOnly(database: index) }
            if error.isLockError { throw .locked(database: index, detail: error.message) }
            throw IndexError(error, database: index)
        }
    }

    /// Renames the fresh work database, now holding a first index, into place.
    func publish() throws {
        try FileManager.default.moveItem(atPath: folders.fresh, toPath: databasePath)
        try database.close()
        database = try Self.openWritable(databasePath, mode: .open)
        created = false
    }

    /// Moves the merged database (`writable`, kept open and locked) where the index is, and the
    /// index it replaces aside and then away. A kill between the two renames leaves the old index
    /// aside, where the next run puts it back (`WorkFolders.clear`).
    func putInPlace(_ merged: String, open writable: WritableDatabase) throws {
        if !created { try FileManager.default.moveItem(atPath: databasePath, toPath: folders.retired) }
        try FileManager.default.moveItem(atPath: merged, toPath: databasePath)
        try writable.close()
        try database.close()
        try FileManager.default.removeItem(atPath: created ? folders.fresh : folders.retired)
        database = try Self.openWritable(databasePath, mode: .open)
        created = false
    }

    /// Closes the database, cuts its tables back to their sizes before the failed update, and
    /// opens it again at its last committed revision.
    func rollBack(to tables: TableFiles) {
        try? database.close()
        tables.cutBack()
        if let reopened = try? Self.openWritable(databasePath, mode: .open) { database = reopened }
    }

    /// Removes the fresh work database of a first run that indexed nothing.
    func discardCreated() {
        try? database.close()
        try? FileManager.default.removeItem(atPath: folders.fresh)
    }
}

/// Why a database cannot be written, asked once opening it has failed.
enum WriteAccess {
    /// Whether `path`, or the nearest folder above it that exists, is on a read-only file system.
    static func isReadOnly(_ path: String) -> Bool {
        var place = path
        while !place.isEmpty, place != "/", !FileManager.default.fileExists(atPath: place) {
            place = (place as NSString).deletingLastPathComponent
        }
        var info = statvfs()
        return statvfs(place.isEmpty ? "." : place, &info) == 0 && info.f_flag & UInt(ST_RDONLY) != 0
    }
}
