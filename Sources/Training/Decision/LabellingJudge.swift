import Clustering
import DCNCore
import DCNMath

/// The one judge of labellings: a nearest-neighbour graph of some points (the codes, or the scaled input),
/// built from the points alone with a random stream of its own (so judging leaves every other draw
/// unchanged), which scores each labelling by its normalised cut and its mixture fit (``PartitionJudge``).
/// Which labelling wins is ``JudgeRule``'s call.
struct LabellingJudge {
    let judge: PartitionJudge

    /// Builds the graph over `points`.
    /// - Parameters:
    ///   - points: The codes or the scaled input.
    ///   - stream: ``RandomStream/codeJudge`` or ``RandomStream/inputJudge``.
    ///   - configuration: The run's k and seed.
    ///   - graphPoints: The same samples as the graph sees them, when not `points` (the mixture fits stay on `points`).
    init(points: Matrix, graphPoints: Matrix? = nil, stream: RandomStream, configuration: DCNConfiguration) {
        var generator = SplitMix64.stream(seed: configuration.seed, stream)
        judge = PartitionJudge(
            points: points, graphPoints: graphPoints, clusterCount: configuration.clusterCount,
            neighbours: DecisionTuning.graphNeighbours, sampleCap: DecisionTuning.graphSampleCap,
            using: &generator)
    }

    /// A labelling's normalised cut alone (lower is better).
    func cut(_ assignments: [Int32]) -> Double { judge.score(assignments) }

    /// A labelling's cut and mixture fit.
    func judged(_ assignments: [Int32]) -> JudgedLabelling {
        JudgedLabelling(cut: judge.score(assignments), fit: judge.fit(assignments))
    }
}
