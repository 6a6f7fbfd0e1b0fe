public import DCNMath
import DCNCore

/// The outcome of a ``BoundaryMerge`` fit.
public struct BoundaryMergeResult: Sendable {
    /// The cluster of every point.
    public var assignments: [Int32]
    /// The mean of each cluster's points, `k × d` (a cluster's members need not be nearest to it).
    public var centers: Matrix
    /// The micro-cluster graph the merge was made on, for comparing partitions by normalised cut.
    public var graph: BoundaryGraph
    /// The subsample the graph was built from (row indices of the data).
    public var sample: [Int]
    /// The cluster of every micro-cluster.
    public var groups: [Int]
    /// The normalised cut of the merge on ``graph``.
    public var normalizedCut: Double
}

/// Clusters that k-means cannot find because they are curved or elongated, found by over-clustering
/// and merging along dense boundaries.
///
/// 1. k-means with `microClustersPerCluster · k` centres on a subsample of at most `sampleCap` points;
/// 2. a ``BoundaryGraph`` over those micro-clusters (edges where points sit between two of them);
/// 3. agglomeration: repeatedly merge the two groups with the most boundary edges relative to the
///    smaller group's size (so a gap keeps groups apart however large they are), until k remain;
/// 4. every point takes its nearest micro-centre's group, each centre is its group's mean.
///
/// Steps 1–3 run `candidates` times (different micro k-means seedings, one subsample); the merge with
/// the lowest normalised cut on its own graph wins.
///
/// No library we may use offers this (it is a small variant of k-means-based "over-cluster and merge"
/// schemes and of spectral clustering's normalised cut), so it is written here.
public struct BoundaryMerge: Sendable {
    /// Number of clusters k.
    public var clusterCount: Int
    /// Micro-clusters per final cluster.
    public var microClustersPerCluster: Int
    /// Largest subsample the micro-clusters and the graph are built from.
    public var sampleCap: Int
    /// Independent micro-clusterings tried.
    public var candidates: Int

    /// Fewest points per micro-cluster on average: on small data there are fewer micro-clusters, so that each
    /// still spans a piece of a cluster rather than a single point.
    static let smallestMeanMicroCluster = 5

    /// Creates a configuration.
    /// - Parameters:
    ///   - clusterCount: k (≥ 2).
    ///   - microClustersPerCluster: Micro-clusters per cluster.
    ///   - sampleCap: Subsample size for the graph.
    ///   - candidates: Micro-clusterings tried, the lowest normalised cut wins.
    public init(clusterCount: Int, microClustersPerCluster: Int, sampleCap: Int, candidates: Int) {
        self.clusterCount = clusterCount
        self.microClustersPerCluster = microClustersPerCluster
        self.sampleCap = sampleCap
        self.candidates = candidates
    }

    /// Partitions the rows of `data` into ``clusterCount`` clusters.
    /// - Parameters:
    ///   - data: `n × d`, n ≥ 2k.
    ///   - generator: Source of the subsample and the micro k-means seeding.
    /// - Returns: The merged partition.
    public func fit<G: RandomNumberGenerator>(_ data: Matrix, using generator: inout G) -> BoundaryMergeResult {
        precondition(clusterCount >= 2 && data.rows >= 2 * clusterCount, "a boundary merge needs at least 2k points")
        var sample = Array(0..<data.rows)
        if data.rows > sampleCap {
            for i in 0..<sampleCap { sample.swapAt(i, i + generator.nextIndex(below: data.rows - i)) }
            sample = Array(sample[0..<sampleCap]).sorted()
        }
        let points = data.rows(sample)
        let microCount = max(clusterCount, min(microClustersPerCluster * clusterCount, points.rows / Self.smallestMeanMicroCluster))
        var best: (micro: KMeansResult, graph: BoundaryGraph, groups: [Int], cut: Double)?
        for _ in 0..<max(candidates, 1) {
            let micro = KMeans(clusterCount: microCount, restarts: 1).fit(points, using: &generator)
            let graph = BoundaryGraph(points: points, centers: micro.centers)
            let groups = Self.agglomerate(graph, into: clusterCount, sizes: micro.assignments)
            let cut = graph.normalizedCut(groups: groups)
            if best == nil || cut < best!.cut { best = (micro, graph, groups, cut) }
        }
        let (micro, graph, groups, cut) = best!
        let nearestMicro = NearestCenter.assign(data, to: micro.centers).assignments
        let assignments = nearestMicro.map { Int32(groups[Int($0)]) }
        return BoundaryMergeResult(
            assignments: assignments, centers: Self.means(data, assignments, clusterCount),
            graph: graph, sample: sample, groups: groups,
            normalizedCut: cut)
    }

    /// Merges micro-clusters into `k` groups, strongest relative boundary first; ties go to lower indices.
    static func agglomerate(_ graph: BoundaryGraph, into k: Int, sizes assignments: [Int32]) -> [Int] {
        let m = graph.nodeCount
        var sizes = [Double](repeating: 0, count: m)
        for a in assignments { sizes[Int(a)] += 1 }
        var links = graph.weights
        var owner = Array(0..<m)  // each micro-cluster's current group (named by a member node)
        var active = Array(0..<m)
        while active.count > k {
            var best = (-1.0, 0, 0)
            for (p, a) in active.enumerated() {
                for b in active[(p + 1)...] {
                    let strength = links[a * m + b] / max(min(sizes[a], sizes[b]), 1)
                    if strength > best.0 { best = (strength, a, b) }
                }
            }
            let (_, keep, gone) = best
            for c in 0..<m {
                links[keep * m + c] += links[gone * m + c]
                links[c * m + keep] += links[c * m + gone]
                links[gone * m + c] = 0
                links[c * m + gone] = 0
            }
            links[keep * m + keep] = 0
            sizes[keep] += sizes[gone]
            for node in 0..<m where owner[node] == gone { owner[node] = keep }
            active.removeAll { $0 == gone }
        }
        return owner.map { active.firstIndex(of: $0)! }
    }

    /// The mean of each cluster's rows (a cluster without rows keeps a zero centre): the centres of a
    /// partition that is not a set of nearest-centre cells.
    public static func means(_ data: Matrix, _ assignments: [Int32], _ k: Int) -> Matrix {
        let d = data.columns
        var sums = [Double](repeating: 0, count: k * d), counts = [Double](repeating: 0, count: k)
        for (i, a) in assignments.enumerated() {
            counts[Int(a)] += 1
            for j in 0..<d { sums[Int(a) * d + j] += Double(data.values[i * d + j]) }
        }
        var centers = Matrix(rows: k, columns: d)
        for c in 0..<k where counts[c] > 0 { for j in 0..<d { centers.values[c * d + j] = Float(sums[c * d + j] / counts[c]) } }
        return centers
    }
}
