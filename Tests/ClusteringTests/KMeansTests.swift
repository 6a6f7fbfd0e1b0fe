import Clustering
import DCNMath
import TestSupport
import Testing

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
        for j in 0..<3 { start[0, j] = data[0, j]; start[1, j] = data[1, j]; start[2, j] = 1_000 }
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
