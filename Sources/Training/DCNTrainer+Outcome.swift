import Clustering
import DCNCore
import DCNMath
import NeuralNetwork
import RunFormat

extension DCNTrainer {
    /// How much higher (worse) DCN's normalised cut on the judge's graph must be than the start's for DCN
    /// to count as having made its start worse. A normalised cut sums one term in [0, 1] per cluster;
    /// labellings that differ in a few boundary samples differ by far less than 0.02 per cluster, so the
    /// safety net acts only on a clear loss (the suite in docs/results.md shows how often it acted).
    static let worseMarginPerCluster = 0.02

    /// The network and centres of epoch 0, kept so that a run can end with its start's labelling.
    struct StartState {
        /// The network's weights; nil when the run may not keep its start (`--no-keep-better`), which
        /// needs only the codes and centres to judge.
        let layers: [ModelFile.Layer]?
        let centers: Matrix
        let latent: Matrix
        /// The start's own partition when it is not its nearest-centre labelling (a boundary merge or joint start).
        let partition: [Int32]?
    }

    /// Copies the centres and codes of epoch 0, and its network when the run may keep it.
    func captureStart(state: ClusterState, latent: Matrix) -> StartState {
        let identity = FittedScaling(mode: .none, offset: [], scale: [])
        let layers = configuration.keepBetter
            ? TrainedModel(configuration: configuration, scaling: identity, autoencoder: autoencoder, centers: state.centers).file.layers : nil
        return StartState(layers: layers, centers: state.centers, latent: latent,
                          partition: state.isNearestCenterPartition ? nil : state.assignments)
    }

    /// Judges DCN's last labelling against the start's nearest-centre labelling (and k-means on the
    /// input, when given) on a nearest-neighbour graph of the scaled input and by its mixture fit; with
    /// ``DCNConfiguration/keepBetter`` and DCN clearly worse, restores the start's network and centres.
    /// - Parameters:
    ///   - start: The captured epoch-0 state.
    ///   - dcn: DCN's last snapshot.
    ///   - state: The clustering state; its centres become the start's when the start is kept.
    /// - Returns: The outcome; `kept` is `.start` when the start's network and centres were restored.
    func judgeOutcome(start: StartState, dcn: EpochSnapshot, state: inout ClusterState) throws -> RunOutcome {
        var judgeGenerator = SplitMix64.stream(seed: configuration.seed, 6)
        let judge = PartitionJudge(points: data, clusterCount: configuration.clusterCount, using: &judgeGenerator)
        let startLabels = NearestCenter.assign(start.latent, to: start.centers).assignments
        let margin = Self.worseMarginPerCluster * Double(configuration.clusterCount)
        var outcome = RunOutcome(kept: .dcn, startScore: judge.score(startLabels), dcnScore: judge.score(dcn.assignments),
                                 inputKMeansScore: inputKMeansAssignments.map(judge.score), margin: margin,
                                 keepBetter: configuration.keepBetter, dcnEpoch: dcn.epoch,
                                 startPartitionScore: start.partition.map(judge.score))
        outcome.dcnFit = judge.fit(dcn.assignments)
        outcome.startFit = judge.fit(startLabels)
        outcome.startPartitionFit = start.partition.flatMap(judge.fit)
        outcome.inputKMeansFit = inputKMeansAssignments.flatMap(judge.fit)
        if let layers = start.layers, outcome.dcnWorseThanStart {
            try autoencoder.load(layers)
            state.centers = start.centers
            state.isNearestCenterPartition = true
            outcome.kept = .start
        }
        return outcome
    }
}
