import Clustering
import DCNCore
import DCNMath
import RunFormat
import Scoring

/// Where the trainer hands over to the decision: the start before the first DCN epoch, the end after the last.
extension DCNTrainer {
    /// The start (epoch 0), chosen by ``StartPolicy`` from the pretrained codes.
    /// - Returns: The start and the pretrained codes it was found on.
    func initialClustering() throws -> (state: ClusterState, codes: Matrix) {
        let codes = autoencoder.encode(data)
        guard codes.isFinite else { throw TrainingError.diverged(phase: .pretrain, epoch: configuration.pretrainEpochs, quantity: "a latent code") }
        let kmeans = KMeans(clusterCount: configuration.clusterCount, restarts: configuration.kmeansRestarts).fit(codes, using: &generator)
        aeKMeansMetrics = evaluationLabels.map { ClusteringMetrics(predicted: kmeans.assignments, truth: $0) }
        var context = StartContext(
            data: data, codes: codes, configuration: configuration, generator: generator,
            kmeansOnCodes: kmeans, knownInputKMeans: inputKMeansAssignments)
        let choice = StartPolicy(setting: configuration.startPartition).choose(&context)
        generator = context.generator
        startChoice = choice.record
        let counts = [Int](repeating: configuration.centerCountStart, count: configuration.clusterCount)
        return (
            ClusterState(
                centers: choice.start.centers, assignments: choice.start.assignments, counts: counts,
                hold: choice.start.hold), codes
        )
    }

    /// Copies the centres and codes of epoch 0, and its network when the run may keep it.
    func captureStart(state: ClusterState, latent: Matrix) -> EndPolicy.CapturedStart {
        let identity = FittedScaling(mode: .none, offset: [], scale: [])
        let layers =
            configuration.keepBetter
            ? TrainedModel(configuration: configuration, scaling: identity, autoencoder: autoencoder, centers: state.centers).file.layers : nil
        return EndPolicy.CapturedStart(
            layers: layers, centers: state.centers, latent: latent,
            heldPartition: state.hold == .held ? state.assignments : nil)
    }

    /// Judges the end by ``EndPolicy``; when the run keeps its start, restores the start's network, centres
    /// and own partition (a held start's partition stays held, so the last epoch records it).
    func judgeEnd(start: EndPolicy.CapturedStart, dcn: EpochSnapshot, state: inout ClusterState) throws -> RunOutcome {
        let outcome = EndPolicy(keepsBetterStart: configuration.keepBetter)
            .judge(data: data, start: start, dcn: dcn, inputKMeans: inputKMeansAssignments, configuration: configuration)
        if outcome.kept == .start, let layers = start.layers {
            try autoencoder.load(layers)
            state.centers = start.centers
            if let held = start.heldPartition {
                state.assignments = held
                state.hold = .held
            } else {
                state.hold = .nearestCentre
            }
        }
        return outcome
    }

    /// Ends the hold before DCN epoch `epoch` once half the epochs have passed (``HoldRelease``).
    func releaseHoldIfPastHalfway(_ state: inout ClusterState, epoch: Int) {
        if HoldRelease.isPastHalfway(epoch: epoch, of: configuration.epochs) { state.hold = .nearestCentre }
    }

    /// Ends the hold once the held partition has become nearest-centre cells of `latent` (``HoldRelease``).
    func releaseHoldIfCells(_ state: inout ClusterState, latent: Matrix) {
        guard state.hold == .held else { return }
        let nearest = NearestCenter.assign(latent, to: state.centers).assignments
        let agreeing = zip(nearest, state.assignments).filter { $0 == $1 }.count
        if HoldRelease.isReached(agreeing: agreeing, of: data.rows) { state.hold = .nearestCentre }
    }
}
