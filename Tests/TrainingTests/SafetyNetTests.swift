import Clustering
import DCNCore
import DCNMath
import Foundation
import NeuralNetwork
import RunFormat
import Scoring
import TestSupport
import Testing
@testable import Training

@Suite("Collapse and a worse end are handled, not just reported")
struct SafetyNetTests {
    func trainer(data: Matrix, clusters: Int, keepBetter: Bool = true) throws -> DCNTrainer {
        var configuration = DCNConfiguration()
        configuration.clusterCount = clusters
        configuration.pretrainEpochs = 2
        configuration.epochs = 2
        configuration.kmeansRestarts = 2
        configuration.keepBetter = keepBetter
        return try DCNTrainer(configuration: configuration, data: data, evaluationLabels: nil)
    }

    /// Three blobs of 100 codes in 2-D: A at (0, 0), B at (10, 0), C at (0, 10).
    func threeBlobs() -> Matrix {
        var generator = SplitMix64(seed: 5)
        var values: [Float] = []
        for (x, y) in [(Float(0), Float(0)), (10, 0), (0, 10)] {
            for _ in 0..<100 { values += [x + 0.5 * Float(generator.nextGaussian()), y + 0.5 * Float(generator.nextGaussian())] }
        }
        return Matrix(rows: 300, columns: 2, values: values)
    }

    @Test("an emptied cluster is refilled by splitting the most spread cluster, which held two blobs")
    func emptiedClusterIsRefilled() throws {
        let codes = threeBlobs()
        let dcn = try trainer(data: codes, clusters: 3)
        // Centre 0 sits between blobs A and B and owns both; centre 1 is far away and owns nothing.
        var state = DCNTrainer.ClusterState(
            centers: Matrix(rows: 3, columns: 2, values: [5, 0, 100, 100, 0, 10]),
            assignments: [Int32](repeating: 0, count: 300), counts: [400, 400, 400])
        let before = NearestCenter.assign(codes, to: state.centers).assignments
        #expect(before.filter { $0 == 1 }.isEmpty)
        let refilled = dcn.refillCollapsedClusters(state: &state, latent: codes)
        #expect(refilled == [1])
        let after = NearestCenter.assign(codes, to: state.centers).assignments
        let truth = (0..<300).map { Int32($0 / 100) }
        #expect(ClusteringMetrics(predicted: after, truth: truth).nmi == 1, "the split separates A from B")
        #expect(state.counts[0] == 100 && state.counts[1] == 100 && state.counts[2] == 400, "the two halves' counts restart")
    }

    @Test("a split that would leave a few outliers as a cluster of their own passes to the next most spread cluster")
    func refillMakesNoSliver() throws {
        // Cluster 0 holds blob A and two far outliers, the largest spread; 2-means would split the two off.
        // Cluster 2 holds blobs B and C; cluster 1 owns nothing.
        let blobs = threeBlobs()
        let codes = Matrix(rows: 302, columns: 2, values: blobs.values + [-100, -100, -101, -99])
        let dcn = try trainer(data: codes, clusters: 3)
        var state = DCNTrainer.ClusterState(
            centers: Matrix(rows: 3, columns: 2, values: [0, 0, -500, -500, 5, 5]),
            assignments: [Int32](repeating: 0, count: 302), counts: [400, 400, 400])
        let before = NearestCenter.assign(codes, to: state.centers).assignments
        let spread = DCNTrainer.withinClusterSquares(codes, assignments: before, clusterCount: 3)
        #expect(spread[0] > spread[2], "the outliers' cluster is the most spread")
        #expect(dcn.refillCollapsedClusters(state: &state, latent: codes) == [1])
        let after = NearestCenter.assign(codes, to: state.centers).assignments
        var sizes = [0, 0, 0]
        for a in after { sizes[Int(a)] += 1 }
        #expect(sizes.sorted() == [100, 100, 102], "B and C split apart; the outliers stay with A")
        #expect(after[300] == after[0] && after[301] == after[0])
        #expect(CollapseRule.collapsedClusters(sizes: sizes).isEmpty)
    }

    @Test("when every split leaves a sliver, the most spread cluster is split anyway")
    func refillFallsBackToTheMostSpread() throws {
        // One blob of 100 and one far point in a single cluster, the other emptied: the only split leaves the
        // far point alone, under the refill size of 1.01.
        let blobs = threeBlobs()
        let codes = Matrix(rows: 101, columns: 2, values: Array(blobs.values[0..<200]) + [-100, -100])
        let sizes = [101, 0]
        #expect(abs(CollapseRule.refillSize(samples: 101, clusters: 2) - 1.01) < 1e-12)
        let assignments = [Int32](repeating: 0, count: 101)
        let split = try #require(DCNTrainer.firstSplitWithoutSliver(codes, assignments: assignments, donors: [0], sizes: sizes))
        #expect(split.donor == 0)
        #expect(Set([split.halves.filter { $0 == 0 }.count, split.halves.filter { $0 == 1 }.count]) == [1, 100])
    }

    @Test("a start that gives a few outliers a cluster of their own is refilled before the first epoch, and so is not kept")
    func startWithOutliersIsRefilled() throws {
        // Three blobs and two far outliers, k = 4: k-means on the input isolates the outliers (2 of 302).
        let codes = Matrix(rows: 302, columns: 2, values: threeBlobs().values + [-100, -100, -101, -99])
        var configuration = DCNConfiguration()
        configuration.clusterCount = 4
        configuration.pretrainEpochs = 2
        configuration.epochs = 1
        configuration.startPartition = .input
        for refill in [true, false] {
            configuration.refillCollapsedClusters = refill
            let dcn = try DCNTrainer(configuration: configuration, data: codes, evaluationLabels: nil)
            let collector = SnapshotCollector()
            try dcn.run(observer: collector)
            let start = try #require(collector.snapshots.first)
            if refill {
                #expect(start.refilledClusters.count == 1, "the outliers' cluster is refilled at epoch 0")
                #expect(CollapseRule.collapsedClusters(sizes: start.clusterSizes).isEmpty, "\(start.clusterSizes)")
                #expect(collector.snapshots.allSatisfy { CollapseRule.collapsedClusters(sizes: $0.clusterSizes).isEmpty })
            } else {
                #expect(start.refilledClusters.isEmpty)
                #expect(start.clusterSizes.min() == 2, "without the refill the start keeps the outliers' cluster: \(start.clusterSizes)")
            }
        }
    }

    @Test("a real class of a few per cent, under the collapse size but not under 1 % of the samples, is not refilled")
    func smallRealClassIsKept() throws {
        // 300 codes in three blobs plus a fourth blob of 6 (2 %): the collapse size for k = 4 is 7.65,
        // the refill size 3.06.
        var generator = SplitMix64(seed: 9)
        let extra = (0..<6).flatMap { _ in [Float(30) + 0.5 * Float(generator.nextGaussian()), Float(30) + 0.5 * Float(generator.nextGaussian())] }
        let codes = Matrix(rows: 306, columns: 2, values: threeBlobs().values + extra)
        let dcn = try trainer(data: codes, clusters: 4)
        var state = DCNTrainer.ClusterState(
            centers: Matrix(rows: 4, columns: 2, values: [0, 0, 10, 0, 0, 10, 30, 30]),
            assignments: [Int32](repeating: 0, count: 306), counts: [100, 100, 100, 6])
        #expect(CollapseRule.collapsedClusters(sizes: [100, 100, 100, 6]) == [3], "it counts as collapsed")
        #expect(dcn.refillCollapsedClusters(state: &state, latent: codes).isEmpty, "but it is not refilled")
        #expect(state.centers[3, 0] == 30)
    }

    @Test("a healthy partition is left alone")
    func healthyPartitionIsUntouched() throws {
        let codes = threeBlobs()
        let dcn = try trainer(data: codes, clusters: 3)
        let centres = Matrix(rows: 3, columns: 2, values: [0, 0, 10, 0, 0, 10])
        var state = DCNTrainer.ClusterState(centers: centres, assignments: [Int32](repeating: 0, count: 300), counts: [100, 100, 100])
        #expect(dcn.refillCollapsedClusters(state: &state, latent: codes).isEmpty)
        #expect(state.centers == centres)
    }

    @Test("DCN clearly worse than its start: the start's network and centres are restored; otherwise DCN's are kept")
    func worseEndKeepsTheStart() throws {
        let (data, _) = separableBlobs(blobs: 3, perBlob: 60, dimensions: 5)
        for keepBetter in [true, false] {
            let dcn = try trainer(data: data, clusters: 3, keepBetter: keepBetter)
            try dcn.pretrain(observer: IgnoringObserver())
            let codes = dcn.autoencoder.encode(data)
            // The network's weights, compared exactly (its codes could differ in the last bit under another
            // BLAS thread count, which other tests running at the same time may set).
            func weights() -> [[Float]] {
                dcn.autoencoder.parameters.map { value, _ in Array(UnsafeBufferPointer(start: value.pointer, count: value.count)) }
            }
            let startWeights = weights()
            var generator = SplitMix64(seed: 1)
            let kmeans = KMeans(clusterCount: 3).fit(codes, using: &generator)
            var state = DCNTrainer.ClusterState(centers: kmeans.centers, assignments: kmeans.assignments, counts: [100, 100, 100])
            let start = dcn.captureStart(state: state, latent: codes)

            // A "DCN" labelling that mixes the blobs, after the network and the centres have changed.
            for (value, _) in dcn.autoencoder.parameters { for i in 0..<value.count { value.pointer[i] *= 0.5 } }
            let movedCentres = Matrix(rows: 3, columns: kmeans.centers.columns, values: kmeans.centers.values.map { $0 * 2 + 1 })
            state.centers = movedCentres
            let mixed = (0..<data.rows).map { Int32($0 % 3) }
            let snapshot = EpochSnapshot(
                epoch: 2, phase: .train, latent: dcn.autoencoder.encode(data), assignments: mixed,
                centers: state.centers, decodedCenters: Matrix(rows: 3, columns: 5), losses: EpochLosses(reconstruction: 0, clustering: 0, total: 0),
                metrics: nil, clusterSizes: [60, 60, 60], seconds: 0)
            let outcome = try dcn.judgeEnd(start: start, dcn: snapshot, state: &state)
            #expect(outcome.dcnWorseThanStart)
            #expect(outcome.kept == (keepBetter ? RunOutcome.Kept.start : .dcn))
            #expect((weights() == startWeights) == keepBetter, "the start's network is back only with keep-better")
            #expect(state.centers == (keepBetter ? kmeans.centers : movedCentres), "the start's centres are back only with keep-better")
            #expect(state.hold == .nearestCentre)

            // DCN's labelling equal to the start's is never worse.
            let same = EpochSnapshot(
                epoch: 2, phase: .train, latent: codes, assignments: kmeans.assignments, centers: kmeans.centers,
                decodedCenters: Matrix(rows: 3, columns: 5), losses: EpochLosses(reconstruction: 0, clustering: 0, total: 0),
                metrics: nil, clusterSizes: [60, 60, 60], seconds: 0)
            var again = state
            let unchanged = try dcn.judgeEnd(start: start, dcn: same, state: &again)
            #expect(!unchanged.dcnWorseThanStart && unchanged.kept == RunOutcome.Kept.dcn)
        }
    }

    @Test("DCN clearly worse than a held start's own partition: the run keeps that partition, held, and records how much the saved model reproduces")
    func worseEndKeepsTheHeldPartition() throws {
        let (data, truth) = separableBlobs(blobs: 3, perBlob: 60, dimensions: 5)
        let dcn = try trainer(data: data, clusters: 3)
        try dcn.pretrain(observer: IgnoringObserver())
        let codes = dcn.autoencoder.encode(data)
        var generator = SplitMix64(seed: 1)
        let kmeans = KMeans(clusterCount: 3).fit(codes, using: &generator)
        // A held partition: the true blobs with every fifth sample moved to the next cluster, so it is not
        // the cells of its centres and the saved model can reproduce only part of it.
        let held = truth.enumerated().map { $0.offset % 5 == 0 ? ($0.element + 1) % 3 : $0.element }
        var state = DCNTrainer.ClusterState(centers: kmeans.centers, assignments: held, counts: [60, 60, 60], hold: .held)
        let start = dcn.captureStart(state: state, latent: codes)
        let mixed = (0..<data.rows).map { Int32($0 % 3) }
        let snapshot = EpochSnapshot(
            epoch: 2, phase: .train, latent: codes, assignments: mixed, centers: state.centers,
            decodedCenters: Matrix(rows: 3, columns: 5), losses: EpochLosses(reconstruction: 0, clustering: 0, total: 0),
            metrics: nil, clusterSizes: [60, 60, 60], seconds: 0)
        state.assignments = mixed
        state.hold = .nearestCentre
        let outcome = try dcn.judgeEnd(start: start, dcn: snapshot, state: &state)
        #expect(outcome.challenger == .startPartition && outcome.challengerIsHeldPartition)
        #expect(outcome.dcnWorseThanStart && outcome.kept == .start)
        #expect(state.hold == .held && state.assignments == held, "the last epoch records the held partition")
        let cells = NearestCenter.assign(codes, to: kmeans.centers).assignments
        let share = Double(zip(cells, held).filter { $0 == $1 }.count) / Double(held.count)
        #expect(outcome.savedModelAgreement == share)
        #expect(share < 1, "the partition is not the cells of its centres")
    }
}
