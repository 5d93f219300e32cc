import Foundation
import XapianKit

/// Xapian 1.4's BM25Weight, computed term by term from the index's statistics, so that a
/// section's weight can be shown as the sum of its terms' parts. Only what `Tuning` uses is
/// covered: k2 = 0 (no document-length term outside the sum).
struct BM25Formula {
    let parameters: BM25Parameters
    private let k3: Double
    /// What a section's length is multiplied by to give its normalised length: 0 where lengths
    /// play no part (Xapian then reads none).
    private let lengthFactor: Double
    let documents: Int

    init?(_ weighting: Enquire.Weighting, documents: Int, averageLength: Double) {
        guard case let .bm25(k1, k2, k3, b, minNormLength) = weighting, k2 == 0 else { return nil }
        parameters = BM25Parameters(k1: k1, b: b, minNormLength: minNormLength)
        self.k3 = k3
        self.documents = documents
        lengthFactor = b == 0 || k1 == 0 || averageLength == 0 ? 0 : 1 / averageLength
    }

    /// Xapian's inverse document frequency of a term held by `sections` documents. The textbook
    /// ratio goes below 1 (a negative weight) for a term in over half the documents, so Xapian
    /// raises a ratio under 2 to 1 + ratio/2.
    func idf(sections: Int) -> Double {
        guard sections > 0 else { return 0 }
        var ratio = (Double(documents) - Double(sections) + 0.5) / (Double(sections) + 0.5)
        if ratio < 2 { ratio = ratio * 0.5 + 1 }
        return log(ratio)
    }

    /// The within-query-frequency part of a term's factor: 1 for a term in the query once.
    func queryFactor(wqf: Int) -> Double {
        k3 == 0 ? 1 : (k3 + 1) * Double(wqf) / (k3 + Double(wqf))
    }

    /// A section's length as BM25 reads it: over the average, at least `minNormLength`.
    func normLength(_ length: Int) -> Double {
        Swift.max(Double(length) * lengthFactor, parameters.minNormLength)
    }

    /// A term's part of a section's weight.
    func part(wdf: Int, normLength: Double, factor: Double, idf: Double) -> Double {
        let (k1, b) = (parameters.k1, parameters.b)
        let wdf = Double(wdf)
        return idf * factor * (wdf / (k1 * (normLength * b + (1 - b)) + wdf)) * (k1 + 1)
    }
}
