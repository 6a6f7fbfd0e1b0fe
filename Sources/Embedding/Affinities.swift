import DCNCore
import Foundation

/// t-SNE's input similarities: for each point, a Gaussian over its 3·perplexity nearest neighbours with
/// the bandwidth that gives the requested perplexity, symmetrised, P_ij = (p_j|i + p_i|j) / 2n, stored
/// sparsely (van der Maaten, "Accelerating t-SNE using tree-based algorithms", JMLR 2014).
public struct Affinities: Sendable {
    /// Row starts into ``columns`` and ``values`` (n + 1 entries).
    public let rowStarts: [Int]
    /// Neighbour index of each stored entry.
    public let columns: [Int]
    /// P_ij of each stored entry; all entries sum to 1.
    public let values: [Double]

    /// Computes the affinities of `points` (row-major, `count × dimensions`).
    /// - Parameters:
    ///   - points: The input coordinates.
    ///   - count: Number of points n (≥ 2).
    ///   - dimensions: Coordinates per point.
    ///   - perplexity: The effective number of neighbours (30 by default in t-SNE); capped at (n − 1) / 3.
    public init(points: [Float], count: Int, dimensions: Int, perplexity: Double) {
        let n = count, d = dimensions
        let k = min(n - 1, max(1, Int((3 * perplexity).rounded(.up))))
        let target = log(min(perplexity, Double(n - 1) / 3).clampedBelow(1.0001))
        var conditional = [[(Int, Double)]](repeating: [], count: n)
        let slots = ResultSlots<[Neighbour]>(count: n)
        points.withUnsafeBufferPointer { buffer in
            let x = SharedBuffer(buffer)
            parallelChunks(n) { range in
                var distances = [Double](repeating: 0, count: n)
                for i in range {
                    let row = x.base + i * d
                    for j in 0..<n {
                        var sum: Double = 0
                        for c in 0..<d {
                            let diff = Double(row[c]) - Double(x[j * d + c])
                            sum += diff * diff
                        }
                        distances[j] = sum
                    }
                    distances[i] = .infinity
                    let neighbours = smallest(k, of: distances)
                    slots.set(i, gaussian(neighbours.map { Neighbour(index: $0, value: distances[$0]) }, entropy: target))
                }
            }
        }
        for i in 0..<n { conditional[i] = slots.get(i)!.map { ($0.index, $0.value) } }
        // Symmetrise: P_ij = (p_j|i + p_i|j) / 2n.
        var rows = [[Int: Double]](repeating: [:], count: n)
        for i in 0..<n {
            for (j, p) in conditional[i] {
                rows[i][j, default: 0] += p / Double(2 * n)
                rows[j][i, default: 0] += p / Double(2 * n)
            }
        }
        var rowStarts = [0], columns: [Int] = [], values: [Double] = []
        for row in rows {
            for (j, p) in row.sorted(by: { $0.key < $1.key }) {
                columns.append(j)
                values.append(p)
            }
            rowStarts.append(columns.count)
        }
        self.rowStarts = rowStarts
        self.columns = columns
        self.values = values
    }
}

/// The indices of the `k` smallest values, ascending by value (ties by index).
func smallest(_ k: Int, of values: [Double]) -> [Int] {
    // A bounded max-heap of (value, index): O(n log k).
    var heap: [(Double, Int)] = []
    heap.reserveCapacity(k + 1)
    func larger(_ a: (Double, Int), _ b: (Double, Int)) -> Bool { a.0 > b.0 || (a.0 == b.0 && a.1 > b.1) }
    for (index, value) in values.enumerated() {
        if heap.count < k {
            heap.append((value, index))
            var child = heap.count - 1
            while child > 0 {
                let parent = (child - 1) / 2
                guard larger(heap[child], heap[parent]) else { break }
                heap.swapAt(child, parent)
                child = parent
            }
        } else if larger(heap[0], (value, index)) {
            heap[0] = (value, index)
            var parent = 0
            while true {
                let left = 2 * parent + 1, right = left + 1
                var largest = parent
                if left < heap.count && larger(heap[left], heap[largest]) { largest = left }
                if right < heap.count && larger(heap[right], heap[largest]) { largest = right }
                guard largest != parent else { break }
                heap.swapAt(parent, largest)
                parent = largest
            }
        }
    }
    return heap.sorted { larger($1, $0) }.map(\.1)
}

/// p_j|i over the neighbours, with the precision β found by bisection so that the entropy is `entropy`.
func gaussian(_ neighbours: [Neighbour], entropy target: Double) -> [Neighbour] {
    let nearest = neighbours.map(\.value).min() ?? 0
    var beta = 1.0, low = 0.0, high = Double.infinity
    var probabilities = [Double](repeating: 0, count: neighbours.count)
    for _ in 0..<200 {
        var sum = 0.0, weighted = 0.0
        for (index, neighbour) in neighbours.enumerated() {
            let p = exp(-(neighbour.value - nearest) * beta)  // shifted by the nearest distance for stability
            probabilities[index] = p
            sum += p
            weighted += p * (neighbour.value - nearest)
        }
        let entropy = log(sum) + beta * weighted / sum
        for index in probabilities.indices { probabilities[index] /= sum }
        let error = entropy - target
        if abs(error) < 1e-5 { break }
        if error > 0 {
            low = beta
            beta = high.isInfinite ? beta * 2 : (beta + high) / 2
        } else {
            high = beta
            beta = (beta + low) / 2
        }
    }
    return zip(neighbours, probabilities).map { Neighbour(index: $0.0.index, value: $0.1) }
}

/// A neighbour's index with a distance or a probability.
struct Neighbour: Sendable {
    let index: Int
    let value: Double
}

extension Double {
    func clampedBelow(_ minimum: Double) -> Double { Swift.max(self, minimum) }
}
