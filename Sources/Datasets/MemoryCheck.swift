import Foundation

/// Refuses data sets that cannot fit in memory before allocating them, with the estimate in the message.
enum MemoryCheck {
    /// Bytes of memory the system reports as available (`MemAvailable` in /proc/meminfo), if known.
    static func availableBytes() -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix("MemAvailable:") {
            let parts = line.split(separator: " ")
            if parts.count >= 2, let kib = Int(parts[1]) { return kib * 1024 }
        }
        return nil
    }

    /// Throws when `rows × columns` float32 values, held twice (loaded, then scaled for training), would
    /// not fit in the available memory.
    /// - Parameters:
    ///   - rows: Samples.
    ///   - columns: Features.
    ///   - input: The file, for the message.
    static func check(rows: Int, columns: Int, input: String) throws {
        let (values, overflow) = rows.multipliedReportingOverflow(by: columns)
        let needed = overflow ? Int.max : values.multipliedReportingOverflow(by: 8).partialValue
        guard let available = availableBytes(), needed > available else { return }
        let gib = { (bytes: Int) in String(format: "%.1f GiB", Double(bytes) / 1_073_741_824) }
        throw DatasetError(
            input,
            "\(rows) × \(columns) values need about \(gib(needed)) in memory (loaded and scaled copies) "
                + "but only \(gib(available)) is available")
    }
}
