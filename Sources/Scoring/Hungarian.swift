/// The Hungarian method (Kuhn–Munkres, O(n³) with potentials) for the assignment problem.
public enum Hungarian {
    /// A minimum-cost matching of rows to columns.
    ///
    /// Rectangular matrices are padded with zero-cost dummy rows or columns; rows matched to a dummy
    /// column get `nil`.
    /// - Parameter cost: `rows × columns` costs, `cost[r][c]`.
    /// - Returns: For each row, its matched column or nil.
    public static func minimumCostAssignment(_ cost: [[Double]]) -> [Int?] {
        let rows = cost.count
        let columns = cost.first?.count ?? 0
        guard rows > 0, columns > 0 else { return Array(repeating: nil, count: rows) }
        let n = max(rows, columns)
        func c(_ i: Int, _ j: Int) -> Double { i < rows && j < columns ? cost[i][j] : 0 }
        // 1-based arrays as in the classic e-maxx formulation; p[j] = row matched to column j.
        var u = [Double](repeating: 0, count: n + 1), v = [Double](repeating: 0, count: n + 1)
        var p = [Int](repeating: 0, count: n + 1), way = [Int](repeating: 0, count: n + 1)
        for i in 1...n {
            p[0] = i
            var j0 = 0
            var minv = [Double](repeating: .infinity, count: n + 1)
            var used = [Bool](repeating: false, count: n + 1)
            repeat {
                used[j0] = true
                let i0 = p[j0]
                var delta = Double.infinity, j1 = 0
                for j in 1...n where !used[j] {
                    let current = c(i0 - 1, j - 1) - u[i0] - v[j]
                    if current < minv[j] {
                        minv[j] = current
                        way[j] = j0
                    }
                    if minv[j] < delta {
                        delta = minv[j]
                        j1 = j
                    }
                }
                for j in 0...n {
                    if used[j] {
                        u[p[j]] += delta
                        v[j] -= delta
                    } else {
                        minv[j] -= delta
                    }
                }
                j0 = j1
            } while p[j0] != 0
            repeat {
                let j1 = way[j0]
                p[j0] = p[j1]
                j0 = j1
            } while j0 != 0
        }
        var result = [Int?](repeating: nil, count: rows)
        for j in 1...n where p[j] >= 1 && p[j] <= rows && j <= columns {
            result[p[j] - 1] = j - 1
        }
        return result
    }

    /// A maximum-weight matching of rows to columns (weights negated into costs).
    /// - Parameter weight: `rows × columns` weights.
    /// - Returns: For each row, its matched column or nil.
    public static func maximumWeightAssignment(_ weight: [[Double]]) -> [Int?] {
        minimumCostAssignment(weight.map { $0.map { -$0 } })
    }
}
