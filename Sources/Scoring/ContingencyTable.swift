/// Counts of samples per (predicted cluster, true class) pair, the basis of every external metric.
public struct ContingencyTable: Sendable {
    /// Distinct predicted cluster ids, ascending.
    public let clusters: [Int32]
    /// Distinct true class ids, ascending.
    public let classes: [Int32]
    /// `counts[i][j]`: samples in `clusters[i]` whose label is `classes[j]`.
    public let counts: [[Int]]
    /// Number of samples.
    public let total: Int

    /// Tabulates predictions against labels.
    /// - Parameters:
    ///   - predicted: Cluster per sample.
    ///   - truth: Class per sample, same length.
    public init(predicted: [Int32], truth: [Int32]) {
        precondition(predicted.count == truth.count, "predictions and labels differ in length")
        clusters = Array(Set(predicted)).sorted()
        classes = Array(Set(truth)).sorted()
        let clusterIndex = Dictionary(uniqueKeysWithValues: clusters.enumerated().map { ($1, $0) })
        let classIndex = Dictionary(uniqueKeysWithValues: classes.enumerated().map { ($1, $0) })
        var counts = [[Int]](repeating: [Int](repeating: 0, count: classes.count), count: clusters.count)
        for (p, t) in zip(predicted, truth) { counts[clusterIndex[p]!][classIndex[t]!] += 1 }
        self.counts = counts
        total = predicted.count
    }

    /// Row sums (cluster sizes).
    public var clusterSizes: [Int] { counts.map { $0.reduce(0, +) } }
    /// Column sums (class sizes).
    public var classSizes: [Int] { classes.indices.map { j in counts.reduce(0) { $0 + $1[j] } } }

    /// The one-to-one cluster → class matching with the most agreeing samples (Hungarian method).
    /// - Returns: For each predicted cluster id, the matched class id; unmatched clusters are absent.
    public func bestMatching() -> [Int32: Int32] {
        let matched = Hungarian.maximumWeightAssignment(counts.map { $0.map(Double.init) })
        var result: [Int32: Int32] = [:]
        for (i, j) in matched.enumerated() { if let j { result[clusters[i]] = classes[j] } }
        return result
    }
}
