import DCNCore
import DCNMath
import Testing
@testable import Training

@Suite("A view's cluster contrast: k-means' cut of the view over the cut of an unclustered reference")
struct ClusterContrastTests {
    /// `rows` rows of `columns` features drawn by `row`.
    func table(rows: Int, columns: Int, seed: UInt64, _ row: (Int, inout SplitMix64) -> [Float]) -> Matrix {
        var generator = SplitMix64(seed: seed)
        var values: [Float] = []
        for index in 0..<rows { values += row(index, &generator) }
        return Matrix(rows: rows, columns: columns, values: values)
    }

    func contrast(_ view: Matrix, clusterCount: Int = 3) -> Double {
        ClusterContrast(of: view, clusterCount: clusterCount, restarts: 5, seed: 0).contrast
    }

    @Test("three separated blobs: their cut is a small part of the reference's split")
    func separatedBlobs() {
        let view = table(rows: 600, columns: 4, seed: 3) { row, generator in
            (0..<4).map { feature in Float(feature == row % 3 ? 5 : 0) + Float(generator.nextGaussian()) }
        }
        #expect(contrast(view) < 0.3)
    }

    @Test(
        "a Gaussian cloud without clusters: k-means splits it about as well as its reference (near 1), also with 7,000 rows, more than the judges' sample, whose cut and reference's are taken on the same 3,000 rows",
        arguments: [(rows: 600, columns: 6, seed: UInt64(4)), (rows: 7_000, columns: 4, seed: UInt64(7))])
    func cloudWithoutClusters(shape: (rows: Int, columns: Int, seed: UInt64)) {
        let view = table(rows: shape.rows, columns: shape.columns, seed: shape.seed) { _, generator in
            (0..<shape.columns).map { _ in Float(generator.nextGaussian()) }
        }
        let value = contrast(view)
        #expect(value > 0.8 && value < 1.25, "\(shape.rows) rows: \(value)")
    }

    @Test("a cloud whose columns share two strong factors is no cluster either: the reference keeps its principal axes")
    func correlatedCloudWithoutClusters() {
        let view = table(rows: 600, columns: 8, seed: 5) { _, generator in
            let (a, b) = (Float(generator.nextGaussian()), Float(generator.nextGaussian()))
            return (0..<8).map { feature in Float(feature % 3) * a - Float(feature % 2) * b + 0.3 * Float(generator.nextGaussian()) }
        }
        let value = contrast(view)
        #expect(value > 0.8 && value < 1.25, "\(value)")
    }

    @Test("the reference is the view on its principal components, each column a shuffle of one component's scores")
    func referenceShufflesEachComponent() {
        let view = table(rows: 500, columns: 3, seed: 6) { _, generator in
            let a = Float(generator.nextGaussian())
            return [3 * a, a + 0.5 * Float(generator.nextGaussian()), Float(generator.nextGaussian())]
        }
        var generator = SplitMix64(seed: 1)
        let reference = ClusterContrast.reference(of: view, using: &generator)
        let scores = PrincipalComponents(of: view).project(view, count: 3)
        #expect(reference.rows == 500 && reference.columns == 3)
        for c in 0..<3 {
            let shuffled = (0..<500).map { reference.values[$0 * 3 + c] }, original = (0..<500).map { scores.values[$0 * 3 + c] }
            #expect(shuffled.sorted() == original.sorted(), "column \(c) holds the component's scores")
            #expect(shuffled != original, "column \(c) is shuffled")
        }
    }

    @Test("a view k-means splits with no cut scores 0, even when its reference splits as cleanly (the floor, not a division by 0)")
    func cleanSplitScoresZero() {
        // Two far groups along one axis: the shuffled reference keeps them apart too.
        let view = table(rows: 400, columns: 2, seed: 8) { row, generator in
            [Float(row % 2) * 100 + Float(generator.nextGaussian()), Float(generator.nextGaussian())]
        }
        let value = contrast(view, clusterCount: 2)
        #expect(value == 0, "\(value)")
    }
}
