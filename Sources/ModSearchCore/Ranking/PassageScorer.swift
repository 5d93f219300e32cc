/// Scores the satisfying passages of one section relative to each other: each gets the share of
/// its section's weight that `factor` says, so no passage scores above its section.
///
/// The best passage by local BM25 keeps the whole weight when it holds the typed forms; others
/// are shaded by how they compare with it (`passageShare`), and a passage lacking typed forms
/// (matching only through their stems) is lowered by `ExactForms`.
struct PassageScorer {
    let passageShare: Double
    let exact: ExactForms

    /// Whether scoring reads the passages' text (only exact forms do).
    var readsText: Bool { !exact.isEmpty }

    /// The passages with their factors, best first (ties in ordinal order). `found` is best
    /// first by local score; `text` gives a passage's text by ordinal.
    func factors(_ found: [(ordinal: Int, score: Double)], text: (Int) -> String) -> [(ordinal: Int, factor: Double)] {
        guard let best = found.first else { return [] }
        var scored = found.map { passage in
            (ordinal: passage.ordinal,
             factor: shade(passage.score, best: best.score) * (readsText ? exact.factor(text(passage.ordinal)) : 1))
        }
        scored.sort { $0.factor > $1.factor || ($0.factor == $1.factor && $0.ordinal < $1.ordinal) }
        return scored
    }

    /// The share of its section's weight a passage of local score `score` gets, beside the
    /// section's best passage.
    func shade(_ score: Double, best: Double) -> Double {
        1 - passageShare + passageShare * (best > 0 ? score / best : 1)
    }
}
