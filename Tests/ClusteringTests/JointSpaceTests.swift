import Clustering
import DCNCore
import DCNMath
import Scoring
import TestSupport
import Testing

@Suite("The joint space of the input and the codes")
struct JointSpaceTests {
    /// The columns `range` of `matrix`.
    func block(_ matrix: Matrix, _ range: Range<Int>) -> Matrix {
        var out = Matrix(rows: matrix.rows, columns: range.count)
        for r in 0..<matrix.rows {
            for (j, c) in range.enumerated() { out[r, j] = matrix[r, c] }
        }
        return out
    }

    @Test("each view is centred and has total variance 1, whatever its units and number of columns")
    func viewsAreWeightedEqually() {
        let (wide, _) = separableBlobs(blobs: 3, perBlob: 20, dimensions: 40, seed: 2)
        var (narrow, _) = separableBlobs(blobs: 3, perBlob: 20, dimensions: 2, seed: 3)
        for i in narrow.values.indices { narrow.values[i] = narrow.values[i] * 1000 + 5000 }
        let joint = JointSpace.combine(wide, narrow)
        #expect(joint.rows == 60 && joint.columns == 42)
        for range in [0..<40, 40..<42] {
            let view = block(joint, range)
            #expect(abs(view.totalVariance - 1) < 1e-4)
            for j in 0..<view.columns {
                let mean = (0..<view.rows).reduce(0.0) { $0 + Double(view[$1, j]) } / Double(view.rows)
                #expect(abs(mean) < 1e-4)
            }
        }
    }

    @Test("a view in other units gives the same joint matrix")
    func unitsDoNotMatter() {
        let (first, _) = separableBlobs(blobs: 2, perBlob: 15, dimensions: 3, seed: 4)
        let (second, _) = separableBlobs(blobs: 2, perBlob: 15, dimensions: 5, seed: 5)
        var grams = second
        for i in grams.values.indices { grams.values[i] *= 1000 }
        let a = JointSpace.combine(first, second), b = JointSpace.combine(first, grams)
        #expect(zip(a.values, b.values).allSatisfy { abs($0 - $1) < 1e-4 })
    }

    @Test("a constant view adds only zeros, and the other keeps its shape")
    func constantViewIsZero() {
        let (codes, _) = separableBlobs(blobs: 2, perBlob: 10, dimensions: 3, seed: 6)
        var constant = Matrix(rows: 20, columns: 4)
        for i in constant.values.indices { constant.values[i] = 7 }
        let joint = JointSpace.combine(constant, codes)
        #expect(block(joint, 0..<4).values.allSatisfy { $0 == 0 })
        #expect(abs(block(joint, 4..<7).totalVariance - 1) < 1e-4)
    }

    @Test("k-means in the joint space keeps a split that only one view makes, and one that only the other makes")
    func keepsWhatEitherViewSees() {
        // Four groups: the first view separates {0, 1} from {2, 3}; the second separates {0, 2} from {1, 3}.
        // Neither alone tells all four apart; both together do.
        var first = Matrix(rows: 160, columns: 2), second = Matrix(rows: 160, columns: 2)
        var truth = [Int32]()
        var generator = SplitMix64(seed: 9)
        for group in 0..<4 {
            for _ in 0..<40 {
                let r = truth.count
                truth.append(Int32(group))
                first[r, 0] = Float(group / 2) * 10 + Float(generator.nextGaussian())
                first[r, 1] = Float(generator.nextGaussian())
                second[r, 0] = Float(generator.nextGaussian()) * 100
                second[r, 1] = Float(group % 2) * 1000 + Float(generator.nextGaussian()) * 100
            }
        }
        var kmeansGenerator = SplitMix64(seed: 1)
        let joint = KMeans(clusterCount: 4, restarts: 5).fit(JointSpace.combine(first, second), using: &kmeansGenerator)
        #expect(ClusteringMetrics(predicted: joint.assignments, truth: truth).nmi == 1)
    }
}
