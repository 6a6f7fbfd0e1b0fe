import Foundation
public import DCNMath

/// The outcome of a k-means fit.
public struct KMeansResult: Sendable {
    /// Cluster centres, `k × d`.
    public var centers: Matrix
    /// The cluster of each point.
    public var assignments: [Int32]
    /// Sum of squared distances of points to their centres.
    public var inertia: Double
    /// Lloyd iterations of the best restart.
    public var iterations: Int
}

/// k-means: greedy k-means++ seeding, then Lloyd iterations to convergence, best of several restarts.
///
/// Seeding follows Arthur & Vassilvitskii (2007) with scikit-learn's greedy variant: at each step
/// `2 + ⌊ln k⌋` candidates are drawn by D² sampling and the one that most lowers the potential is kept.
/// A cluster that becomes empty during Lloyd iterations is re-seeded with the point farthest from its
/// current centre. Iterations stop when no assignment changes or the inertia improves by less than
/// `tolerance` (relative), or after `maxIterations`.
public struct KMeans: Sendable {
    /// Number of clusters k.
    public var clusterCount: Int
    /// Independent seedings; the fit with the lowest inertia wins.
    public var restarts: Int
    /// Upper bound on Lloyd iterations per restart.
    public var maxIterations: Int
    /// Relative inertia improvement below which iterations stop.
    public var tolerance: Double

    /// Creates a configuration.
    /// - Parameters:
    ///   - clusterCount: k (≥ 1).
    ///   - restarts: Seedings to try (scikit-learn's `n_init`, default 10).
    ///   - maxIterations: Lloyd iteration cap (300).
    ///   - tolerance: Relative convergence threshold (1e-6).
    public init(clusterCount: Int, restarts: Int = 10, maxIterations: Int = 300, tolerance: Double = 1e-6) {
        self.clusterCount = clusterCount
        self.restarts = restarts
        self.maxIterations = maxIterations
        self.tolerance = tolerance
    }

    /// Clusters the rows of `data`.
    /// - Parameters:
    ///   - data: `n × d` with `n ≥ clusterCount`.
    ///   - generator: Source of the seeding draws.
    /// - Returns: The best of ``restarts`` fits.
    public func fit<G: RandomNumberGenerator>(_ data: Matrix, using generator: inout G) -> KMeansResult {
        precondition(data.rows >= clusterCount && clusterCount >= 1, "k-means needs at least k points")
        var best: KMeansResult?
        for _ in 0..<max(restarts, 1) {
            let seeds = Self.seedPlusPlus(data, clusterCount: clusterCount, using: &generator)
            let result = lloyd(data, initialCenters: seeds)
            if best == nil || result.inertia < best!.inertia { best = result }
        }
        return best!
    }

    /// Greedy k-means++ seeding.
    /// - Parameters:
    ///   - data: `n × d`.
    ///   - clusterCount: k.
    ///   - generator: Source of the draws.
    /// - Returns: `k × d` initial centres, rows of `data`.
    public static func seedPlusPlus<G: RandomNumberGenerator>(
        _ data: Matrix, clusterCount: Int, using generator: inout G
    ) -> Matrix {
        let n = data.rows
        let trials = 2 + Int(log(Double(clusterCount)))
        var chosen = [generator.nextIndex(below: n)]
        var closest = squaredDistances(data, to: chosen[0])
        var potential = closest.reduce(0, +)
        while chosen.count < clusterCount {
            var bestCandidate = -1, bestPotential = Double.infinity, bestDistances: [Double] = []
            for _ in 0..<trials {
                let candidate = sample(closest, total: potential, using: &generator)
                let distances = squaredDistances(data, to: candidate)
                var newPotential = 0.0
                var merged = closest
                for i in 0..<n {
                    merged[i] = min(merged[i], distances[i])
                    newPotential += merged[i]
                }
                if newPotential < bestPotential {
                    bestCandidate = candidate; bestPotential = newPotential; bestDistances = merged
                }
            }
            chosen.append(bestCandidate)
            closest = bestDistances
            potential = bestPotential
        }
        return data.rows(chosen)
    }

    static func squaredDistances(_ data: Matrix, to row: Int) -> [Double] {
        let d = data.columns
        return data.values.withUnsafeBufferPointer { x in
            let center = x.baseAddress! + row * d
            return (0..<data.rows).map { i in
                let point = x.baseAddress! + i * d
                var sum: Float = 0
                for j in 0..<d { let diff = point[j] - center[j]; sum += diff * diff }
                return Double(sum)
            }
        }
    }

    static func sample<G: RandomNumberGenerator>(_ weights: [Double], total: Double, using generator: inout G) -> Int {
        guard total > 0 else { return generator.nextIndex(below: weights.count) }
        let target = generator.nextUnitDouble() * total
        var cumulative = 0.0
        for (index, weight) in weights.enumerated() {
            cumulative += weight
            if cumulative > target { return index }
        }
        return weights.lastIndex { $0 > 0 } ?? (weights.count - 1)
    }

    /// Lloyd iterations from given centres.
    /// - Parameters:
    ///   - data: `n × d`.
    ///   - initialCenters: `k × d` starting centres.
    /// - Returns: The converged fit.
    public func lloyd(_ data: Matrix, initialCenters: Matrix) -> KMeansResult {
        let n = data.rows, d = data.columns, k = initialCenters.rows
        var centers = initialCenters
        var (assignments, distances) = NearestCenter.assign(data, to: centers)
        var inertia = distances.reduce(0.0) { $0 + Double($1) }
        var iterations = 0
        while iterations < maxIterations {
            iterations += 1
            var sums = [Double](repeating: 0, count: k * d)
            var counts = [Int](repeating: 0, count: k)
            for i in 0..<n {
                let c = Int(assignments[i])
                counts[c] += 1
                for j in 0..<d { sums[c * d + j] += Double(data.values[i * d + j]) }
            }
            for c in 0..<k where counts[c] > 0 {
                for j in 0..<d { centers.values[c * d + j] = Float(sums[c * d + j] / Double(counts[c])) }
            }
            reseedEmptyClusters(counts: counts, centers: &centers, data: data, distances: distances)
            let previous = assignments
            (assignments, distances) = NearestCenter.assign(data, to: centers)
            let newInertia = distances.reduce(0.0) { $0 + Double($1) }
            let improvement = inertia - newInertia
            inertia = newInertia
            if previous == assignments || (improvement >= 0 && improvement <= tolerance * max(newInertia, 1e-12)) { break }
        }
        return KMeansResult(centers: centers, assignments: assignments, inertia: inertia, iterations: iterations)
    }

    /// Moves each empty cluster's centre onto the point farthest from its own centre (each point used once).
    func reseedEmptyClusters(counts: [Int], centers: inout Matrix, data: Matrix, distances: [Float]) {
        let empty = counts.indices.filter { counts[$0] == 0 }
        guard !empty.isEmpty else { return }
        let farthest = distances.indices.sorted { distances[$0] > distances[$1] || (distances[$0] == distances[$1] && $0 < $1) }
        for (slot, cluster) in empty.enumerated() where slot < farthest.count {
            let row = data.row(farthest[slot])
            for j in 0..<data.columns { centers[cluster, j] = row[j] }
        }
    }
}
