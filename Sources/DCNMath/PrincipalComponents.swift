internal import CBLAS
public import DCNCore

/// The principal components of a set of rows: the eigenvalues (variances along each axis, largest
/// first) and unit eigenvectors of their covariance, from LAPACK's `dsyevd` (which OpenBLAS builds in).
public struct PrincipalComponents: Sendable {
    /// The column means the components are centred on.
    public let means: [Float]
    /// Variance along each component, largest first (population covariance, divided by n).
    public let variances: [Double]
    /// Component `i` is row `i`: `dimensions × dimensions`, rows in the order of ``variances``.
    public let axes: Matrix

    /// Computes the components of `rows` (`n × d`, n ≥ 1): the covariance by one BLAS product, its
    /// eigen-decomposition in double precision.
    public init(of rows: Matrix) {
        let n = rows.rows, d = rows.columns
        var means = [Float](repeating: 0, count: d)
        var sums = [Double](repeating: 0, count: d)
        for r in 0..<n { for c in 0..<d { sums[c] += Double(rows.values[r * d + c]) } }
        for c in 0..<d { means[c] = Float(sums[c] / Double(max(n, 1))) }
        var centred = rows
        for r in 0..<n { for c in 0..<d { centred.values[r * d + c] -= means[c] } }
        var covariance = [Float](repeating: 0, count: d * d)
        centred.values.withUnsafeBufferPointer { x in
            covariance.withUnsafeMutableBufferPointer { cov in
                BLAS.gemm(
                    .transposed, x.baseAddress!, .none, x.baseAddress!, into: cov.baseAddress!, rows: d, columns: d, inner: n,
                    alpha: 1 / Float(max(n, 1)))
            }
        }
        var a = covariance.map(Double.init)
        var eigenvalues = [Double](repeating: 0, count: d)
        guard Self.symmetricEigen(&a, dimension: d, eigenvalues: &eigenvalues) else {
            // LAPACK did not converge (never seen on finite data): the coordinate axes, equal variances,
            // which keeps every component wherever a caller thresholds them.
            let total = (0..<d).reduce(0.0) { $0 + Double(covariance[$1 * d + $1]) }
            self.means = means
            variances = [Double](repeating: total / Double(max(d, 1)), count: d)
            var identity = Matrix(rows: d, columns: d)
            for i in 0..<d { identity.values[i * d + i] = 1 }
            axes = identity
            return
        }
        // dsyevd returns ascending eigenvalues and the eigenvectors as columns of a column-major matrix,
        // i.e. as rows of the row-major buffer: vector i is a[i*d ..< (i+1)*d].
        var axes = [Float](repeating: 0, count: d * d)
        for i in 0..<d {
            let source = d - 1 - i
            for c in 0..<d { axes[i * d + c] = Float(a[source * d + c]) }
        }
        self.means = means
        variances = eigenvalues.reversed().map { max($0, 0) }
        self.axes = Matrix(rows: d, columns: d, values: axes)
    }

    /// The coordinates of `rows` on the first `count` components (`n × count`).
    public func project(_ rows: Matrix, count: Int) -> Matrix {
        let n = rows.rows, d = rows.columns
        precondition(d == means.count && count >= 1 && count <= d, "project \(d) columns onto \(count) of \(means.count) components")
        var centred = rows
        for r in 0..<n { for c in 0..<d { centred.values[r * d + c] -= means[c] } }
        var out = Matrix(rows: n, columns: count)
        centred.values.withUnsafeBufferPointer { x in
            axes.values.withUnsafeBufferPointer { v in
                out.values.withUnsafeMutableBufferPointer { o in
                    BLAS.gemm(.none, x.baseAddress!, .transposed, v.baseAddress!, into: o.baseAddress!, rows: n, columns: count, inner: d)
                }
            }
        }
        return out
    }

    /// Eigenvalues (ascending) and eigenvectors (overwriting `a`) of the symmetric `dimension²` matrix `a`;
    /// false when LAPACK reports a failure.
    private static func symmetricEigen(_ a: inout [Double], dimension d: Int, eigenvalues: inout [Double]) -> Bool {
        guard d > 0 else { return true }
        var jobz = Int8(UInt8(ascii: "V")), uplo = Int8(UInt8(ascii: "L"))
        var n = Int32(d), lda = Int32(d), info: Int32 = 0
        var lwork: Int32 = -1, liwork: Int32 = -1
        var workSize = 0.0, iworkSize: Int32 = 0
        dsyevd_(&jobz, &uplo, &n, &a, &lda, &eigenvalues, &workSize, &lwork, &iworkSize, &liwork, &info)
        guard info == 0 else { return false }
        lwork = Int32(workSize)
        liwork = iworkSize
        var work = [Double](repeating: 0, count: Int(lwork)), iwork = [Int32](repeating: 0, count: Int(liwork))
        dsyevd_(&jobz, &uplo, &n, &a, &lda, &eigenvalues, &work, &lwork, &iwork, &liwork, &info)
        return info == 0
    }
}
