import Clustering
public import DCNCore
import DCNMath
import Foundation

/// `--scaling auto`'s choice for a table that is not pixels (0.13.0): the view of the
/// data under which k-means' own model explains the data best, measured in the input's own units.
///
/// Each candidate view — `shared` (centred, one common spread), `standardize`, and `log` when no value is
/// negative — is clustered by k-means, and its partition scored by the classification log-likelihood of
/// k-means' model (k spherical Gaussians of one common variance, mixed in the partition's proportions),
/// per sample, plus the view's log-Jacobian per sample. The Jacobian is the change of variables that turns
/// a density of the scaled values into one of the input's values, so the three figures are densities of
/// the same data and compare directly; the highest wins. One rule in place of the four it replaced
/// (a skewness threshold for `log`, a 200× spread ratio, a contrast check of the shared view with its
/// margin, and "a non-negative table that would be standardised is logged"), chosen on the benchmark's
/// development half (docs/benchmark.md, *One criterion for a table's scaling*).
///
/// Constant features are left out of every figure. Its draws use seed 0 whatever the run's seed, so every
/// seed of a table trains on the same scaling; a table of more than ``sampleCap`` rows is judged on evenly
/// spaced rows.
public struct ScalingCheck: Sendable {
    /// One candidate view and its score.
    public struct Candidate: Sendable, Equatable {
        /// The view.
        public let scaling: FeatureScaling
        /// k-means' classification log-likelihood per sample in the input's units (higher is better).
        public let logLikelihood: Double
    }

    /// The views judged, in the order `shared`, `standardize`, `log` (when the table can take it).
    public let candidates: [Candidate]

    /// The most rows the check clusters: beyond it, evenly spaced rows stand for the table.
    public static let sampleCap = 10_000

    /// The seed of the check's k-means, whatever the run's.
    static let seed: UInt64 = 0

    /// Judges the views of `features`.
    /// - Parameters:
    ///   - features: The unscaled table (rows are samples).
    ///   - clusterCount: k.
    ///   - restarts: k-means restarts (the run's).
    public init(features: Matrix, clusterCount: Int, restarts: Int) {
        let rows = Self.evenlySpacedRows(of: features)
        let varying = Self.varyingColumns(of: rows)
        let table = rows.columns(varying)
        let scalings: [FeatureScaling] = table.isNonNegative ? [.shared, .standardize, .log] : [.shared, .standardize]
        let kmeans = KMeans(clusterCount: clusterCount, restarts: restarts)
        candidates = scalings.map { scaling in
            let transform = scaling.fit(table)
            var view = table
            transform.apply(to: &view)
            var generator = SplitMix64.stream(seed: Self.seed, .scalingCheck)
            let result = kmeans.fit(view, using: &generator)
            let likelihood = Self.logLikelihood(
                squaredError: result.inertia, assignments: result.assignments, clusterCount: clusterCount, dimensions: view.columns)
            return Candidate(scaling: scaling, logLikelihood: likelihood + Self.logJacobian(of: transform, on: table))
        }
    }

    /// A check with the given figures (for tests of the rule).
    init(candidates: [Candidate]) {
        self.candidates = candidates
    }

    /// The view with the highest likelihood (the earlier one on a tie); `standardize` when no feature varies.
    public var chosen: FeatureScaling {
        // `max(by:)` keeps the first of equal elements.
        candidates.max { $0.logLikelihood < $1.logLikelihood }?.scaling ?? .standardize
    }

    /// k-means' classification log-likelihood per sample of a partition of n points in D dimensions:
    /// −(D/2)·log(2π·σ²) − D/2 + Σ_c (n_c/n)·log(n_c/n), with σ² = SSE/(n·D), the common variance's
    /// maximum-likelihood value. +∞ when the clusters hold no spread at all.
    static func logLikelihood(squaredError: Double, assignments: [Int32], clusterCount: Int, dimensions: Int) -> Double {
        let n = Double(assignments.count), d = Double(dimensions)
        guard n > 0, dimensions > 0 else { return 0 }
        var sizes = [Double](repeating: 0, count: clusterCount)
        for label in assignments { sizes[Int(label)] += 1 }
        let proportions = sizes.filter { $0 > 0 }.reduce(0.0) { $0 + ($1 / n) * Foundation.log($1 / n) }
        let variance = squaredError / (n * d)
        guard variance > 0 else { return .infinity }
        return -(d / 2) * Foundation.log(2 * Double.pi * variance) - d / 2 + proportions
    }

    /// The log-Jacobian per sample of `transform` on `table`: Σ_j log(scale_j), and for `log` also
    /// −mean over rows of Σ_j log(1 + x_ij), the derivative of log(1 + x).
    static func logJacobian(of transform: FittedScaling, on table: Matrix) -> Double {
        var jacobian = transform.scale.reduce(0.0) { $0 + Foundation.log(Double($1)) }
        if transform.mode == .log {
            let logged = table.values.reduce(0.0) { $0 + Foundation.log1p(Double($1)) }
            jacobian -= logged / Double(max(table.rows, 1))
        }
        return jacobian
    }

    /// The columns of `table` that hold more than one value.
    static func varyingColumns(of table: Matrix) -> [Int] {
        let d = table.columns
        var varies = [Bool](repeating: false, count: d)
        for (index, value) in table.values.enumerated() where value != table.values[index % d] {
            varies[index % d] = true
        }
        return (0..<d).filter { varies[$0] }
    }

    /// `table` itself, or ``sampleCap`` of its rows evenly spaced from the first.
    static func evenlySpacedRows(of table: Matrix) -> Matrix {
        guard table.rows > sampleCap else { return table }
        return table.rows((0..<sampleCap).map { $0 * table.rows / sampleCap })
    }

    /// The check in words for the report.
    public var reason: String {
        if !candidates.isEmpty, candidates.allSatisfy({ $0.logLikelihood == .infinity }) {
            return
                "k-means' clusters hold no spread in any view (no more distinct rows than clusters), so the views tie and the first is kept: \(Self.words(chosen))"
        }
        let figures = candidates.map { "\(Self.name($0.scaling)) \(String(format: "%.2f", $0.logLikelihood))" }.joined(separator: ", ")
        return
            "the view under which k-means' model explains the table best (log-likelihood per sample in the input's units: \(figures)): \(Self.words(chosen))"
    }

    private static func name(_ scaling: FeatureScaling) -> String {
        switch scaling {
        case .shared: "shared"
        case .log: "log"
        default: "standardised"
        }
    }

    private static func words(_ scaling: FeatureScaling) -> String {
        switch scaling {
        case .shared: "centred and divided by one common spread, keeping the features' relative weight"
        case .log: "log(1 + x), then each feature standardised to mean 0 and variance 1"
        default: "each feature standardised to mean 0 and variance 1"
        }
    }
}
