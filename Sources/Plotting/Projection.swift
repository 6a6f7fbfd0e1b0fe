/// How latent codes become 2-D points: the identity for d ≤ 2, otherwise one PCA basis shared by all
/// frames of a run, fitted on the final epoch so the last frame shows the most spread.
public struct Projection: Sendable {
    /// Code mean (PCA) or zeros.
    public let mean: [Double]
    /// The two basis vectors, each of length d.
    public let axes: [[Double]]
    /// Fraction of the fitted data's variance along each axis (nil for the identity).
    public let explainedVariance: [Double]?

    /// The identity on the first two coordinates (a 1-D code is drawn against zero).
    public static func identity(dimensions: Int) -> Projection {
        let axes = (0..<2).map { a in (0..<dimensions).map { $0 == a ? 1.0 : 0.0 } }
        return Projection(mean: [Double](repeating: 0, count: dimensions), axes: axes, explainedVariance: nil)
    }

    /// Principal components of `codes` (row-major, `rows × dimensions`) by power iteration with deflation
    /// on the covariance matrix; each axis's sign is fixed so its largest coordinate is positive.
    public static func pca(codes: [Float], rows: Int, dimensions: Int) -> Projection {
        guard dimensions > 2, rows > 1 else { return identity(dimensions: dimensions) }
        let d = dimensions
        var mean = [Double](repeating: 0, count: d)
        for r in 0..<rows { for j in 0..<d { mean[j] += Double(codes[r * d + j]) } }
        mean = mean.map { $0 / Double(rows) }
        var covariance = [Double](repeating: 0, count: d * d)
        for r in 0..<rows {
            for i in 0..<d {
                let a = Double(codes[r * d + i]) - mean[i]
                for j in i..<d { covariance[i * d + j] += a * (Double(codes[r * d + j]) - mean[j]) }
            }
        }
        for i in 0..<d {
            for j in i..<d {
                covariance[i * d + j] /= Double(rows - 1)
                covariance[j * d + i] = covariance[i * d + j]
            }
        }
        let total = (0..<d).reduce(0.0) { $0 + covariance[$1 * d + $1] }
        var axes: [[Double]] = [], variances: [Double] = []
        var matrix = covariance
        for component in 0..<2 {
            var v = (0..<d).map { $0 == component ? 1.0 : 0.5 / Double(d) }
            var eigenvalue = 0.0
            for _ in 0..<500 {
                var next = [Double](repeating: 0, count: d)
                for i in 0..<d { for j in 0..<d { next[i] += matrix[i * d + j] * v[j] } }
                let norm = next.reduce(0) { $0 + $1 * $1 }.squareRoot()
                guard norm > 0 else { break }
                next = next.map { $0 / norm }
                let change = zip(next, v).reduce(0) { $0 + abs($1.0 - $1.1) }
                v = next
                eigenvalue = norm
                if change < 1e-12 { break }
            }
            if let largest = v.indices.max(by: { abs(v[$0]) < abs(v[$1]) }), v[largest] < 0 { v = v.map { -$0 } }
            axes.append(v)
            variances.append(total > 0 ? eigenvalue / total : 0)
            for i in 0..<d { for j in 0..<d { matrix[i * d + j] -= eigenvalue * v[i] * v[j] } }
        }
        return Projection(mean: mean, axes: axes, explainedVariance: variances)
    }

    /// Projects codes to 2-D.
    public func apply(codes: [Float], rows: Int) -> (xs: [Float], ys: [Float]) {
        let d = mean.count
        if explainedVariance == nil {
            // The identity: the codes' own float32 values, no arithmetic.
            let xs = (0..<rows).map { codes[$0 * d] }
            return (xs, d >= 2 ? (0..<rows).map { codes[$0 * d + 1] } : [Float](repeating: 0, count: rows))
        }
        var xs = [Float](repeating: 0, count: rows), ys = [Float](repeating: 0, count: rows)
        for r in 0..<rows {
            var x = 0.0, y = 0.0
            for j in 0..<d {
                let centred = Double(codes[r * d + j]) - mean[j]
                x += centred * axes[0][j]
                y += centred * axes[1][j]
            }
            xs[r] = Float(x)
            ys[r] = Float(y)
        }
        return (xs, ys)
    }

    /// Axis titles, with the explained variance for PCA.
    public var axisTitles: (x: String, y: String) {
        guard let explainedVariance else { return ("latent dimension 1", "latent dimension 2") }
        return (
            "PC 1 (\(Int((explainedVariance[0] * 100).rounded())) % of variance)",
            "PC 2 (\(Int((explainedVariance[1] * 100).rounded())) % of variance)"
        )
    }
}
