/// Every setting of a DCN run. The defaults are the built-in synthetic demo's settings.
///
/// ## The loss and what λ means
/// For a minibatch B the network step minimises
///
///     L = (1/|B|) Σ_{i∈B} [ ‖x_i − g(f(x_i))‖² / V + (λ/2)·‖f(x_i) − M s_i‖² ]
///
/// where V = Σ_j Var(x_j) is the total variance of the (scaled) training data, measured once. The
/// reconstruction term is thus the *relative* reconstruction error (1 means "no better than
/// predicting the mean"), which does not grow with the input dimension or the data's units, so one λ
/// means the same on every data set. On standardised data V equals the input dimension D, and λ is
/// exactly the per-element convention of the official code and PyTorch re-implementations
/// (mean squared error + (λ/2)·‖f(x) − Ms‖²). Conversions (README, "What λ means"):
/// per-element λ_pe = λ·V/D; the paper's eq. 5 (summed squared error) λ_paper = λ·V.
public struct DCNConfiguration: Codable, Equatable, Sendable {
    /// Number of clusters k.
    public var clusterCount: Int = 4
    /// Width of the latent code f(x).
    public var latentDimensions: Int = 2
    /// Hidden layer widths of the encoder (the decoder mirrors them); the earlier implementation's 100-50-10.
    public var hiddenLayers: [Int] = [100, 50, 10]
    /// Weight λ of the clustering term against the relative reconstruction error (see above).
    public var lambda: Float = 1
    /// Adam step size for pretraining and DCN training (the earlier implementation's 0.0005).
    public var learningRate: Float = 0.0005
    /// Minibatch size (the earlier implementation's 64).
    public var batchSize: Int = 64
    /// Epochs of autoencoder pretraining on reconstruction error alone.
    public var pretrainEpochs: Int = 50
    /// Epochs of joint DCN training.
    public var epochs: Int = 50
    /// Seed of every random draw: data (synthetic), weights, shuffling, k-means.
    public var seed: UInt64 = 0
    /// Value every cluster's running count c_k starts from (paper eq. 8). The paper counts from the
    /// samples assigned so far; the official code starts at 100, which slows the first centre moves.
    public var centerCountStart: Int = 100
    /// Whether the running counts return to ``centerCountStart`` at the start of every epoch.
    public var resetCountsEachEpoch: Bool = false
    /// k-means++ restarts for the initial centres (and baselines).
    public var kmeansRestarts: Int = 10
    /// Non-linearity of the hidden layers (code and output layers are linear).
    public var hiddenActivation: Activation = .relu
    /// Weight initialisation (U(±1/√in), PyTorch's default, measured best for clustering).
    public var initialization: WeightInitialization = .fanIn
    /// Whether each minibatch's samples are assigned to their nearest centre with the current network
    /// just before the network step (true, as PyTorch re-implementations do; +0.03 NMI on full MNIST),
    /// or keep the assignment from their last visit (false, the literal reading of Algorithm 1).
    public var assignBeforeStep: Bool = true
    /// How the starting centres and assignments are found (see ``StartPartition``).
    public var startPartition: StartPartition = .auto
    /// Optimiser for both phases.
    public var optimizer: OptimizerKind = .adam
    /// Step size of pretraining; nil uses ``learningRate``.
    public var pretrainLearningRate: Float?
    /// Momentum of SGD (ignored by Adam); the official code uses 0.9.
    public var momentum: Float = 0.9
    /// Nesterov momentum for SGD.
    public var nesterov: Bool = false
    /// L2 weight decay added to every gradient.
    public var weightDecay: Float = 0
    /// Batch normalisation after every hidden layer's product (the earlier implementation used it).
    public var batchNormalization: Bool = false
    /// Whether a cluster that collapses during DCN training (``CollapseRule``) is refilled by splitting the
    /// most spread cluster at the end of the epoch.
    public var refillCollapsedClusters: Bool = true
    /// Whether a run whose DCN labelling ends clearly worse than its start's (``RunOutcome``) ends with
    /// the start's network, centres and labelling instead.
    public var keepBetter: Bool = true
    /// What the clustering term is divided by (``ClusteringScale``): by default the codes' total variance
    /// at the start (measured once, after the start is chosen) for a k-means start, as the reconstruction
    /// term is divided by the input's, and nothing for a held start (``StartPartition/isHeld``).
    public var clusteringScale: ClusteringScale = .auto

    /// The defaults.
    public init() {}

    /// Checks that every value is usable.
    /// - Parameter sampleCount: Number of samples to be clustered.
    /// - Throws: ``SettingError`` naming the first field out of range.
    public func validate(sampleCount: Int) throws(SettingError) {
        func check(_ ok: Bool, _ field: String, _ problem: @autoclosure () -> String) throws(SettingError) {
            if !ok { throw SettingError(field: field, problem: problem()) }
        }
        try check(clusterCount >= 2, "clusterCount", "must be at least 2, got \(clusterCount)")
        try check(clusterCount <= sampleCount, "clusterCount", "\(clusterCount) exceeds the \(sampleCount) samples")
        try check(latentDimensions >= 1, "latentDimensions", "must be at least 1, got \(latentDimensions)")
        if let bad = hiddenLayers.first(where: { $0 < 1 }) { try check(false, "hiddenLayers", "sizes must be positive, got \(bad)") }
        try check(lambda >= 0 && lambda.isFinite, "lambda", "must be a finite number ≥ 0, got \(lambda)")
        try check(learningRate > 0 && learningRate.isFinite, "learningRate", "must be positive, got \(learningRate)")
        try check(batchSize >= 1, "batchSize", "must be at least 1, got \(batchSize)")
        try check(pretrainEpochs >= 0, "pretrainEpochs", "must not be negative, got \(pretrainEpochs)")
        try check(epochs >= 0, "epochs", "must not be negative, got \(epochs)")
        try check(centerCountStart >= 1, "centerCountStart", "must be at least 1, got \(centerCountStart)")
        try check(kmeansRestarts >= 1, "kmeansRestarts", "must be at least 1, got \(kmeansRestarts)")
        if let rate = pretrainLearningRate {
            try check(rate > 0 && rate.isFinite, "pretrainLearningRate", "must be positive, got \(rate)")
        }
        try check(momentum >= 0 && momentum < 1, "momentum", "must be in [0, 1), got \(momentum)")
        try check(weightDecay >= 0 && weightDecay.isFinite, "weightDecay", "must be a finite number ≥ 0, got \(weightDecay)")
    }
}

extension DCNConfiguration {
    enum CodingKeys: String, CodingKey {
        case clusterCount, latentDimensions, hiddenLayers, lambda, learningRate, batchSize, pretrainEpochs, epochs,
            seed, centerCountStart, resetCountsEachEpoch, kmeansRestarts, hiddenActivation, initialization,
            optimizer, pretrainLearningRate, momentum, nesterov, weightDecay, batchNormalization, assignBeforeStep,
            startPartition, refillCollapsedClusters, keepBetter, clusteringScale
    }

    /// Keys that older recordings wrote and this version reads but no longer writes.
    private enum LegacyKeys: String, CodingKey { case relativeClustering }

    /// Decodes a configuration; keys that are absent (e.g. written by another trainer or an older
    /// version) take their default values.
    public init(from decoder: Decoder) throws {
        self.init()
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func value<T: Decodable>(_ key: CodingKeys, _ current: T) throws -> T { try c.decodeIfPresent(T.self, forKey: key) ?? current }
        clusterCount = try value(.clusterCount, clusterCount)
        latentDimensions = try value(.latentDimensions, latentDimensions)
        hiddenLayers = try value(.hiddenLayers, hiddenLayers)
        lambda = try value(.lambda, lambda)
        learningRate = try value(.learningRate, learningRate)
        batchSize = try value(.batchSize, batchSize)
        pretrainEpochs = try value(.pretrainEpochs, pretrainEpochs)
        epochs = try value(.epochs, epochs)
        seed = try value(.seed, seed)
        centerCountStart = try value(.centerCountStart, centerCountStart)
        resetCountsEachEpoch = try value(.resetCountsEachEpoch, resetCountsEachEpoch)
        kmeansRestarts = try value(.kmeansRestarts, kmeansRestarts)
        hiddenActivation = try value(.hiddenActivation, hiddenActivation)
        initialization = try value(.initialization, initialization)
        optimizer = try value(.optimizer, optimizer)
        pretrainLearningRate = try c.decodeIfPresent(Float.self, forKey: .pretrainLearningRate)
        momentum = try value(.momentum, momentum)
        nesterov = try value(.nesterov, nesterov)
        weightDecay = try value(.weightDecay, weightDecay)
        batchNormalization = try value(.batchNormalization, batchNormalization)
        // Runs recorded before this setting existed kept the assignment from the last visit.
        assignBeforeStep = try value(.assignBeforeStep, false)
        startPartition = try value(.startPartition, .kmeans)
        // Runs recorded before refilling existed never refilled.
        refillCollapsedClusters = try value(.refillCollapsedClusters, false)
        keepBetter = try value(.keepBetter, false)
        // Runs recorded before the scale had a choice of three recorded `relativeClustering` (or nothing).
        let legacy = try decoder.container(keyedBy: LegacyKeys.self)
        let relative = try legacy.decodeIfPresent(Bool.self, forKey: .relativeClustering) ?? false
        clusteringScale = try value(.clusteringScale, relative ? .codes : .paper)
    }
}

extension DCNConfiguration {
    /// The command line's flag (without dashes) for each field, for messages and labels that name
    /// settings the way users give them (from ``SettingSchema``).
    public static let flagNames: [String: String] = Dictionary(uniqueKeysWithValues: SettingSchema.all.map { ($0.field, $0.flag) })
}
