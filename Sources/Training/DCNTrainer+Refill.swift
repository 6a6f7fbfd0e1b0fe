import Clustering
import DCNCore
import DCNMath

extension DCNTrainer {
    /// Refills every collapsed cluster under 1 % of the samples (``CollapseRule/clustersToRefill(sizes:)``)
    /// at the start and after each DCN epoch, as bisecting k-means would: the cluster with the largest
    /// spread (within-cluster sum of squares) whose split by 2-means on its members' codes leaves neither
    /// half under that size is split, one half keeping its centre's place and the other taking over the
    /// collapsed cluster's. Both counts restart at
    /// ``DCNConfiguration/centerCountStart``, so the new centres move as freely as at the start.
    ///
    /// The most spread cluster is often the one holding a few outliers, and 2-means splits those off: a new
    /// sliver, refilled again next epoch (docs/benchmark.md, *Outliers and the refill*). So a split that
    /// would leave a half under the refill size passes to the next most spread cluster; only when no
    /// cluster splits without one does the most spread cluster split anyway. scikit-learn's k-means moves
    /// an empty centre onto the single farthest point instead; on codes that DCN is compressing, that point
    /// is an outlier which empties again.
    ///
    /// Deterministic (no random draws), so a run that never collapses trains exactly as without it.
    /// - Parameters:
    ///   - state: The clustering state; centres, assignments and counts change when a cluster is refilled.
    ///   - latent: Every sample's code after the epoch.
    /// - Returns: The refilled clusters, in the order they were refilled (empty when none collapsed).
    func refillCollapsedClusters(state: inout ClusterState, latent: Matrix) -> [Int] {
        let k = configuration.clusterCount, d = latent.columns
        var assignments = state.hold == .nearestCentre ? NearestCenter.assign(latent, to: state.centers).assignments : state.assignments
        var refilled: [Int] = []
        while refilled.count < k {
            var sizes = [Int](repeating: 0, count: k)
            for a in assignments { sizes[Int(a)] += 1 }
            guard let collapsed = CollapseRule.clustersToRefill(sizes: sizes).first(where: { !refilled.contains($0) }) else { break }
            let spread = Self.withinClusterSquares(latent, assignments: assignments, clusterCount: k)
            let donors = (0..<k).filter { $0 != collapsed && sizes[$0] >= 2 }
                .sorted { spread[$0] > spread[$1] || (spread[$0] == spread[$1] && $0 < $1) }
            guard let split = Self.firstSplitWithoutSliver(latent, assignments: assignments, donors: donors, sizes: sizes) else { break }
            let (donor, members, halves, centres) = (split.donor, split.members, split.halves, split.centres)
            let formerMembers = assignments.indices.filter { assignments[$0] == Int32(collapsed) }
            for j in 0..<d {
                state.centers.values[donor * d + j] = centres.values[j]
                state.centers.values[collapsed * d + j] = centres.values[d + j]
            }
            for (member, half) in zip(members, halves) { assignments[member] = Int32(half == 0 ? donor : collapsed) }
            // The collapsed cluster's few former members go to their nearest centre.
            for i in formerMembers {
                assignments[i] = Int32(nearestCenterIndex(latent, row: i, centers: state.centers))
            }
            state.counts[donor] = configuration.centerCountStart
            state.counts[collapsed] = configuration.centerCountStart
            refilled.append(collapsed)
        }
        if !refilled.isEmpty { state.assignments = assignments }
        return refilled
    }

    /// A donor's split: its members (row indices), each member's half and the halves' centres.
    struct DonorSplit {
        let donor: Int
        let members: [Int]
        let halves: [Int]
        let centres: Matrix
    }

    /// The split of the first donor (most spread first) whose halves both reach the refill size, or the
    /// first donor's split when none does; nil without donors.
    /// - Parameters:
    ///   - latent: Every sample's code.
    ///   - assignments: Every sample's cluster.
    ///   - donors: The clusters that may be split, most spread first.
    ///   - sizes: Samples per cluster (N is their sum, k their count).
    static func firstSplitWithoutSliver(_ latent: Matrix, assignments: [Int32], donors: [Int], sizes: [Int]) -> DonorSplit? {
        let minimum = CollapseRule.refillSize(samples: sizes.reduce(0, +), clusters: sizes.count)
        func split(_ donor: Int) -> DonorSplit {
            let members = assignments.indices.filter { assignments[$0] == Int32(donor) }
            let (halves, centres) = bisect(latent.rows(members))
            return DonorSplit(donor: donor, members: members, halves: halves, centres: centres)
        }
        guard let first = donors.first else { return nil }
        var firstSplit: DonorSplit?
        for donor in donors where Double(sizes[donor]) >= 2 * minimum {
            let candidate = split(donor)
            if donor == first { firstSplit = candidate }
            let inFirstHalf = candidate.halves.filter { $0 == 0 }.count
            if Double(min(inFirstHalf, candidate.halves.count - inFirstHalf)) >= minimum { return candidate }
        }
        return firstSplit ?? split(first)
    }

    private func nearestCenterIndex(_ latent: Matrix, row: Int, centers: Matrix) -> Int {
        latent.values.withUnsafeBufferPointer { x in
            centers.values.withUnsafeBufferPointer { m in
                NearestCenter.nearest(
                    to: x.baseAddress! + row * latent.columns, among: m.baseAddress!, count: centers.rows,
                    dimensions: centers.columns
                ).index
            }
        }
    }

    /// Each cluster's sum of squared distances of its members to their mean.
    static func withinClusterSquares(_ points: Matrix, assignments: [Int32], clusterCount k: Int) -> [Double] {
        let d = points.columns
        var sums = [Double](repeating: 0, count: k * d), squares = [Double](repeating: 0, count: k), counts = [Double](repeating: 0, count: k)
        for (i, a) in assignments.enumerated() {
            let c = Int(a)
            counts[c] += 1
            for j in 0..<d {
                let v = Double(points.values[i * d + j])
                sums[c * d + j] += v
                squares[c] += v * v
            }
        }
        return (0..<k).map { c in
            guard counts[c] > 0 else { return 0 }
            let meanSquares = (0..<d).reduce(0.0) { $0 + sums[c * d + $1] * sums[c * d + $1] } / counts[c]
            return max(squares[c] - meanSquares, 0)
        }
    }

    /// Splits points in two by 2-means, seeded deterministically with the point farthest from their mean
    /// and the point farthest from that one.
    /// - Parameter points: At least two rows.
    /// - Returns: Each point's half (0 or 1) and the two centres (`2 × d`).
    static func bisect(_ points: Matrix) -> (halves: [Int], centres: Matrix) {
        let n = points.rows, d = points.columns
        func distance(_ i: Int, _ centre: [Float]) -> Float {
            (0..<d).reduce(Float(0)) {
                let diff = points.values[i * d + $1] - centre[$1]
                return $0 + diff * diff
            }
        }
        func row(_ i: Int) -> [Float] { Array(points.values[(i * d)..<((i + 1) * d)]) }
        let mean = (0..<d).map { j in (0..<n).reduce(Float(0)) { $0 + points.values[$1 * d + j] } / Float(n) }
        let first = (0..<n).max { distance($0, mean) < distance($1, mean) }!
        let firstRow = row(first)
        let second = (0..<n).max { distance($0, firstRow) < distance($1, firstRow) }!
        let seeds = Matrix(rows: 2, columns: d, values: firstRow + row(second))
        let fit = KMeans(clusterCount: 2, restarts: 1).lloyd(points, initialCenters: seeds)
        return (fit.assignments.map(Int.init), fit.centers)
    }
}
