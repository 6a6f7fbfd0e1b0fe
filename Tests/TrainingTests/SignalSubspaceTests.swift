import Clustering
import DCNCore
import DCNMath
import Testing
@testable import Training

@Suite("The input's judges see its signal components, not its noise columns")
struct SignalSubspaceTests {
    /// 600 rows of four classes, at the corners of a simplex in 3 informative columns (the classes' means
    /// vary by 4.0 along two directions and by 1.0 along the third), beside `noiseColumns` columns of
    /// Gaussian noise of the same overall spread.
    func noisyTable(noiseColumns: Int) -> (features: Matrix, labels: [Int32]) {
        var generator = SplitMix64(seed: 21)
        func gaussian() -> Float { Float(generator.nextGaussian()) }
        let centres: [[Float]] = [[0, 0, 0], [4, 0, 0], [0, 4, 0], [0, 0, 4]]
        var values: [Float] = [], labels: [Int32] = []
        for row in 0..<600 {
            let c = row % 4
            values += centres[c].map { $0 + 0.4 * gaussian() }
            for _ in 0..<noiseColumns { values.append(1.3 * gaussian()) }
            labels.append(Int32(c))
        }
        return (Matrix(rows: 600, columns: 3 + noiseColumns, values: values), labels)
    }

    func cut(_ labels: [Int32], on points: Matrix) -> Double {
        var generator = SplitMix64(seed: 1)
        return NeighbourGraph(points: points, neighbours: 10, sampleCap: 3_000, using: &generator).normalizedCut(of: labels, clusterCount: 4)
    }

    @Test("with 60 noise columns the judge's view keeps k = 4 components (three of signal), and the classes' cut falls")
    func noiseColumnsAreDropped() {
        let (features, labels) = noisyTable(noiseColumns: 60)
        let view = SignalSubspace.of(features, clusterCount: 4)
        #expect(view.rows == 600 && view.columns == 4, "kept \(view.columns) of 63 columns")
        // The edge is about 1.69 · (1 + √(63/600))² ≈ 2.96: the two strong directions rise above it.
        #expect(SignalSubspace.signalCount(variances: PrincipalComponents(of: features).variances, samples: 600, atLeast: 2) == 2)
        let onRaw = cut(labels, on: features), onSignal = cut(labels, on: view)
        #expect(onSignal < onRaw / 3, "the classes' normalised cut: \(onSignal) on the signal, \(onRaw) on all columns")
    }

    @Test("a table of no more features than clusters is judged as it is")
    func smallTableUnchanged() {
        let (features, _) = noisyTable(noiseColumns: 1)
        #expect(SignalSubspace.of(features, clusterCount: 4) == features, "4 features, k = 4")
        #expect(SignalSubspace.of(features, clusterCount: 3).columns == 3, "4 features, k = 3: three components")
    }

    @Test("the noise edge: the median variance times (1 + √(d/n))², and never fewer than k or two components")
    func noiseEdge() {
        // 20 variances of 1 and three of 4, from 100 samples: the edge is 1 · (1 + √0.23)² ≈ 2.19.
        let variances = [4.0, 4, 4] + [Double](repeating: 1, count: 20)
        #expect(SignalSubspace.signalCount(variances: variances, samples: 100, atLeast: 2) == 3)
        #expect(SignalSubspace.signalCount(variances: variances, samples: 100, atLeast: 5) == 5)
        #expect(SignalSubspace.signalCount(variances: [Double](repeating: 1, count: 23), samples: 100, atLeast: 1) == 2)
        // With 2,300 samples the edge is 1.21: a component of variance 1.5 counts.
        #expect(SignalSubspace.signalCount(variances: [4.0, 1.5] + [Double](repeating: 1, count: 21), samples: 2_300, atLeast: 2) == 2)
        #expect(SignalSubspace.signalCount(variances: [4.0, 4, 1.5] + [Double](repeating: 1, count: 20), samples: 2_300, atLeast: 2) == 3)
    }
}
