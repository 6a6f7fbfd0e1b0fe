import Dispatch
import Foundation
public import DCNMath
import DCNCore

/// The outcome of a k-means fit.
public struct KMeansResult: Sendable {
    /// Cluster centres, `k × d`.
    public var centers: Matrix
    /// The cluster of each point (its nearest centre).
    public var assignments: [Int32]
    /// Sum of squared distances of points to their centres.
    public var inertia: Double
    /// Lloyd iterations of the best restart.
    public var iterations: Int
}

/// k-means: greedy k-means++ seeding, then Lloyd iterations with Hamerly's bounds, best of several
/// restarts spread over the cores.
///
/// - Seeding follows Arthur & Vassilvitskii (2007) with scikit-learn's greedy variant: at each step
///   `2 + ⌊ln k⌋` candidates are drawn by D² sampling and the one that most lowers the potential is
///   kept; the candidates' distances to every point come from one BLAS product.
/// - Lloyd iterations keep, per point, an upper bound on the distance to its centre and a lower bound
///   on the distance to any other (Hamerly, 2010), so a point whose bounds prove its assignment
///   unchanged costs nothing; the others are re-assigned, by BLAS when they are many.
/// - A cluster that becomes empty is re-seeded with the point farthest from its centre.
/// - Iterations stop when no assignment changes, when the centres' total squared shift is at most
///   `tolerance` × the data's mean feature variance (scikit-learn's rule and default), or after
///   `maxIterations`; the returned assignments are then the nearest centres of the returned centres.
/// - Restarts draw their seeds from the caller's generator up front and run on two threads with
///   single-threaded BLAS; the lowest inertia wins (ties to the earlier restart), so the result never
///   depends on scheduling.
public struct KMeans: Sendable {
    /// Number of clusters k.
    public var clusterCount: Int
    /// Independent seedings; the fit with the lowest inertia wins.
    public var restarts: Int
    /// Upper bound on Lloyd iterations per restart.
    public var maxIterations: Int
    /// Convergence threshold on the centres' total squared shift, relative to the mean feature variance.
    public var tolerance: Double

    /// Creates a configuration.
    /// - Parameters:
    ///   - clusterCount: k (≥ 1).
    ///   - restarts: Seedings to try (scikit-learn's `n_init`, default 10).
    ///   - maxIterations: Lloyd iteration cap (300).
    ///   - tolerance: Relative centre-shift threshold (1e-4, scikit-learn's `tol`).
    public init(clusterCount: Int, restarts: Int = 10, maxIterations: Int = 300, tolerance: Double = 1e-4) {
        self.clusterCount = clusterCount
        self.restarts = restarts
        self.maxIterations = maxIterations
        self.tolerance = tolerance
    }

    /// Clusters the rows of `data`.
    /// - Parameters:
    ///   - data: `n × d` with `n ≥ clusterCount`.
    ///   - generator: Source of the restarts' seeds.
    /// - Returns: The best of ``restarts`` fits.
    public func fit<G: RandomNumberGenerator>(_ data: Matrix, using generator: inout G) -> KMeansResult {
        precondition(data.rows >= clusterCount && clusterCount >= 1, "k-means needs at least k points")
        let count = max(restarts, 1)
        let seeds = (0..<count).map { _ in generator.next() }
        let geometry = KMeansGeometry(data)
        let workers = min(count, 2)
        let results = ResultSlots<KMeansResult>(count: count)
        BLAS.withThreadCount(atMost: workers > 1 ? 1 : Int.max) {
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                for restart in stride(from: worker, to: count, by: workers) {
                    var restartGenerator = SplitMix64(seed: seeds[restart])
                    let start = Self.seedPlusPlus(geometry, clusterCount: clusterCount, using: &restartGenerator)
                    results.set(restart, lloyd(geometry, initialCenters: start))
                }
            }
        }
        var best = results.get(0)!
        for restart in 1..<count {
            let candidate = results.get(restart)!
            if candidate.inertia < best.inertia { best = candidate }
        }
        return best
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
        seedPlusPlus(KMeansGeometry(data), clusterCount: clusterCount, using: &generator)
    }

    /// Lloyd iterations from given centres.
    /// - Parameters:
    ///   - data: `n × d`.
    ///   - initialCenters: `k × d` starting centres.
    /// - Returns: The converged fit.
    public func lloyd(_ data: Matrix, initialCenters: Matrix) -> KMeansResult {
        lloyd(KMeansGeometry(data), initialCenters: initialCenters)
    }
}
