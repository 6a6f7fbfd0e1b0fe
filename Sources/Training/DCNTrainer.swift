import Clustering
public import DCNCore
import DCNMath
import Foundation
import NeuralNetwork
import RunFormat
import Scoring

/// Deep Clustering Network training, the paper's Algorithm 1 (Yang et al., ICML 2017).
///
/// 1. Pretrain the autoencoder on reconstruction error (Adam, shuffled minibatches).
/// 2. Encode every sample and choose the start (epoch 0): initial centres M and assignments s, chosen by
///    ``StartPolicy`` among the start candidates and held or not (``Hold``). The whole start and end decision
///    lives in `Sources/Training/Decision/`.
/// 3. Each DCN epoch, for every shuffled minibatch:
///    a. one Adam step on L (see ``DCNConfiguration``) with each sample's assignment s_i — by default
///       its nearest centre under the current network, taken just before the step
///       (``DCNConfiguration/assignBeforeStep``);
///    b. encode the batch again with the updated network;
///    c. for each sample in order, s_i ← nearest centre, c_k ← c_k + 1 and
///       m_k ← m_k − (1/c_k)(m_k − f(x_i)) (paper eqs. 7–8).
/// At the start and after each epoch every sample is encoded; a collapsed cluster under 1 % of the samples
/// (``CollapseRule``) is refilled by splitting a spread cluster (DCNTrainer+Refill.swift); then every sample is assigned to its
/// nearest centre for the snapshot (or keeps its held cluster). After the last epoch ``EndPolicy`` judges
/// DCN's labelling against the start's and may keep the start.
///
/// The trainer knows nothing of files: it reports ``TrainingEvent``s to an observer. Labels, when
/// given, are used only to score snapshots, never in training.
public final class DCNTrainer {
    /// The run's settings.
    public let configuration: DCNConfiguration
    /// The network, available after ``run(observer:)`` for encoding new data.
    public let autoencoder: Autoencoder

    let data: Matrix
    /// V, the data's total variance: the reconstruction term is ‖x − g(f(x))‖²/V (see ``DCNConfiguration``).
    let dataVariance: Float
    /// What the clustering term is divided by: the codes' total variance at the start when
    /// ``DCNConfiguration/clusteringScale`` asks for it for this start, else 1 (the term as the paper writes it).
    private(set) var codeVariance: Float = 1
    let evaluationLabels: [Int32]?
    var generator: SplitMix64

    /// Prepares a run.
    /// - Parameters:
    ///   - configuration: Settings; validated here.
    ///   - data: Samples as rows.
    ///   - evaluationLabels: Ground truth for scoring snapshots only, or nil.
    /// - Throws: ``TrainingError/invalidSetting(_:)`` or ``TrainingError/unusableData(_:)``.
    public init(configuration: DCNConfiguration, data: Matrix, evaluationLabels: [Int32]?) throws {
        do { try configuration.validate(sampleCount: data.rows) } catch { throw TrainingError.invalidSetting(error) }
        let variance = data.totalVariance
        guard variance > 0, variance.isFinite else {
            throw TrainingError.unusableData("the data has no variance (every sample is identical): nothing to cluster")
        }
        dataVariance = Float(variance)
        self.configuration = configuration
        self.data = data
        self.evaluationLabels = evaluationLabels
        var weights = SplitMix64.stream(seed: configuration.seed, .weights)
        autoencoder = Autoencoder(
            inputDimensions: data.columns, hidden: configuration.hiddenLayers,
            latentDimensions: configuration.latentDimensions, hiddenActivation: configuration.hiddenActivation,
            initialization: configuration.initialization, batchNormalization: configuration.batchNormalization,
            capacity: max(configuration.batchSize, 256), using: &weights)
        generator = SplitMix64.stream(seed: configuration.seed, .training)
    }

    /// Runs pretraining, initialisation and DCN training, reporting to `observer`.
    /// - Parameter observer: Receives every event; an error it throws stops training.
    /// - Returns: The final snapshot.
    /// - Throws: ``TrainingError/diverged(phase:epoch:quantity:)`` or the observer's error.
    @discardableResult
    public func run(observer: TrainingObserver) throws -> EpochSnapshot {
        try pretrain(observer: observer)
        return try fit(observer: observer)
    }

    /// Asked after every minibatch; returning true stops training with ``TrainingError/interrupted(phase:epoch:)``
    /// (the epoch under way is not reported, so recordings stay consistent).
    public var shouldStop: () -> Bool = { false }

    /// The cluster centres after ``fit(observer:)``, `k × latentDimensions`.
    public private(set) var centers: Matrix?
    var pretrained = false
    /// Each pretraining epoch's loss and seconds, for a checkpoint.
    var pretrainingRecord: [(entry: PretrainingEntry, seconds: Double)] = []
    private lazy var workspace = BatchWorkspace(
        batchSize: configuration.batchSize, dimensions: data.columns,
        latentDimensions: configuration.latentDimensions)
    lazy var optimizer: Optimizer = makeOptimizer(
        learningRate: configuration.pretrainLearningRate ?? configuration.learningRate)

    /// Pretrains the autoencoder on reconstruction error for `pretrainEpochs` epochs.
    /// - Parameter observer: Receives one event per epoch.
    /// - Throws: ``TrainingError/diverged(phase:epoch:quantity:)`` or the observer's error.
    public func pretrain(observer: TrainingObserver) throws {
        try withBLASThreadPolicy { try pretrainEpochs(observer: observer) }
    }

    private func pretrainEpochs(observer: TrainingObserver) throws {
        for epoch in 1...max(configuration.pretrainEpochs, 1) where configuration.pretrainEpochs > 0 {
            let start = Date()
            let loss = pretrainEpoch(workspace: workspace, optimizer: optimizer)
            if shouldStop() { throw TrainingError.interrupted(phase: .pretrain, epoch: epoch) }
            guard loss.isFinite else { throw TrainingError.diverged(phase: .pretrain, epoch: epoch, quantity: "reconstruction loss") }
            let seconds = Date().timeIntervalSince(start)
            pretrainingRecord.append((PretrainingEntry(epoch: epoch, reconstruction: loss), seconds))
            try observer.handle(.pretrainingEpochEnded(epoch: epoch, of: configuration.pretrainEpochs, reconstruction: loss, seconds: seconds))
        }
        pretrained = true
    }

    /// Initialises the centres by k-means on the codes, then runs the DCN epochs and the final k-means.
    /// Pretrains first if ``pretrain(observer:)`` has not run.
    /// - Parameter observer: Receives a snapshot per epoch (0 = after initialisation) and the final labellings.
    /// - Returns: The last snapshot.
    /// - Throws: ``TrainingError/diverged(phase:epoch:quantity:)`` or the observer's error.
    @discardableResult
    public func fit(observer: TrainingObserver) throws -> EpochSnapshot {
        if !pretrained { try pretrain(observer: observer) }
        return try withBLASThreadPolicy { try fitEpochs(observer: observer) }
    }

    /// Runs `body` with the OpenBLAS thread count that suits the network (see ``BLASThreadPolicy``).
    private func withBLASThreadPolicy<T>(_ body: () throws -> T) rethrows -> T {
        try BLASThreadPolicy.run(for: autoencoder, batchSize: configuration.batchSize, body)
    }

    /// Choose a start, train, judge the end.
    private func fitEpochs(observer: TrainingObserver) throws -> EpochSnapshot {
        optimizer.learningRate = configuration.learningRate
        let start = Date()
        var (state, startCodes) = try initialClustering()
        if configuration.clusteringScale.dividesByCodeVariance(nearestCenterStart: state.hold == .nearestCentre) {
            let variance = Float(startCodes.totalVariance)
            guard variance.isFinite, variance > 0 else { throw TrainingError.diverged(phase: .pretrain, epoch: 0, quantity: "the codes' variance") }
            codeVariance = variance
            startChoice?.clusteringDivisor = Double(variance)
        }
        // A start with a sliver (k-means isolating a few outliers) is refilled like any epoch, so neither DCN
        // nor the end judge's start keeps it.
        let startRefills = configuration.refillCollapsedClusters ? refillCollapsedClusters(state: &state, latent: startCodes) : []
        var latest = snapshot(
            epoch: 0, phase: .pretrain, state: state,
            losses: measuredLosses(state: state), seconds: Date().timeIntervalSince(start), latent: startCodes)
        latest.refilledClusters = startRefills
        centers = state.centers
        let capturedStart = captureStart(state: state, latent: latest.latent)
        try observer.handle(.snapshot(latest, of: configuration.epochs))

        for epoch in 1...max(configuration.epochs, 1) where configuration.epochs > 0 {
            let epochStart = Date()
            if configuration.resetCountsEachEpoch {
                state.counts = [Int](repeating: configuration.centerCountStart, count: configuration.clusterCount)
            }
            releaseHoldIfPastHalfway(&state, epoch: epoch)
            let losses = dcnEpoch(state: &state, workspace: workspace, optimizer: optimizer)
            if shouldStop() { throw TrainingError.interrupted(phase: .train, epoch: epoch) }
            guard losses.total.isFinite else { throw TrainingError.diverged(phase: .train, epoch: epoch, quantity: "loss") }
            guard state.centers.isFinite else { throw TrainingError.diverged(phase: .train, epoch: epoch, quantity: "a cluster centre") }
            let latent = autoencoder.encode(data)
            guard latent.isFinite else { throw TrainingError.diverged(phase: .train, epoch: epoch, quantity: "a latent code") }
            let refilled = configuration.refillCollapsedClusters ? refillCollapsedClusters(state: &state, latent: latent) : []
            latest = snapshot(
                epoch: epoch, phase: .train, state: state, losses: losses,
                seconds: Date().timeIntervalSince(epochStart), latent: latent)
            latest.refilledClusters = refilled
            centers = state.centers
            try observer.handle(.snapshot(latest, of: configuration.epochs))
            releaseHoldIfCells(&state, latent: latest.latent)
        }
        let kmeans = KMeans(clusterCount: configuration.clusterCount, restarts: configuration.kmeansRestarts)
        let final = kmeans.fit(latest.latent, using: &generator)
        let onlineAssignments = state.assignments
        var outcome: RunOutcome?
        if configuration.epochs > 0 {
            outcome = try judgeEnd(start: capturedStart, dcn: latest, state: &state)
            if outcome?.kept == .start {
                // The start's own partition becomes the run's last epoch (its cells, which the saved model
                // reproduces, or a held partition, which it reproduces as far as `savedModelAgreement` says).
                let start = Date()
                latest = snapshot(
                    epoch: latest.epoch + 1, phase: .train, state: state, losses: measuredLosses(state: state),
                    seconds: 0)
                latest.seconds = Date().timeIntervalSince(start)
                centers = state.centers
                try observer.handle(.snapshot(latest, of: configuration.epochs))
            }
        }
        try observer.handle(
            .finished(
                FinalClustering(
                    onlineAssignments: onlineAssignments, finalKMeans: final,
                    onlineMetrics: evaluationLabels.map { ClusteringMetrics(predicted: onlineAssignments, truth: $0) },
                    finalKMeansMetrics: evaluationLabels.map { ClusteringMetrics(predicted: final.assignments, truth: $0) },
                    aeKMeansMetrics: aeKMeansMetrics, start: startChoice, outcome: outcome)))
        return latest
    }

    private func makeOptimizer(learningRate: Float) -> Optimizer {
        switch configuration.optimizer {
        case .adam:
            return Adam(parameters: autoencoder.parameters, learningRate: learningRate, weightDecay: configuration.weightDecay)
        case .sgd:
            return SGD(
                parameters: autoencoder.parameters, learningRate: learningRate, momentum: configuration.momentum,
                nesterov: configuration.nesterov, weightDecay: configuration.weightDecay)
        }
    }

    // MARK: - Phases

    /// The clustering state DCN carries between minibatches.
    struct ClusterState {
        var centers: Matrix
        var assignments: [Int32]
        var counts: [Int]
        /// Whether DCN assigns by nearest centre or holds the start's partition (``Hold``).
        var hold = Hold.nearestCentre
    }

    /// Scores of k-means on the pretrained codes (the AE + k-means baseline), whichever start is used.
    public internal(set) var aeKMeansMetrics: ClusteringMetrics?
    /// Which start was used and the normalised cuts it was chosen by.
    public internal(set) var startChoice: StartChoice?
    /// k-means on the scaled input (the raw k-means baseline), when the caller computed it: judged
    /// beside DCN's labelling at the end of the run (``RunOutcome``).
    public var inputKMeansAssignments: [Int32]?

    private func shuffledOrder() -> [Int] {
        var order = Array(0..<data.rows)
        order.deterministicShuffle(using: &generator)
        return order
    }

    /// One pretraining epoch; returns the mean relative reconstruction error ‖x − g(f(x))‖²/V.
    private func pretrainEpoch(workspace: BatchWorkspace, optimizer: Optimizer) -> Double {
        let order = shuffledOrder()
        var total = 0.0
        var start = 0
        while start < order.count {
            let rows = min(configuration.batchSize, order.count - start)
            workspace.gather(data, indices: order[start..<start + rows])
            autoencoder.forward(workspace.input.pointer, rows: rows)
            total += workspace.reconstructionGradient(autoencoder.reconstruction.pointer, rows: rows, variance: dataVariance)
            autoencoder.backward(
                input: workspace.input.pointer, rows: rows,
                reconstructionGradient: workspace.outputGradient.pointer, latentGradient: nil)
            optimizer.update()
            start += rows
            if shouldStop() { break }
        }
        return total / Double(order.count)
    }

    /// One DCN epoch (Algorithm 1's inner loop); returns epoch-mean losses.
    private func dcnEpoch(state: inout ClusterState, workspace: BatchWorkspace, optimizer: Optimizer) -> EpochLosses {
        let order = shuffledOrder()
        let d = configuration.latentDimensions
        let lambda = configuration.lambda / codeVariance
        var reconstruction = 0.0, clustering = 0.0
        var start = 0
        while start < order.count {
            let rows = min(configuration.batchSize, order.count - start)
            let batch = order[start..<start + rows]
            workspace.gather(data, indices: batch)
            autoencoder.forward(workspace.input.pointer, rows: rows)
            // A held start is kept while the network pulls each cluster together; re-assigning by
            // nearest centre right away would restore k-means's cut.
            if configuration.assignBeforeStep && state.hold == .nearestCentre {
                assignToNearest(codes: autoencoder.latent.pointer, samples: batch, state: &state)
            }
            reconstruction += workspace.reconstructionGradient(autoencoder.reconstruction.pointer, rows: rows, variance: dataVariance)
            clustering += workspace.clusteringGradient(
                latent: autoencoder.latent.pointer, rows: rows, indices: batch, state: state, lambda: lambda)
            autoencoder.backward(
                input: workspace.input.pointer, rows: rows,
                reconstructionGradient: workspace.outputGradient.pointer,
                latentGradient: workspace.latentGradient.pointer)
            optimizer.update()

            // Reassignment uses the updated network in evaluation mode (running batch-norm statistics).
            autoencoder.isTraining = false
            autoencoder.encodeBatch(workspace.input.pointer, rows: rows)
            autoencoder.isTraining = true
            let codes = autoencoder.latent.pointer
            for (offset, sample) in batch.enumerated() {
                let code = codes + offset * d
                let k = state.hold == .nearestCentre ? nearestCenter(code, centers: state.centers) : Int(state.assignments[sample])
                state.assignments[sample] = Int32(k)
                state.counts[k] += 1
                let rate = 1 / Float(state.counts[k])
                for j in 0..<d { state.centers.values[k * d + j] -= rate * (state.centers.values[k * d + j] - code[j]) }
            }
            start += rows
            if shouldStop() { break }
        }
        let n = Double(order.count)
        clustering /= Double(codeVariance)
        return EpochLosses(
            reconstruction: reconstruction / n, clustering: clustering / n,
            total: (reconstruction + Double(configuration.lambda) / 2 * clustering) / n)
    }

    /// s_i ← nearest centre of each sample's code, centres unchanged (the assignment before the step).
    private func assignToNearest(codes: UnsafePointer<Float>, samples: ArraySlice<Int>, state: inout ClusterState) {
        let d = configuration.latentDimensions
        for (offset, sample) in samples.enumerated() {
            state.assignments[sample] = Int32(nearestCenter(codes + offset * d, centers: state.centers))
        }
    }

    private func nearestCenter(_ code: UnsafePointer<Float>, centers: Matrix) -> Int {
        centers.values.withUnsafeBufferPointer {
            NearestCenter.nearest(to: code, among: $0.baseAddress!, count: centers.rows, dimensions: centers.columns).index
        }
    }
}
