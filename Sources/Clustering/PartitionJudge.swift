public import DCNMath
import DCNCore

/// Compares labellings of the same samples without labels: the normalised cut of each on one
/// nearest-neighbour graph of the samples (``NeighbourGraph``), lower is better, and the fit of each as
/// a mixture of Gaussians (``MixtureFit``), higher is better. Used at the end of a run to tell whether
/// DCN's labelling is worse than its start's or than k-means on the input: worse on both counts.
public struct PartitionJudge: Sendable {
    let graph: NeighbourGraph
    let points: Matrix
    /// The points' total variance, computed once for every labelling's fit.
    let totalVariance: Double
    let clusterCount: Int

    /// Builds the judge's graph.
    /// - Parameters:
    ///   - points: The samples as rows (≥ 2).
    ///   - clusterCount: k.
    ///   - neighbours: Nearest neighbours per sample in the graph.
    ///   - sampleCap: Largest subsample the graph is built on.
    ///   - generator: Source of the graph's subsample.
    ///   - graphPoints: The same samples as the graph sees them (by default `points`), e.g. on fewer axes.
    public init<G: RandomNumberGenerator>(
        points: Matrix, graphPoints: Matrix? = nil, clusterCount: Int, neighbours: Int, sampleCap: Int, using generator: inout G
    ) {
        precondition(graphPoints == nil || graphPoints!.rows == points.rows, "the graph's points are the same samples")
        graph = NeighbourGraph(points: graphPoints ?? points, neighbours: neighbours, sampleCap: sampleCap, using: &generator)
        self.points = points
        totalVariance = points.totalVariance
        self.clusterCount = clusterCount
    }

    /// The normalised cut of a labelling of every sample.
    public func score(_ assignments: [Int32]) -> Double {
        graph.normalizedCut(of: assignments, clusterCount: clusterCount)
    }

    /// The mixture fit of a labelling of every sample (higher is better), nil when a cluster collapsed.
    public func fit(_ assignments: [Int32]) -> Double? {
        MixtureFit.score(points: points, assignments: assignments, clusterCount: clusterCount, totalVariance: totalVariance)
    }
}
