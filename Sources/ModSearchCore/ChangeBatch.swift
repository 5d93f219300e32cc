/// Changed paths gathered into one index update. A batch is due once no change has come for
/// `quiet`, or `longest` after its first change, whichever is sooner: a burst of changes (a
/// checkout, a copied folder, an editor's save) becomes one revision, and a steady stream of
/// changes still shows up in the index within `longest` plus the time of an update.
struct ChangeBatch {
    typealias Instant = ContinuousClock.Instant

    static let quiet = Duration.milliseconds(150)
    static let longest = Duration.seconds(1)

    private(set) var paths: Set<String> = []
    private var first: Instant?
    private var latest: Instant?

    var isEmpty: Bool { paths.isEmpty }

    /// When the batch should be applied; nil while it is empty.
    var due: Instant? {
        guard let first, let latest else { return nil }
        return min(latest + Self.quiet, first + Self.longest)
    }

    /// Adds paths changed at `now` (none: nothing happened, and the batch waits as before).
    mutating func add(_ changed: [String], at now: Instant) {
        guard !changed.isEmpty else { return }
        paths.formUnion(changed)
        if first == nil { first = now }
        latest = now
    }

    /// The paths, sorted, leaving the batch empty.
    mutating func take() -> [String] {
        defer { self = ChangeBatch() }
        return paths.sorted()
    }
}
