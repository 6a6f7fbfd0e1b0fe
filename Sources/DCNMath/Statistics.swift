/// Small numeric helpers shared by several stages.
public enum Statistics {
    /// The `q`-quantile (0…1) of `values` by linear interpolation between order statistics.
    /// - Parameters:
    ///   - values: Any finite values; not modified.
    ///   - q: The quantile, clamped to 0…1.
    /// - Returns: The quantile, or 0 for an empty input.
    public static func quantile(_ values: [Float], _ q: Double) -> Float {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        let position = min(max(q, 0), 1) * Double(sorted.count - 1)
        let lower = Int(position.rounded(.down))
        let upper = min(lower + 1, sorted.count - 1)
        let fraction = Float(position - Double(lower))
        return sorted[lower] + (sorted[upper] - sorted[lower]) * fraction
    }
}
