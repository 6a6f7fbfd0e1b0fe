public import DCNMath
import DCNCore

/// Assigning points to their nearest centre by squared Euclidean distance.
public enum NearestCenter {
    /// The index of the nearest centre to each row of `points`, and the squared distance to it.
    ///
    /// Uses ‖x − m‖² = ‖x‖² − 2·x·m + ‖m‖² with the cross terms from BLAS, in chunks, so it stays fast
    /// for 70,000 × 784 inputs; ties go to the lower index.
    /// - Parameters:
    ///   - points: `n × d`.
    ///   - centers: `k × d`.
    /// - Returns: Assignments (`n`) and squared distances (`n`, never negative).
    public static func assign(_ points: Matrix, to centers: Matrix) -> (assignments: [Int32], distances: [Float]) {
        precondition(points.columns == centers.columns, "points and centres differ in dimension")
        let n = points.rows, k = centers.rows, d = points.columns
        var assignments = [Int32](repeating: 0, count: n)
        var distances = [Float](repeating: 0, count: n)
        guard n > 0, k > 0 else { return (assignments, distances) }
        if d <= 4 {
            // Low-dimensional latent spaces: a direct loop is faster than a matrix product.
            points.values.withUnsafeBufferPointer { x in
                centers.values.withUnsafeBufferPointer { m in
                    for i in 0..<n {
                        let (index, distance) = nearest(to: x.baseAddress! + i * d, among: m.baseAddress!, count: k, dimensions: d)
                        assignments[i] = Int32(index)
                        distances[i] = distance
                    }
                }
            }
            return (assignments, distances)
        }
        let centerNorms = (0..<k).map { c in (0..<d).reduce(Float(0)) { $0 + centers.values[c * d + $1] * centers.values[c * d + $1] } }
        let chunk = 2048
        var products = [Float](repeating: 0, count: chunk * k)
        points.values.withUnsafeBufferPointer { x in
            centers.values.withUnsafeBufferPointer { m in
                products.withUnsafeMutableBufferPointer { p in
                    var start = 0
                    while start < n {
                        let rows = min(chunk, n - start)
                        BLAS.gemm(
                            .none, x.baseAddress! + start * d, .transposed, m.baseAddress!, into: p.baseAddress!,
                            rows: rows, columns: k, inner: d)
                        for r in 0..<rows {
                            let row = x.baseAddress! + (start + r) * d
                            var norm: Float = 0
                            for j in 0..<d { norm += row[j] * row[j] }
                            var best = Float.infinity, bestIndex = 0
                            for c in 0..<k {
                                let distance = norm - 2 * p[r * k + c] + centerNorms[c]
                                if distance < best {
                                    best = distance
                                    bestIndex = c
                                }
                            }
                            assignments[start + r] = Int32(bestIndex)
                            distances[start + r] = max(best, 0)
                        }
                        start += rows
                    }
                }
            }
        }
        return (assignments, distances)
    }

    /// The nearest of `count` centres to one code, by a direct loop over exact squared distances
    /// (ties go to the lower index): the kernel of every per-sample assignment.
    /// - Parameters:
    ///   - code: `dimensions` values.
    ///   - centers: `count × dimensions` values, row-major.
    ///   - count: Number of centres (≥ 1).
    ///   - dimensions: Values per code.
    /// - Returns: The centre's index and the squared distance to it.
    @inlinable
    public static func nearest(to code: UnsafePointer<Float>, among centers: UnsafePointer<Float>, count: Int, dimensions: Int)
        -> (index: Int, distance: Float)
    {
        let (first, _) = twoNearest(to: code, among: centers, count: count, dimensions: dimensions)
        return first
    }

    /// The nearest and second-nearest of `count` centres to one code (exact squared distances; ties go
    /// to the lower index). With one centre, both are that centre.
    /// - Parameters: As ``nearest(to:among:count:dimensions:)``.
    /// - Returns: Index and squared distance of the nearest and of the runner-up.
    @inlinable
    public static func twoNearest(to code: UnsafePointer<Float>, among centers: UnsafePointer<Float>, count: Int, dimensions: Int)
        -> (first: (index: Int, distance: Float), second: (index: Int, distance: Float))
    {
        var best = Float.infinity, second = Float.infinity, bestIndex = 0, secondIndex = 0
        for c in 0..<count {
            var sum: Float = 0
            for j in 0..<dimensions {
                let diff = code[j] - centers[c * dimensions + j]
                sum += diff * diff
            }
            if sum < best {
                second = best
                secondIndex = bestIndex
                best = sum
                bestIndex = c
            } else if sum < second {
                second = sum
                secondIndex = c
            }
        }
        return ((bestIndex, best), (secondIndex, second))
    }
}
