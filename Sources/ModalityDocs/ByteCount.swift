/// Sizes as people read them, in binary units: `512 bytes`, `64 MiB`, `2.0 GiB`.
public enum ByteCount {
    public static func shown(_ bytes: Int) -> String {
        let units = ["KiB", "MiB", "GiB", "TiB"]
        guard bytes >= 1024 else { return "\(bytes) bytes" }
        var value = Double(bytes) / 1024
        var unit = 0
        while value >= 1024, unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        let tenths = Int((value * 10).rounded())
        return (tenths % 10 == 0 ? "\(tenths / 10)" : "\(tenths / 10).\(tenths % 10)") + " " + units[unit]
    }

    /// A size as typed: a whole number of bytes, or with `K`, `M`, `G` (binary units; `KiB`,
    /// `MB` and the like read alike); nil for anything else.
    public static func parse(_ text: String) -> Int? {
        let upper = text.uppercased()
        let digits = upper.prefix { $0.isASCII && $0.isNumber }
        guard let number = Int(digits) else { return nil }
        let shifts: [String: Int] = ["": 0, "B": 0, "K": 10, "KB": 10, "KIB": 10, "M": 20, "MB": 20, "MIB": 20,
                                     "G": 30, "GB": 30, "GIB": 30]
        guard let shift = shifts[String(upper.dropFirst(digits.count))], number <= Int.max >> shift else { return nil }
        return number << shift
    }
}
