/// Splits a byte stream into newline-terminated lines of bounded size.
public struct LineFramer: Sendable {
    public enum Event: Equatable, Sendable {
        case line([UInt8])
        /// A line grew past the limit; the stream cannot be resynchronised.
        case overflow
    }

    public let maxLineBytes: Int
    private var pending: [UInt8] = []

    public init(maxLineBytes: Int = Limits.maxLineBytes) {
        self.maxLineBytes = maxLineBytes
    }

    /// Feeds bytes and returns the complete lines they finish (without `\n` or a trailing `\r`).
    public mutating func feed(_ bytes: some Collection<UInt8>) -> [Event] {
        var events: [Event] = []
        for byte in bytes {
            if byte == 0x0A {
                if pending.last == 0x0D { pending.removeLast() }
                events.append(.line(pending))
                pending.removeAll(keepingCapacity: true)
            } else {
                pending.append(byte)
                // One byte over is a `\r` the newline may yet drop: a line of the limit ended by CRLF.
                if pending.count > maxLineBytes, pending.count > maxLineBytes + 1 || byte != 0x0D {
                    pending.removeAll()
                    events.append(.overflow)
                    return events
                }
            }
        }
        return events
    }

    /// Bytes received after the last newline.
    public var remainder: [UInt8] { pending }
}
