public import DCNCore
import DCNMath
import Foundation

/// How well a labelling describes the samples as a mixture of spherical Gaussians, one per cluster with
/// its own weight and spread: the classification log-likelihood per sample,
/// Σ_c (n_c/N) · (log(n_c/N) − (d/2) · log σ_c²), where σ_c² is cluster c's mean squared distance to its
/// mean per dimension (constants dropped; higher is better).
///
/// The end judge's second opinion. A normalised cut, like the k-means objective, prefers clusters of
/// similar size: it charges a small cluster its whole boundary against a small volume, so it would
/// rather split a large class than keep a small one. Each cluster here has its own weight and spread,
/// so a small, tight cluster fits as well as a large one and a large class cut in two fits worse than
/// the class itself.
public enum MixtureFit {
    /// The fit of a labelling, or nil when one of its clusters has collapsed (``CollapseRule``): a cluster
    /// of a point or two has no spread to measure and would fit without bound.
    /// - Parameters:
    ///   - points: The samples as rows, in the space the labellings are compared in (the scaled input).
    ///   - assignments: The cluster of every row.
    ///   - clusterCount: k.
    ///   - totalVariance: The points' total variance, when the caller scores several labellings of them
    ///     (it sets the floor on a cluster's spread); computed here when nil.
    public static func score(points: Matrix, assignments: [Int32], clusterCount: Int, totalVariance: Double? = nil) -> Double? {
        let n = points.rows, d = points.columns
        guard n > 0, d > 0, assignments.count == n else { return nil }
        var counts = [Int](repeating: 0, count: clusterCount)
        var sums = [Double](repeating: 0, count: clusterCount * d)
        var squares = [Double](repeating: 0, count: clusterCount)
        for i in 0..<n {
            let c = Int(assignments[i])
            counts[c] += 1
            for j in 0..<d {
                let v = Double(points.values[i * d + j])
                sums[c * d + j] += v
                squares[c] += v * v
            }
        }
        guard !CollapseRule.hasCollapsed(sizes: counts) else { return nil }
        // A floor on each cluster's spread, far below any real one, so that a cluster of identical
        // samples has a finite fit.
        let floor = max((totalVariance ?? points.totalVariance) / Double(d), 1e-12) * 1e-6
        var fit = 0.0
        for c in 0..<clusterCount where counts[c] > 0 {
            let size = Double(counts[c])
            var meanSquare = 0.0
            for j in 0..<d { meanSquare += sums[c * d + j] * sums[c * d + j] }
            let spread = max((squares[c] - meanSquare / size) / (size * Double(d)), floor)
            let weight = size / Double(n)
            fit += weight * (log(weight) - 0.5 * Double(d) * log(spread))
        }
        return fit
    }
}
