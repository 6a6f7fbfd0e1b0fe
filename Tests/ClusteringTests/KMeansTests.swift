import Clustering
import DCNMath
import TestSupport
import Testing
import DCNCore
import Scoring

@Suite("k-means")
struct KMeansTests {
    @Test("k-means++ with Lloyd iterations recovers separable blobs exactly")
    func separableBlobsAreRecovered() {
        let (data, labels) = separableBlobs(blobs: 5, perBlob: 60, dimensions: 6)
        var generator = SplitMix64(seed: 0)
        let result = KMeans(clusterCount: 5).fit(data, using: &generator)
        let metrics = ClusteringMetrics(predicted: result.assignments, truth: labels)
        #expect(metrics.nmi == 1)
        #expect(metrics.acc == 1)
        #expect(Set(result.assignments).count == 5)
    }

    @Test("the same seed gives the same centres and assignments")
    func determinism() {
        let (data, _) = separableBlobs(blobs: 4, perBlob: 50, dimensions: 3, spread: 6)
        var g1 = SplitMix64(seed: 5), g2 = SplitMix64(seed: 5)
        let a = KMeans(clusterCount: 4, restarts: 3).fit(data, using: &g1)
        let b = KMeans(clusterCount: 4, restarts: 3).fit(data, using: &g2)
        #expect(a.centers == b.centers)
        #expect(a.assignments == b.assignments)
    }

    @Test("k-means++ seeds are distinct data points, one per blob on separable data")
    func seedingSpreadsOut() {
        let (data, labels) = separableBlobs(blobs: 4, perBlob: 40, dimensions: 4, separation: 50)
        var generator = SplitMix64(seed: 9)
        let seeds = KMeans.seedPlusPlus(data, clusterCount: 4, using: &generator)
        let nearest = NearestCenter.assign(data, to: seeds).assignments
        #expect(ClusteringMetrics(predicted: nearest, truth: labels).acc == 1)
    }

    @Test("an empty cluster is re-seeded at the farthest point and ends non-empty")
    func emptyClusterIsReseeded() {
        let (data, labels) = separableBlobs(blobs: 3, perBlob: 30, dimensions: 3)
        // Start with two centres inside blob 0 and one far from every point: two clusters would stay empty.
        var start = Matrix(rows: 3, columns: 3)
        for j in 0..<3 {
            start[0, j] = data[0, j]
            start[1, j] = data[1, j]
            start[2, j] = 1_000
        }
        let result = KMeans(clusterCount: 3).lloyd(data, initialCenters: start)
        #expect(Set(result.assignments).count == 3)
        #expect(ClusteringMetrics(predicted: result.assignments, truth: labels).nmi == 1)
    }

    @Test("nearest-centre assignment agrees between the BLAS path and the direct loop")
    func nearestCenterPaths() {
        let (data, _) = separableBlobs(blobs: 3, perBlob: 20, dimensions: 8, spread: 5)
        var generator = SplitMix64(seed: 2)
        let centers = KMeans.seedPlusPlus(data, clusterCount: 3, using: &generator)
        let viaBLAS = NearestCenter.assign(data, to: centers)
        for i in 0..<data.rows {
            let distances = (0..<3).map { c in (0..<8).reduce(Float(0)) { $0 + pow(data[i, $1] - centers[c, $1], 2) } }
            #expect(Int(viaBLAS.assignments[i]) == distances.firstIndex(of: distances.min()!)!)
        }
    }
}

private func pow(_ x: Float, _ n: Int) -> Float { n == 2 ? x * x : x }

@Suite("Fast k-means and the boundary-merge start")
struct FastKMeansTests {
    /// Two long parallel bars 3 apart: k-means prefers to cut both across the middle.
    func parallelBars(perBar: Int = 300) -> (Matrix, [Int32]) {
        var generator = SplitMix64(seed: 3)
        var values: [Float] = [], labels: [Int32] = []
        for bar in 0..<2 {
            for _ in 0..<perBar {
                values.append(Float(generator.nextUnitDouble() * 20))
                values.append(Float(bar) * 3 + Float(generator.nextGaussian()) * 0.1)
                labels.append(Int32(bar))
            }
        }
        return (Matrix(rows: 2 * perBar, columns: 2, values: values), labels)
    }

    @Test("Hamerly's bounds give the same fit as assigning every point exhaustively each iteration")
    func boundsChangeNothing() {
        let (data, _) = separableBlobs(blobs: 6, perBlob: 80, dimensions: 20, spread: 3)
        var generator = SplitMix64(seed: 4)
        let start = KMeans.seedPlusPlus(data, clusterCount: 6, using: &generator)
        let fast = KMeans(clusterCount: 6, tolerance: 0).lloyd(data, initialCenters: start)
        // Reference: plain Lloyd, every distance every iteration.
        var centers = start
        var assignments = NearestCenter.assign(data, to: centers).assignments
        for _ in 0..<300 {
            var sums = [Double](repeating: 0, count: 6 * 20), counts = [Double](repeating: 0, count: 6)
            for i in 0..<data.rows {
                counts[Int(assignments[i])] += 1
                for j in 0..<20 { sums[Int(assignments[i]) * 20 + j] += Double(data[i, j]) }
            }
            for c in 0..<6 where counts[c] > 0 { for j in 0..<20 { centers[c, j] = Float(sums[c * 20 + j] / counts[c]) } }
            let next = NearestCenter.assign(data, to: centers).assignments
            if next == assignments { break }
            assignments = next
        }
        #expect(fast.assignments == assignments)
        for (a, b) in zip(fast.centers.values, centers.values) { #expect(abs(a - b) < 1e-4) }
    }

    @Test("restarts on two threads give the same result as the same seeds would one by one")
    func restartsAreDeterministic() {
        let (data, _) = separableBlobs(blobs: 5, perBlob: 50, dimensions: 8, spread: 8)
        var g1 = SplitMix64(seed: 12), g2 = SplitMix64(seed: 12)
        let a = KMeans(clusterCount: 5, restarts: 7).fit(data, using: &g1)
        let b = KMeans(clusterCount: 5, restarts: 7).fit(data, using: &g2)
        #expect(a.inertia == b.inertia && a.assignments == b.assignments && a.centers == b.centers)
        // The winner is the lowest inertia of the restarts, each seeded from the caller's generator in order.
        var g3 = SplitMix64(seed: 12)
        let seeds = (0..<7).map { _ in g3.next() }
        let single = seeds.map { seed -> Double in
            var g = SplitMix64(seed: seed)
            return KMeans(clusterCount: 5).lloyd(data, initialCenters: KMeans.seedPlusPlus(data, clusterCount: 5, using: &g)).inertia
        }
        #expect(a.inertia == single.min())
    }

    @Test("on two parallel bars k-means cuts across them, the boundary merge finds them, and its normalised cut is lower")
    func boundaryMergeFindsElongatedClusters() {
        let (data, labels) = parallelBars()
        var generator = SplitMix64(seed: 1)
        let kmeans = KMeans(clusterCount: 2).fit(data, using: &generator)
        let merge = BoundaryMerge(clusterCount: 2, microClustersPerCluster: 10, sampleCap: 10_000, candidates: 5).fit(data, using: &generator)
        #expect(ClusteringMetrics(predicted: kmeans.assignments, truth: labels).nmi < 0.2)
        #expect(ClusteringMetrics(predicted: merge.assignments, truth: labels).nmi == 1)
        let kmeansCut = merge.graph.normalizedCut(
            groups: merge.graph.majorityGroups(of: merge.sample.map { kmeans.assignments[$0] }, clusterCount: 2))
        #expect(merge.normalizedCut < kmeansCut)
        #expect(merge.normalizedCut < 0.01)
    }

    @Test("a normalised cut by hand: two groups joined by one edge of six")
    func normalizedCutByHand() {
        // Points on a line at micro-centres 0, 1, 10, 11: nearest/second-nearest pairs give edges
        // 0–1 (twice), 2–3 (twice) and one point between 1 and 2.
        let centers = Matrix(rows: 4, columns: 1, values: [0, 1, 10, 11])
        let points = Matrix(rows: 5, columns: 1, values: [0.1, 0.9, 10.1, 10.9, 5.4])
        let graph = BoundaryGraph(points: points, centers: centers)
        #expect(graph.weights[0 * 4 + 1] == 2 && graph.weights[2 * 4 + 3] == 2 && graph.weights[1 * 4 + 2] == 1)
        // Groups {0, 1} and {2, 3}: each has volume 5 (2 + 2 + 1) and cut 1, so the normalised cut is 1/5 + 1/5.
        #expect(approximatelyEqual(graph.normalizedCut(groups: [0, 0, 1, 1]), 0.4))
    }
}
