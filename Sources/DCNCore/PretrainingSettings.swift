/// The settings that decide what autoencoder pretraining produces. Runs that agree on these (and on the
/// data and its scaling) pretrain identically, so a sweep pretrains once per group and starts each DCN
/// phase from the saved checkpoint; every other setting (λ, DCN epochs, centre counts, the start, the
/// DCN learning rate when pretraining has its own, k-means restarts, …) acts only after pretraining.
public struct PretrainingSettings: Codable, Equatable, Hashable, Sendable {
    public var hiddenLayers: [Int]
    public var latentDimensions: Int
    public var hiddenActivation: Activation
    public var initialization: WeightInitialization
    public var batchNormalization: Bool
    public var optimizer: OptimizerKind
    /// The step size pretraining uses: `pretrainLearningRate ?? learningRate`.
    public var learningRate: Float
    public var momentum: Float
    public var nesterov: Bool
    public var weightDecay: Float
    public var batchSize: Int
    public var pretrainEpochs: Int
    public var seed: UInt64

    /// The pretraining settings of `configuration`.
    public init(_ configuration: DCNConfiguration) {
        hiddenLayers = configuration.hiddenLayers
        latentDimensions = configuration.latentDimensions
        hiddenActivation = configuration.hiddenActivation
        initialization = configuration.initialization
        batchNormalization = configuration.batchNormalization
        optimizer = configuration.optimizer
        learningRate = configuration.pretrainLearningRate ?? configuration.learningRate
        momentum = configuration.momentum
        nesterov = configuration.nesterov
        weightDecay = configuration.weightDecay
        batchSize = configuration.batchSize
        pretrainEpochs = configuration.pretrainEpochs
        seed = configuration.seed
    }

    /// The first setting in which `self` and `other` differ, by field name, or nil when they agree.
    public func firstDifference(from other: PretrainingSettings) -> String? {
        let fields: [(String, Bool)] = [
            ("hiddenLayers", hiddenLayers == other.hiddenLayers), ("latentDimensions", latentDimensions == other.latentDimensions),
            ("hiddenActivation", hiddenActivation == other.hiddenActivation), ("initialization", initialization == other.initialization),
            ("batchNormalization", batchNormalization == other.batchNormalization), ("optimizer", optimizer == other.optimizer),
            ("pretrainLearningRate", learningRate == other.learningRate), ("momentum", momentum == other.momentum),
            ("nesterov", nesterov == other.nesterov), ("weightDecay", weightDecay == other.weightDecay),
            ("batchSize", batchSize == other.batchSize), ("pretrainEpochs", pretrainEpochs == other.pretrainEpochs),
            ("seed", seed == other.seed)
        ]
        return fields.first { !$0.1 }?.0
    }
}
