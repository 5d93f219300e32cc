import Foundation

/// The sizes of a database's table files before an update, to cut them back to when it fails.
///
/// Xapian writes an update's blocks into free space or past the end of its tables, never over a
/// block the committed revision uses; a failed update (a full disk) leaves those files grown,
/// so the disk stays full and every later run fails again. Cutting them back to their sizes
/// before the update frees that space, and loses nothing the committed revision holds.
struct TableFiles {
    private let folder: String
    private let sizes: [String: Int]

    init(of folder: String) {
        self.folder = folder
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        sizes = Dictionary(uniqueKeysWithValues: names.filter { $0.hasSuffix(".glass") }.map { name in
            var info = stat()
            return (name, stat(folder + "/" + name, &info) == 0 ? Int(info.st_size) : -1)
        })
    }

    /// Truncates every table that grew back to its earlier size. Call with the database closed.
    func cutBack() {
        for (name, size) in sizes where size >= 0 {
            var info = stat()
            let path = folder + "/" + name
            if stat(path, &info) == 0, Int(info.st_size) > size { truncate(path, off_t(size)) }
        }
    }
}
