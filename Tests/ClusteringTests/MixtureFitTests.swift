import Clustering
import DCNCore
import DCNMath
import Foundation
import TestSupport
import Testing

@Suite("The end judge's second opinion: a labelling's fit as a mixture of Gaussians")
struct MixtureFitTests {
    /// A class of 1,000 points (unit spread at the origin) and two small classes of 40 (spread 0.5) three
    /// units away on either axis, with the true labelling and one that cuts the large class in two along
    /// the diagonal and merges the two small ones.
    func largeClassAndTwoSmallOnes() -> (data: Matrix, truth: [Int32], split: [Int32]) {
        var generator = SplitMix64(seed: 5)
        var values: [Float] = [], truth: [Int32] = []
        for (label, count, center, spread) in [(0, 1_000, (0.0, 0.0), 1.0), (1, 40, (3.0, 0.0), 0.5), (2, 40, (0.0, 3.0), 0.5)] {
            for _ in 0..<count {
                values += [Float(center.0 + spread * generator.nextGaussian()), Float(center.1 + spread * generator.nextGaussian())]
                truth.append(Int32(label))
            }
        }
        let split = truth.indices.map { i -> Int32 in truth[i] == 0 ? (values[2 * i] + values[2 * i + 1] > 0 ? 1 : 0) : 2 }
        return (Matrix(rows: truth.count, columns: 2, values: values), truth, split)
    }

    @Test("the fit by hand: two clusters in 1-D")
    func fitByHand() throws {
        // Cluster 0: {0, 2}, spread 1; cluster 1: {10, 11, 12, 13}, spread 5/4.
        let data = Matrix(rows: 6, columns: 1, values: [0, 2, 10, 11, 12, 13])
        let fit = try #require(MixtureFit.score(points: data, assignments: [0, 0, 1, 1, 1, 1], clusterCount: 2))
        let expected = (1.0 / 3) * log(1.0 / 3) + (2.0 / 3) * (log(2.0 / 3) - 0.5 * log(1.25))
        #expect(approximatelyEqual(fit, expected, tolerance: 1e-6), "\(fit) against \(expected)")
    }

    @Test("a labelling with a collapsed cluster has no fit")
    func collapsedClusterHasNoFit() {
        let (data, _) = separableBlobs(blobs: 2, perBlob: 50, dimensions: 3)
        var labels = [Int32](repeating: 0, count: data.rows)
        labels[0] = 1  // one point of 100: under a tenth of the mean size of 50
        #expect(MixtureFit.score(points: data, assignments: labels, clusterCount: 2) == nil)
        labels[0] = 0
        #expect(MixtureFit.score(points: data, assignments: labels, clusterCount: 2) == nil, "an emptied cluster")
    }

    @Test("a small class found is not judged worse than a start that split a large class, though its normalised cut is higher")
    func smallClassesAreNotThrownAway() {
        let (data, truth, split) = largeClassAndTwoSmallOnes()
        var generator = SplitMix64(seed: 1)
        let judge = PartitionJudge(points: data, clusterCount: 3, neighbours: 10, sampleCap: 3_000, using: &generator)
        let margin = 0.06
        // The bias the fit is there for: the cut prefers the split by more than the margin.
        #expect(judge.score(truth) > judge.score(split) + margin, "cut: truth \(judge.score(truth)), split \(judge.score(split))")
        let truthFit = judge.fit(truth), splitFit = judge.fit(split)
        #expect(
            (truthFit ?? -.infinity) > (splitFit ?? .infinity), "fit: truth \(String(describing: truthFit)), split \(String(describing: splitFit))")
        // DCN found the classes, its start was the split: not worse, so the run keeps DCN's labelling.
        var outcome = RunOutcome(
            kept: .dcn, startScore: judge.score(split), dcnScore: judge.score(truth), inputKMeansScore: nil,
            margin: margin, keepBetter: true, dcnEpoch: 50)
        outcome.dcnFit = truthFit
        outcome.startFit = splitFit
        #expect(!outcome.dcnWorseThanStart)
        // Without the fits (a recording made before them) the cut alone decides, as it did.
        outcome.dcnFit = nil
        outcome.startFit = nil
        #expect(outcome.dcnWorseThanStart)
    }

    @Test("a judge whose graph sees other coordinates of the same samples cuts on those and fits on the points")
    func graphOnOtherCoordinates() {
        let (data, truth, split) = largeClassAndTwoSmallOnes()
        var first = SplitMix64(seed: 1), second = SplitMix64(seed: 1), third = SplitMix64(seed: 1)
        let plain = PartitionJudge(points: data, clusterCount: 3, neighbours: 10, sampleCap: 3_000, using: &first)
        let same = PartitionJudge(points: data, graphPoints: data, clusterCount: 3, neighbours: 10, sampleCap: 3_000, using: &second)
        #expect(same.score(truth) == plain.score(truth) && same.fit(truth) == plain.fit(truth))
        // The graph on the first coordinate alone: the fits are the points' still, the cuts are that coordinate's.
        let firstCoordinate = Matrix(rows: data.rows, columns: 1, values: (0..<data.rows).map { data[$0, 0] })
        let onOne = PartitionJudge(points: data, graphPoints: firstCoordinate, clusterCount: 3, neighbours: 10, sampleCap: 3_000, using: &third)
        #expect(onOne.fit(truth) == plain.fit(truth) && onOne.fit(split) == plain.fit(split))
        #expect(onOne.score(truth) != plain.score(truth) || onOne.score(split) != plain.score(split))
    }
}
