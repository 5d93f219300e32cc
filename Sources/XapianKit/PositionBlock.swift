internal import CXapianShim

/// A section's term positions in one block (`WordIndexer.positionBlock()`, layout in
/// `CXapianShim/position_block.h`).
public enum PositionBlock {
    /// The positions of term in block, ascending; empty when the block has no list for it.
    public static func positions(of term: String, in block: [UInt8]) throws(XapianError) -> [UInt32] {
        var positions: UnsafeMutablePointer<UInt32>?
        var count = 0
        try check { err in
            withBytes(block) { b, bn in
                withBytes(term) { t, tn in cx_position_block_find(b, bn, t, tn, &positions, &count, err) }
            }
        }
        defer { cx_free(positions) }
        return Array(UnsafeBufferPointer(start: positions, count: count))
    }
}
