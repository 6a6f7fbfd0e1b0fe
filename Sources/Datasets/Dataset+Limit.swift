public import DCNMath

extension Dataset {
    /// At most `limit` rows drawn uniformly without replacement, kept in the data set's order, with their
    /// labels: the same rows for the same seed (`--limit`, for a quick look at a large data set).
    /// - Parameters:
    ///   - limit: Rows to keep (≥ 1); a data set no larger is returned as it is.
    ///   - seed: The run's seed.
    public func limited(to limit: Int, seed: UInt64) -> Dataset {
        guard limit < count else { return self }
        var generator = SplitMix64.stream(seed: seed, .limit)
        var indices = Array(0..<count)
        for i in 0..<limit {
            let j = i + Int(generator.next() % UInt64(count - i))
            indices.swapAt(i, j)
        }
        let kept = indices[0..<limit].sorted()
        var subset = self
        subset.features = features.rows(kept)
        subset.labels = labels.map { all in kept.map { all[$0] } }
        subset.subsampledFrom = count
        subset.description = description + " · \(limit) of \(count) rows drawn with --limit (seed \(seed))"
        return subset
    }
}
