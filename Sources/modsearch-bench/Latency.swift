import Foundation
import Histogram

/// Latency samples in microseconds, with HdrHistogram percentiles.
struct Latency {
    private(set) var histogram = Histogram<UInt64>(highestTrackableValue: 60_000_000, numberOfSignificantValueDigits: .three)

    mutating func record(nanoseconds: UInt64) {
        _ = histogram.record(max(1, nanoseconds / 1000))
    }

    mutating func merge(_ other: Latency) {
        for value in other.samples { _ = histogram.record(value) }
    }

    private var samples: [UInt64] {
        histogram.recordedValues().flatMap { Array(repeating: $0.value, count: Int($0.count)) }
    }

    var count: Int { Int(histogram.totalCount) }
    var medianMicroseconds: UInt64 { histogram.valueAtPercentile(50) }
    var p99Microseconds: UInt64 { histogram.valueAtPercentile(99) }

    var json: [String: Any] { ["median_us": medianMicroseconds, "p99_us": p99Microseconds, "samples": count] }
}

/// Monotonic nanoseconds.
func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

/// Peak resident memory of this process, in kilobytes.
func peakResidentKilobytes() -> Int {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return usage.ru_maxrss
}

func directoryBytes(_ path: String) -> Int {
    guard let walker = FileManager.default.enumerator(atPath: path) else { return 0 }
    var total = 0
    for case let name as String in walker {
        total += (try? FileManager.default.attributesOfItem(atPath: path + "/" + name)[.size] as? Int) ?? 0
    }
    return total
}

func readQueries(_ path: String) throws -> [String] {
    try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        .map { $0.trimmingCharacters(in: .whitespaces) }
        .filter { !$0.isEmpty && !$0.hasPrefix("#") }
}

func printJSON(_ object: Any) {
    let data = try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
    print(String(decoding: data, as: UTF8.self))
}
