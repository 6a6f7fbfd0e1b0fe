import Clustering
import DCNCore
import DCNMath
import Scoring
import TestSupport
import Testing

@Suite("Judging starts on a nearest-neighbour graph")
struct NeighbourGraphTests {
    /// Two touching Gaussian blobs of 300 points in 2-D (centres 3 apart, unit spread) and a tail of five
    /// points far out beyond the first blob: the data of a 2-class table whose merge cut off a tail.
    func touchingBlobsWithTail() -> (data: Matrix, labels: [Int32], tail: Range<Int>) {
        var generator = SplitMix64(seed: 7)
        var values: [Float] = [], labels: [Int32] = []
        for blob in 0..<2 {
            for _ in 0..<300 {
                values += [Float(blob) * 3 + Float(generator.nextGaussian()), Float(generator.nextGaussian())]
                labels.append(Int32(blob))
            }
        }
        for i in 0..<5 {
            values += [-9 - 0.1 * Float(i), 0.1 * Float(i)]
            labels.append(0)
        }
        return (Matrix(rows: 605, columns: 2, values: values), labels, 600..<605)
    }

    @Test("a partition that cuts off a five-point tail costs more than one that splits two touching classes")
    func degenerateTailIsRejected() {
        let (data, labels, tail) = touchingBlobsWithTail()
        let classes = labels
        var tailSplit = [Int32](repeating: 0, count: data.rows)
        for i in tail { tailSplit[i] = 1 }
        var generator = SplitMix64(seed: 1)
        let graph = NeighbourGraph(points: data, neighbours: 10, sampleCap: 3_000, using: &generator)
        let classCut = graph.normalizedCut(of: classes, clusterCount: 2)
        let tailCut = graph.normalizedCut(of: tailSplit, clusterCount: 2)
        #expect(classCut < tailCut, "splitting the classes: \(classCut); cutting off the tail: \(tailCut)")
        // The tail's five points have ten neighbours each: at least half of their edges leave the tail.
        #expect(tailCut > 0.5)
    }

    @Test("a real small class of 3 % separated by a gap is not penalised")
    func smallRealClassIsKept() {
        var generator = SplitMix64(seed: 3)
        var values: [Float] = []
        for _ in 0..<970 { values += [Float(generator.nextGaussian()), Float(generator.nextGaussian())] }
        for _ in 0..<30 { values += [8 + 0.5 * Float(generator.nextGaussian()), 0.5 * Float(generator.nextGaussian())] }
        let data = Matrix(rows: 1000, columns: 2, values: values)
        let truth = (0..<1000).map { Int32($0 < 970 ? 0 : 1) }
        let halves = (0..<1000).map { Int32(values[2 * $0] < 0 ? 0 : 1) }  // a cut through the big class
        let graph = NeighbourGraph(points: data, neighbours: 10, sampleCap: 3_000, using: &generator)
        #expect(graph.normalizedCut(of: truth, clusterCount: 2) < 0.01)
        #expect(graph.normalizedCut(of: truth, clusterCount: 2) < graph.normalizedCut(of: halves, clusterCount: 2))
    }

    @Test("a normalised cut by hand: two triangles joined by one edge")
    func cutByHand() {
        // Two triangles far apart with 2 neighbours each: every point's neighbours are its own triangle.
        let data = Matrix(rows: 6, columns: 1, values: [0, 1, 2, 100, 101, 102])
        var generator = SplitMix64(seed: 1)
        let graph = NeighbourGraph(points: data, neighbours: 2, sampleCap: 3_000, using: &generator)
        #expect(graph.normalizedCut(of: [0, 0, 0, 1, 1, 1], clusterCount: 2) == 0)
        // Edges: 0–1, 0–2, 1–2, 3–4, 3–5, 4–5. With point 2 moved over, group {0, 1} has volume 4 and
        // cut 2 (0–2, 1–2); group {2, 3, 4, 5} has volume 2 + 6 = 8 and cut 2.
        #expect(approximatelyEqual(graph.normalizedCut(of: [0, 0, 1, 1, 1, 1], clusterCount: 2), 2.0 / 4 + 2.0 / 8))
    }

    @Test("one collapse rule: under a tenth of the mean cluster size")
    func collapseRule() {
        #expect(CollapseRule.collapsedClusters(sizes: [500, 450, 50]) == [])  // mean 333, threshold 33.3
        #expect(CollapseRule.collapsedClusters(sizes: [500, 470, 30]) == [2])
        #expect(CollapseRule.collapsedClusters(sizes: [1000, 0]) == [1])
        #expect(CollapseRule.hasCollapsed(sizes: [90, 10], samples: 1000))  // threshold 50 of the stated N
        #expect(!CollapseRule.hasCollapsed(sizes: [60, 60]))
        // The trainer refills only those also under 1 % of the samples.
        #expect(CollapseRule.clustersToRefill(sizes: [500, 470, 30]) == [])  // refill size min(33.3, 10)
        #expect(CollapseRule.clustersToRefill(sizes: [500, 491, 9]) == [2])
        #expect(CollapseRule.refillSize(samples: 10_000, clusters: 20) == 50)  // a tenth of the mean, under 1 %
    }
}
