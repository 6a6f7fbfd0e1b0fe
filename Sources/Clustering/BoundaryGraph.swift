public import DCNMath
import DCNCore

/// Which micro-clusters touch: for every point, an edge between its nearest and second-nearest
/// micro-centre. Many edges between two micro-clusters mean many points sit on their common
/// boundary (the clusters are contiguous); few mean a gap between them.
public struct BoundaryGraph: Sendable {
    /// Number of micro-clusters (nodes).
    public let nodeCount: Int
    /// Edge counts, `nodeCount × nodeCount`, symmetric, zero diagonal.
    public private(set) var weights: [Double]
    /// The nearest micro-centre of each point the graph was built from.
    public let nearest: [Int32]

    /// Builds the graph of `points` over `centers`.
    /// - Parameters:
    ///   - points: `n × d`.
    ///   - centers: `m × d` micro-centres, m ≥ 2.
    public init(points: Matrix, centers: Matrix) {
        precondition(centers.rows >= 2 && points.columns == centers.columns, "a boundary graph needs two centres of the points' width")
        let m = centers.rows, d = points.columns
        var weights = [Double](repeating: 0, count: m * m)
        var nearest = [Int32](repeating: 0, count: points.rows)
        points.values.withUnsafeBufferPointer { x in
            centers.values.withUnsafeBufferPointer { c in
                for i in 0..<points.rows {
                    let (first, second) = NearestCenter.twoNearest(to: x.baseAddress! + i * d, among: c.baseAddress!, count: m, dimensions: d)
                    let bestIndex = first.index, secondIndex = second.index
                    nearest[i] = Int32(bestIndex)
                    weights[bestIndex * m + secondIndex] += 1
                    weights[secondIndex * m + bestIndex] += 1
                }
            }
        }
        self.nodeCount = m
        self.weights = weights
        self.nearest = nearest
    }

    /// The normalised cut Σ_c cut(c)/vol(c) of a grouping of the nodes (Shi & Malik, 2000): near 0 when
    /// every group is separated from the others by a gap, larger when groups cut through dense regions.
    /// - Parameter groups: The group of every node, in `0..<groupCount`.
    /// - Returns: The normalised cut; groups without edges add nothing.
    public func normalizedCut(groups: [Int]) -> Double {
        precondition(groups.count == nodeCount, "one group per node")
        let groupCount = (groups.max() ?? 0) + 1
        var cut = [Double](repeating: 0, count: groupCount), volume = [Double](repeating: 0, count: groupCount)
        for a in 0..<nodeCount {
            for b in 0..<nodeCount {
                let w = weights[a * nodeCount + b]
                volume[groups[a]] += w
                if groups[a] != groups[b] { cut[groups[a]] += w }
            }
        }
        return (0..<groupCount).reduce(0.0) { $0 + (volume[$1] > 0 ? cut[$1] / volume[$1] : 0) }
    }

    /// The group of each node that most of its points belong to under a partition of the points.
    /// - Parameters:
    ///   - assignments: The cluster of each point the graph was built from.
    ///   - clusterCount: Number of clusters.
    /// - Returns: One group per node (ties to the lower cluster; a node without points gets 0).
    public func majorityGroups(of assignments: [Int32], clusterCount: Int) -> [Int] {
        precondition(assignments.count == nearest.count, "one assignment per point of the graph")
        var votes = [Int](repeating: 0, count: nodeCount * clusterCount)
        for (node, cluster) in zip(nearest, assignments) { votes[Int(node) * clusterCount + Int(cluster)] += 1 }
        return (0..<nodeCount).map { node in
            let row = votes[(node * clusterCount)..<((node + 1) * clusterCount)]
            return row.indices.max { row[$0] < row[$1] || (row[$0] == row[$1] && $0 > $1) }! - node * clusterCount
        }
    }
}
