import DCNMath
import DCNCore

/// The data of a k-means fit with what every restart needs precomputed: squared row norms (for
/// distances by BLAS as ‖x‖² − 2x·m + ‖m‖²) and the mean feature variance (for the stopping rule).
struct KMeansGeometry: Sendable {
    let data: Matrix
    let squaredNorms: [Float]
    let meanVariance: Double

    init(_ data: Matrix) {
        self.data = data
        let d = data.columns
        squaredNorms = data.values.withUnsafeBufferPointer { x in
            (0..<data.rows).map { i in
                let row = x.baseAddress! + i * d
                return (0..<d).reduce(Float(0)) { $0 + row[$1] * row[$1] }  // once per fit: not worth SIMD
            }
        }
        meanVariance = d > 0 ? data.totalVariance / Double(d) : 0
    }

    var rows: Int { data.rows }
    var columns: Int { data.columns }

    /// `distances[i * m + c] = ‖x_i − centers_c‖²` (never negative) for every row, by one BLAS product.
    func squaredDistances(to centers: Matrix, into distances: inout [Float]) {
        let n = rows, m = centers.rows, d = columns
        precondition(distances.count >= n * m, "distance buffer too small")
        let centerNorms = (0..<m).map { c in (0..<d).reduce(Float(0)) { $0 + centers.values[c * d + $1] * centers.values[c * d + $1] } }
        data.values.withUnsafeBufferPointer { x in
            centers.values.withUnsafeBufferPointer { cv in
                distances.withUnsafeMutableBufferPointer { p in
                    BLAS.gemm(
                        .none, x.baseAddress!, .transposed, cv.baseAddress!, into: p.baseAddress!,
                        rows: n, columns: m, inner: d, alpha: -2)
                    for i in 0..<n {
                        for c in 0..<m { p[i * m + c] = max(p[i * m + c] + squaredNorms[i] + centerNorms[c], 0) }
                    }
                }
            }
        }
    }

    /// ‖x_i − center‖², computed directly (exact to rounding, for bounds and the final inertia).
    func squaredDistance(row i: Int, to center: UnsafePointer<Float>) -> Float {
        data.values.withUnsafeBufferPointer { x in
            VectorKernels.squaredDistance(x.baseAddress! + i * columns, center, count: columns)
        }
    }
}
