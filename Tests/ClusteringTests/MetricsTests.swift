import Clustering
import Foundation
import TestSupport
import Testing
import Scoring

@Suite("Clustering metrics")
struct MetricsTests {
    // truth = [0,0,0,1,1,1], predicted = [0,0,1,1,2,2]:
    // contingency rows (clusters) = [2,0], [1,1], [0,2].
    // MI = (4/6)·ln 2; H(truth) = ln 2; H(pred) = ln 3 → NMI = (4/6)ln2 / ((ln2 + ln3)/2) = 0.51580374…
    // ARI: Σ C(n_ij,2) = 2, Σ C(a_i,2) = 3, Σ C(b_j,2) = 6, E = 3·6/15 = 1.2 → (2 − 1.2)/(4.5 − 1.2) = 0.24242424…
    // ACC: best matching 0→0 (2), 2→1 (2) → 4/6.
    let truth: [Int32] = [0, 0, 0, 1, 1, 1]
    let predicted: [Int32] = [0, 0, 1, 1, 2, 2]

    @Test("NMI, ARI and ACC match hand-computed values")
    func handComputed() {
        let metrics = ClusteringMetrics(predicted: predicted, truth: truth)
        let mutualInformation: Double = 4.0 / 6 * log(2.0)
        let meanEntropy: Double = (log(2.0) + log(3.0)) / 2
        #expect(approximatelyEqual(metrics.nmi, mutualInformation / meanEntropy))
        #expect(approximatelyEqual(metrics.nmi, 0.5158037429793889, tolerance: 1e-12))
        #expect(approximatelyEqual(metrics.ari, 0.8 / 3.3))
        #expect(approximatelyEqual(metrics.acc, 4.0 / 6))
    }

    @Test("a perfect clustering under renamed cluster ids scores 1 on every metric")
    func permutationInvariance() {
        let metrics = ClusteringMetrics(predicted: [2, 2, 0, 0, 1, 1], truth: [0, 0, 1, 1, 2, 2])
        #expect(approximatelyEqual(metrics.nmi, 1))
        #expect(approximatelyEqual(metrics.ari, 1))
        #expect(metrics.acc == 1)
    }

    @Test("a single predicted cluster for two classes scores NMI 0 and ARI 0")
    func trivialClustering() {
        let metrics = ClusteringMetrics(predicted: [0, 0, 0, 0], truth: [0, 0, 1, 1])
        #expect(metrics.nmi == 0)
        #expect(approximatelyEqual(metrics.ari, 0))
        #expect(metrics.acc == 0.5)
    }

    @Test("Hungarian matching equals the brute-force optimum on random 5×5 weights")
    func hungarianAgainstBruteForce() {
        var generator = SplitMix64Like(seed: 11)
        for _ in 0..<20 {
            let weights = (0..<5).map { _ in (0..<5).map { _ in Double(generator.next() % 100) } }
            let matching = Hungarian.maximumWeightAssignment(weights)
            let value = matching.enumerated().reduce(0.0) { $0 + weights[$1.offset][$1.element!] }
            #expect(value == bruteForceMaximum(weights))
            #expect(Set(matching.compactMap { $0 }).count == 5)
        }
    }

    @Test("rectangular matching leaves extra clusters unmatched")
    func rectangularMatching() {
        let matching = Hungarian.maximumWeightAssignment([[5, 1], [4, 0], [0, 9]])
        #expect(matching == [0, nil, 1])
    }

    func bruteForceMaximum(_ weights: [[Double]]) -> Double {
        func permutations(_ items: [Int]) -> [[Int]] {
            guard items.count > 1 else { return [items] }
            return items.flatMap { item in permutations(items.filter { $0 != item }).map { [item] + $0 } }
        }
        return permutations(Array(0..<weights.count)).map { p in p.enumerated().reduce(0.0) { $0 + weights[$1.offset][$1.element] } }.max()!
    }
}

/// An independent tiny generator (xorshift) so this test does not depend on the code under test.
struct SplitMix64Like {
    var state: UInt64
    init(seed: UInt64) { state = seed &* 0x9E37_79B9_7F4A_7C15 | 1 }
    mutating func next() -> UInt64 {
        state ^= state << 13
        state ^= state >> 7
        state ^= state << 17
        return state
    }
}
