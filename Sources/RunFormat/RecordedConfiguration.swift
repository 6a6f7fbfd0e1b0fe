public import DCNCore

/// `run.json`'s `configuration`: the settings a run folder records, as the format defines them.
///
/// Only `clusterCount` is required; every other key may be absent (a folder written by another tool gives
/// what it has, docs/recording-format.md), and absent stays absent: nothing here takes dcn-report's
/// defaults, so a reader shows only what the run recorded. A run dcn-report trained records every field
/// of its ``DCNConfiguration`` (``init(_:)``); the keys are the same, so its `run.json` reads as before.
/// SettingSchemaTests checks that the fields here are ``SettingSchema``'s, in order.
public struct RecordedConfiguration: Codable, Equatable, Sendable {
    public var clusterCount: Int
    public var latentDimensions: Int?
    public var hiddenLayers: [Int]?
    public var lambda: Float?
    public var learningRate: Float?
    public var batchSize: Int?
    public var pretrainEpochs: Int?
    public var epochs: Int?
    public var seed: UInt64?
    public var centerCountStart: Int?
    public var resetCountsEachEpoch: Bool?
    public var kmeansRestarts: Int?
    public var hiddenActivation: Activation?
    public var initialization: WeightInitialization?
    public var assignBeforeStep: Bool?
    public var startPartition: StartPartition?
    public var optimizer: OptimizerKind?
    public var pretrainLearningRate: Float?
    public var momentum: Float?
    public var nesterov: Bool?
    public var weightDecay: Float?
    public var batchNormalization: Bool?
    public var refillCollapsedClusters: Bool?
    public var keepBetter: Bool?
    public var clusteringScale: ClusteringScale?

    /// A configuration that gives only k.
    public init(clusterCount: Int) {
        self.clusterCount = clusterCount
    }

    /// What a run dcn-report trains records: every setting of `c`.
    public init(_ c: DCNConfiguration) {
        clusterCount = c.clusterCount
        latentDimensions = c.latentDimensions
        hiddenLayers = c.hiddenLayers
        lambda = c.lambda
        learningRate = c.learningRate
        batchSize = c.batchSize
        pretrainEpochs = c.pretrainEpochs
        epochs = c.epochs
        seed = c.seed
        centerCountStart = c.centerCountStart
        resetCountsEachEpoch = c.resetCountsEachEpoch
        kmeansRestarts = c.kmeansRestarts
        hiddenActivation = c.hiddenActivation
        initialization = c.initialization
        assignBeforeStep = c.assignBeforeStep
        startPartition = c.startPartition
        optimizer = c.optimizer
        pretrainLearningRate = c.pretrainLearningRate
        momentum = c.momentum
        nesterov = c.nesterov
        weightDecay = c.weightDecay
        batchNormalization = c.batchNormalization
        refillCollapsedClusters = c.refillCollapsedClusters
        keepBetter = c.keepBetter
        clusteringScale = c.clusteringScale
    }
}
