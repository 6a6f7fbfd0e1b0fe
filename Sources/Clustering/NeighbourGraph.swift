public import DCNMath
import DCNCore

/// A symmetric k-nearest-neighbour graph over a subsample of points: an edge joins two points when
/// either is among the other's `neighbours` nearest. Built from the points alone, it judges any
/// partition of them fairly — it favours none of the algorithms that made the partitions.
///
/// Its normalised cut is how DCN's start is chosen (``normalizedCut(of:clusterCount:)``). Unlike a cut on
/// micro-clusters, it cannot be gamed by a handful of outlying points: a group of fewer points than the
/// neighbourhood size has most of its edges leaving it, so cutting it off costs nearly its whole volume,
/// while a real cluster of any size (hundreds of points of a 3 % class) keeps its edges inside.
public struct NeighbourGraph: Sendable {
    /// Row indices of the data the graph is built on, ascending.
    public let sample: [Int]
    /// Undirected edges as (lower, higher) positions in ``sample``, each once.
    let edges: [(Int32, Int32)]

    /// Builds the graph.
    /// - Parameters:
    ///   - points: `n × d`, n ≥ 2.
    ///   - neighbours: Nearest neighbours per point.
    ///   - sampleCap: Largest subsample (the graph costs sampleCap² distances).
    ///   - generator: Source of the subsample when n exceeds `sampleCap`.
    public init<G: RandomNumberGenerator>(points: Matrix, neighbours: Int, sampleCap: Int, using generator: inout G) {
        precondition(points.rows >= 2 && neighbours >= 1, "a neighbour graph needs two points")
        var sample = Array(0..<points.rows)
        if points.rows > sampleCap {
            for i in 0..<sampleCap { sample.swapAt(i, i + generator.nextIndex(below: points.rows - i)) }
            sample = Array(sample[0..<sampleCap]).sorted()
        }
        self.sample = sample
        let x = points.rows(sample)
        let m = min(neighbours, x.rows - 1)
        var undirected = Set<Int64>()
        let nearest = Self.nearestNeighbours(x, count: m)
        for i in 0..<x.rows {
            for j in nearest[i * m..<(i + 1) * m] {
                let (a, b) = (min(i, Int(j)), max(i, Int(j)))
                undirected.insert(Int64(a) << 32 | Int64(b))
            }
        }
        edges = undirected.sorted().map { (Int32(truncatingIfNeeded: $0 >> 32), Int32(truncatingIfNeeded: $0 & 0xFFFF_FFFF)) }
    }

    /// The normalised cut Σ_c cut(c)/vol(c) of a partition (Shi & Malik, 2000) on this graph: near 0 when
    /// every cluster is separated from the others by a gap; each cluster adds at most 1.
    /// - Parameters:
    ///   - assignments: The cluster of every row of the data the graph was built from (all n rows).
    ///   - clusterCount: Number of clusters.
    /// - Returns: The normalised cut; clusters without sampled points add nothing.
    public func normalizedCut(of assignments: [Int32], clusterCount: Int) -> Double {
        var cut = [Double](repeating: 0, count: clusterCount), volume = [Double](repeating: 0, count: clusterCount)
        for (a, b) in edges {
            let ca = Int(assignments[sample[Int(a)]]), cb = Int(assignments[sample[Int(b)]])
            volume[ca] += 1
            volume[cb] += 1
            if ca != cb {
                cut[ca] += 1
                cut[cb] += 1
            }
        }
        return (0..<clusterCount).reduce(0.0) { $0 + (volume[$1] > 0 ? cut[$1] / volume[$1] : 0) }
    }

    /// The `count` nearest other rows of every row (ties to the lower index), `rows × count`, by
    /// squared distances from BLAS products in chunks of rows.
    static func nearestNeighbours(_ x: Matrix, count: Int) -> [Int32] {
        let n = x.rows, d = x.columns, chunk = 256
        let norms = (0..<n).map { r in (0..<d).reduce(Float(0)) { $0 + x.values[r * d + $1] * x.values[r * d + $1] } }
        var result = [Int32](repeating: 0, count: n * count)
        var products = [Float](repeating: 0, count: chunk * n)
        x.values.withUnsafeBufferPointer { v in
            products.withUnsafeMutableBufferPointer { p in
                var start = 0
                while start < n {
                    let rows = min(chunk, n - start)
                    BLAS.gemm(
                        .none, v.baseAddress! + start * d, .transposed, v.baseAddress!, into: p.baseAddress!,
                        rows: rows, columns: n, inner: d)
                    for r in 0..<rows {
                        let i = start + r
                        // A bounded max-heap would be faster; count is small, so insertion into a sorted list is enough.
                        var best: [(distance: Float, index: Int)] = []
                        best.reserveCapacity(count + 1)
                        for j in 0..<n where j != i {
                            let distance = norms[i] - 2 * p[r * n + j] + norms[j]
                            if best.count == count, let worst = best.last, !(distance < worst.distance) { continue }
                            let position = best.firstIndex { distance < $0.distance } ?? best.count
                            best.insert((distance, j), at: position)
                            if best.count > count { best.removeLast() }
                        }
                        for (slot, entry) in best.enumerated() { result[i * count + slot] = Int32(entry.index) }
                    }
                    start += rows
                }
            }
        }
        return result
    }
}
