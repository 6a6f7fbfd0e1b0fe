import Foundation
import DCNMath
import DCNCore

extension KMeans {
    /// Greedy k-means++ on precomputed geometry; each step's candidates are measured by one BLAS product.
    static func seedPlusPlus<G: RandomNumberGenerator>(
        _ geometry: KMeansGeometry, clusterCount: Int, using generator: inout G
    ) -> Matrix {
        let n = geometry.rows
        let trials = 2 + Int(log(Double(clusterCount)))
        var chosen = [generator.nextIndex(below: n)]
        var buffer = [Float](repeating: 0, count: n * trials)
        geometry.squaredDistances(to: geometry.data.rows(chosen), into: &buffer)
        var closest = Array(buffer[0..<n])
        var potential = closest.reduce(0.0) { $0 + Double($1) }
        while chosen.count < clusterCount {
            let candidates = (0..<trials).map { _ in sample(closest, total: potential, using: &generator) }
            geometry.squaredDistances(to: geometry.data.rows(candidates), into: &buffer)
            var bestTrial = 0, bestPotential = Double.infinity
            for t in 0..<trials {
                var total = 0.0
                for i in 0..<n { total += Double(min(closest[i], buffer[i * trials + t])) }
                if total < bestPotential {
                    bestPotential = total
                    bestTrial = t
                }
            }
            for i in 0..<n { closest[i] = min(closest[i], buffer[i * trials + bestTrial]) }
            chosen.append(candidates[bestTrial])
            potential = bestPotential
        }
        return geometry.data.rows(chosen)
    }

    /// An index drawn with probability proportional to `weights` (uniform when they are all zero).
    static func sample<G: RandomNumberGenerator>(_ weights: [Float], total: Double, using generator: inout G) -> Int {
        guard total > 0 else { return generator.nextIndex(below: weights.count) }
        let target = generator.nextUnitDouble() * total
        var cumulative = 0.0
        for (index, weight) in weights.enumerated() {
            cumulative += Double(weight)
            if cumulative > target { return index }
        }
        return weights.lastIndex { $0 > 0 } ?? (weights.count - 1)
    }
}
