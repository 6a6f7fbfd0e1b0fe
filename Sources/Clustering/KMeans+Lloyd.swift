import DCNMath
import DCNCore

extension KMeans {
    /// Lloyd iterations with Hamerly's bounds (see ``KMeans``).
    func lloyd(_ geometry: KMeansGeometry, initialCenters: Matrix) -> KMeansResult {
        let n = geometry.rows, d = geometry.columns, k = initialCenters.rows
        var state = LloydState(n: n, k: k, centers: initialCenters)
        state.assignAll(geometry)
        state.sumMembers(geometry)
        var iterations = 0
        let threshold = tolerance * geometry.meanVariance
        while iterations < maxIterations {
            iterations += 1
            let previous = state.centers
            var centers = state.means()
            let reseeded = reseedEmptyClusters(centers: &centers, geometry: geometry, state: state)
            var shifts = [Float](repeating: 0, count: k)
            var totalShift = 0.0
            for c in 0..<k {
                var sum: Float = 0
                for j in 0..<d {
                    let diff = centers[c, j] - previous[c, j]
                    sum += diff * diff
                }
                shifts[c] = sum.squareRoot()
                totalShift += Double(sum)
            }
            state.centers = centers
            let changed = reseeded ? state.assignAll(geometry) : state.update(geometry, shifts: shifts)
            if changed == 0 || totalShift <= threshold { break }
        }
        var inertia = 0.0
        state.centers.values.withUnsafeBufferPointer { m in
            for i in 0..<n { inertia += Double(geometry.squaredDistance(row: i, to: m.baseAddress! + Int(state.assignments[i]) * d)) }
        }
        return KMeansResult(centers: state.centers, assignments: state.assignments, inertia: inertia, iterations: iterations)
    }

    /// Moves each empty cluster's centre onto the point farthest from its own centre (each point used
    /// once); returns whether any moved.
    func reseedEmptyClusters(centers: inout Matrix, geometry: KMeansGeometry, state: LloydState) -> Bool {
        let empty = state.counts.indices.filter { state.counts[$0] == 0 }
        guard !empty.isEmpty else { return false }
        let d = geometry.columns
        let distances = state.centers.values.withUnsafeBufferPointer { m in
            (0..<geometry.rows).map { geometry.squaredDistance(row: $0, to: m.baseAddress! + Int(state.assignments[$0]) * d) }
        }
        let farthest = distances.indices.sorted { distances[$0] > distances[$1] || (distances[$0] == distances[$1] && $0 < $1) }
        for (slot, cluster) in empty.enumerated() where slot < farthest.count {
            for j in 0..<d { centers[cluster, j] = geometry.data[farthest[slot], j] }
        }
        return true
    }
}

/// Assignments, Hamerly's bounds — `upper[i]` ≥ distance to its centre, `lower[i]` ≤ distance to any
/// other centre (plain, not squared, distances) — and each cluster's running sum of its members, kept
/// up to date as points move so that a Lloyd step does not re-read the data (the data is read only
/// for points whose bounds fail, which is what makes late iterations cheap on 70,000 × 784 pixels).
struct LloydState {
    var centers: Matrix
    var assignments: [Int32]
    var upper: [Float]
    var lower: [Float]
    /// Members per cluster.
    private(set) var counts: [Int]
    /// Σ of each cluster's members, `k × d`, in `Double`; valid after ``sumMembers(_:)``.
    private var sums: [Double] = []
    private var distances: [Float]

    init(n: Int, k: Int, centers: Matrix) {
        self.centers = centers
        assignments = [Int32](repeating: 0, count: n)
        upper = [Float](repeating: 0, count: n)
        lower = [Float](repeating: 0, count: n)
        counts = [Int](repeating: 0, count: k)
        distances = [Float](repeating: 0, count: n * k)
    }

    /// Computes the member sums and counts from scratch (once, after the first assignment).
    mutating func sumMembers(_ geometry: KMeansGeometry) {
        let k = centers.rows, d = geometry.columns
        sums = [Double](repeating: 0, count: k * d)
        counts = [Int](repeating: 0, count: k)
        geometry.data.values.withUnsafeBufferPointer { x in
            sums.withUnsafeMutableBufferPointer { s in
                for (i, a) in assignments.enumerated() {
                    counts[Int(a)] += 1
                    VectorKernels.accumulate(x.baseAddress! + i * d, into: s.baseAddress! + Int(a) * d, count: d)
                }
            }
        }
    }

    /// Each cluster's mean; a cluster without members keeps its centre.
    func means() -> Matrix {
        let k = centers.rows, d = centers.columns
        var result = centers
        for c in 0..<k where counts[c] > 0 {
            for j in 0..<d { result.values[c * d + j] = Float(sums[c * d + j] / Double(counts[c])) }
        }
        return result
    }

    /// Moves point `i`'s row from cluster `from`'s sum to cluster `to`'s.
    private mutating func move(_ i: Int, from: Int, to: Int, _ geometry: KMeansGeometry) {
        guard !sums.isEmpty else { return }
        let d = geometry.columns
        counts[from] -= 1
        counts[to] += 1
        geometry.data.values.withUnsafeBufferPointer { x in
            sums.withUnsafeMutableBufferPointer { s in
                let row = x.baseAddress! + i * d
                VectorKernels.accumulate(row, into: s.baseAddress! + to * d, count: d)
                VectorKernels.accumulate(row, into: s.baseAddress! + from * d, count: d, sign: -1)
            }
        }
    }

    /// Assigns every point by one BLAS product and resets its bounds; returns how many changed.
    @discardableResult
    mutating func assignAll(_ geometry: KMeansGeometry) -> Int {
        geometry.squaredDistances(to: centers, into: &distances)
        var changed = 0
        for i in 0..<geometry.rows {
            let old = Int(assignments[i])
            if assignFromDistances(i, k: centers.rows) {
                changed += 1
                move(i, from: old, to: Int(assignments[i]), geometry)
            }
        }
        return changed
    }

    /// Hamerly's step after the centres moved by `shifts`; returns how many assignments changed.
    mutating func update(_ geometry: KMeansGeometry, shifts: [Float]) -> Int {
        let n = geometry.rows, k = centers.rows, d = geometry.columns
        let halfGap = halfDistanceToNearestOtherCenter()
        let largestShift = shifts.max() ?? 0
        var unresolved: [Int] = []
        centers.values.withUnsafeBufferPointer { m in
            for i in 0..<n {
                let own = Int(assignments[i])
                upper[i] += shifts[own]
                lower[i] -= largestShift
                let bound = max(halfGap[own], lower[i])
                if upper[i] <= bound { continue }
                upper[i] = geometry.squaredDistance(row: i, to: m.baseAddress! + own * d).squareRoot()
                if upper[i] > bound { unresolved.append(i) }
            }
        }
        if unresolved.count > n / 8 { return assignAll(geometry) }
        var changed = 0
        centers.values.withUnsafeBufferPointer { m in
            for i in unresolved {
                for c in 0..<k { distances[i * k + c] = geometry.squaredDistance(row: i, to: m.baseAddress! + c * d) }
                let old = Int(assignments[i])
                if assignFromDistances(i, k: k) {
                    changed += 1
                    move(i, from: old, to: Int(assignments[i]), geometry)
                }
            }
        }
        return changed
    }

    /// Sets point `i`'s assignment and bounds from `distances`; ties go to the lower index.
    private mutating func assignFromDistances(_ i: Int, k: Int) -> Bool {
        var best = Float.infinity, second = Float.infinity, bestIndex = 0
        for c in 0..<k {
            let value = distances[i * k + c]
            if value < best {
                second = best
                best = value
                bestIndex = c
            } else if value < second {
                second = value
            }
        }
        let changed = assignments[i] != Int32(bestIndex)
        assignments[i] = Int32(bestIndex)
        upper[i] = best.squareRoot()
        lower[i] = second.squareRoot()
        return changed
    }

    /// s_c = ½ min_{c'≠c} ‖m_c − m_c'‖: a point nearer than s_c to its centre cannot be nearer another.
    private func halfDistanceToNearestOtherCenter() -> [Float] {
        let k = centers.rows, d = centers.columns
        var result = [Float](repeating: .infinity, count: k)
        for a in 0..<k {
            for b in (a + 1)..<max(k, a + 1) {
                var sum: Float = 0
                for j in 0..<d {
                    let diff = centers.values[a * d + j] - centers.values[b * d + j]
                    sum += diff * diff
                }
                let half = sum.squareRoot() / 2
                result[a] = min(result[a], half)
                result[b] = min(result[b], half)
            }
        }
        return result
    }
}
