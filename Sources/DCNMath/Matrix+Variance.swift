import DCNCore
extension Matrix {
    /// The total variance Σ_j Var(column j), i.e. the mean squared distance of the rows to their mean.
    ///
    /// Accumulated in `Double`, column sums first, so 70,000 × 784 pixels lose no precision.
    public var totalVariance: Double {
        guard rows > 0 else { return 0 }
        var sums = [Double](repeating: 0, count: columns)
        var squares = [Double](repeating: 0, count: columns)
        values.withUnsafeBufferPointer { x in
            for r in 0..<rows {
                let row = x.baseAddress! + r * columns
                for j in 0..<columns {
                    let v = Double(row[j])
                    sums[j] += v
                    squares[j] += v * v
                }
            }
        }
        let n = Double(rows)
        var total = 0.0
        for j in 0..<columns {
            let mean = sums[j] / n
            total += max(squares[j] / n - mean * mean, 0)
        }
        return total
    }
}
