import XapianKit

/// Sections decoded lately, by document, for the revision a `Searcher` has open.
///
/// Decoding a section (its zstd frame and JSON) costs more than Xapian's lookup of it, and the
/// same sections come back: a search reads a section to score its passages and again for its
/// hits, and the next page or the same search again reads most of them once more. Two
/// generations bound it: when the newer is full the older is dropped, so a section used since
/// the last turn stays. Document ids are reused by updates, so the owner replaces it whenever it
/// moves to another revision.
struct SectionCache {
    private let generationSize: Int
    private var newer: [DocID: StoredSection] = [:]
    private var older: [DocID: StoredSection] = [:]

    /// `capacity`: most sections held; 0 holds none.
    init(capacity: Int) {
        generationSize = capacity / 2
    }

    /// The section of `document`, decoded by `load` when not held.
    mutating func section(_ document: DocID, orLoad load: () throws -> StoredSection) rethrows -> StoredSection {
        if let held = newer[document] { return held }
        let section = try older.removeValue(forKey: document) ?? load()
        guard generationSize > 0 else { return section }
        if newer.count >= generationSize { (older, newer) = (newer, [:]) }
        newer[document] = section
        return section
    }

    /// Sections held.
    var count: Int { newer.count + older.count }
}
