/// A deterministic, class-stratified subsample for drawing very large data sets.
public enum Subsample {
    /// Up to `cap` indices, each class keeping its share, evenly spaced within the class.
    /// - Parameters:
    ///   - labels: Class per sample (or nil: one class).
    ///   - count: Number of samples.
    ///   - cap: Maximum number of indices returned.
    /// - Returns: Sorted indices; all of them when `count ≤ cap`.
    public static func indices(labels: [Int32]?, count: Int, cap: Int) -> [Int] {
        guard count > cap, cap > 0 else { return Array(0..<count) }
        let groups = Dictionary(grouping: 0..<count, by: { labels?[$0] ?? 0 })
        var chosen: [Int] = []
        for key in groups.keys.sorted() {
            let members = groups[key]!
            let keep = max(1, Int((Double(members.count) * Double(cap) / Double(count)).rounded(.down)))
            let step = Double(members.count) / Double(keep)
            for i in 0..<keep { chosen.append(members[Int(Double(i) * step)]) }
        }
        return chosen.sorted()
    }
}
