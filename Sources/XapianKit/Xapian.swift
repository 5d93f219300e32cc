/// A document id inside a database (1-based; 0 is never a valid id).
public typealias DocID = UInt32

/// A value slot number of a document.
public typealias ValueSlot = UInt32
