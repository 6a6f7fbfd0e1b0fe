import DCNCore
import DCNMath

/// Two views of the same samples side by side, each weighted equally: the rows of both are centred and
/// divided by the square root of their view's total variance, then written one after the other.
///
/// k-means in this space (``StartPartition/joint``) sees both what k-means sees in the scaled input and
/// what it sees in the autoencoder's codes; neither view outweighs the other because of its dimension
/// count or the scale its values happen to have.
public enum JointSpace {
    /// The joint matrix of two views with one row per sample.
    /// - Parameters:
    ///   - first: One view (here the scaled input), `n` rows.
    ///   - second: The other view (here the codes), `n` rows.
    /// - Returns: An `n × (first.columns + second.columns)` matrix whose two blocks each have total variance 1
    ///   (a constant view stays all zeros).
    public static func combine(_ first: Matrix, _ second: Matrix) -> Matrix {
        precondition(first.rows == second.rows, "both views need one row per sample")
        let width = first.columns + second.columns
        var joint = Matrix(rows: first.rows, columns: width)
        for (view, offset) in [(first, 0), (second, first.columns)] {
            let means = FeatureScaling.standardize.fit(view).offset  // the column means
            let spread = view.totalVariance.squareRoot()
            let factor = spread > 0 ? Float(1 / spread) : 0
            for r in 0..<view.rows {
                for j in 0..<view.columns {
                    joint.values[r * width + offset + j] = (view.values[r * view.columns + j] - means[j]) * factor
                }
            }
        }
        return joint
    }
}
