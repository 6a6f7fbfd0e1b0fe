/// When a cluster counts as collapsed. One rule for the trainer (which refills such a cluster when it is
/// also under 1 % of the samples), the recorder, the report's warning, the judges' mixture fit and
/// `compare`'s "collapsed runs" column.
///
/// A cluster has collapsed when it holds fewer than a tenth of the mean cluster size N/k: with 10
/// clusters, under 1 % of the samples; with 2, under 5 %. A real class that small is rare among
/// clusterings one asks k-means-style methods for, while a DCN cluster that shrinks that far is almost
/// always being swallowed by its neighbours.
public enum CollapseRule {
    /// The share of the mean cluster size below which a cluster has collapsed.
    public static let shareOfMeanSize = 0.1

    /// The smallest size a cluster may have without counting as collapsed.
    /// - Parameters:
    ///   - samples: N.
    ///   - clusters: k (≥ 1).
    /// - Returns: N / (10 k), as a real number.
    public static func minimumSize(samples: Int, clusters: Int) -> Double {
        shareOfMeanSize * Double(samples) / Double(max(clusters, 1))
    }

    /// The share of all samples under which the trainer refills a collapsed cluster.
    public static let refillShareOfSamples = 0.01

    /// The size under which the trainer refills a collapsed cluster: the collapse size, but at most 1 % of
    /// the samples. A cluster of 1 % or more is left to hold what it holds, which may be a real small class
    /// (a class of 2 % under k = 4's collapse size of 2.5 %: docs/benchmark.md, *Real small classes and the
    /// refill*); under 1 % it is the sliver a clustering is judged by.
    /// - Parameters:
    ///   - samples: N.
    ///   - clusters: k (≥ 1).
    public static func refillSize(samples: Int, clusters: Int) -> Double {
        min(minimumSize(samples: samples, clusters: clusters), refillShareOfSamples * Double(samples))
    }

    /// The clusters (indices into `sizes`) the trainer refills: those under ``refillSize(samples:clusters:)``.
    /// - Parameter sizes: Samples per cluster; N is their sum, k their count.
    public static func clustersToRefill(sizes: [Int]) -> [Int] {
        clusters(of: sizes, under: refillSize(samples: sizes.reduce(0, +), clusters: sizes.count))
    }

    /// The clusters (indices into `sizes`) that have collapsed, emptied ones included.
    /// - Parameter sizes: Samples per cluster; N is their sum, k their count.
    public static func collapsedClusters(sizes: [Int]) -> [Int] {
        clusters(of: sizes, under: minimumSize(samples: sizes.reduce(0, +), clusters: sizes.count))
    }

    private static func clusters(of sizes: [Int], under threshold: Double) -> [Int] {
        sizes.indices.filter { Double(sizes[$0]) < threshold }
    }

    /// Whether any cluster has collapsed.
    /// - Parameters:
    ///   - sizes: Samples per cluster.
    ///   - samples: N, when the sizes do not sum to it (a recording's summary); nil to use their sum.
    public static func hasCollapsed(sizes: [Int], samples: Int? = nil) -> Bool {
        let threshold = minimumSize(samples: samples ?? sizes.reduce(0, +), clusters: sizes.count)
        return sizes.contains { Double($0) < threshold }
    }
}
