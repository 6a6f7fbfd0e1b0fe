import ArgumentParser
import DCNCore
import Datasets
import Foundation
import Runs

/// The data and training flags shared by `generate` and `train`.
///
/// Every training flag is optional: an explicit flag wins over `--preset`, which wins over the
/// defaults of ``DCNConfiguration``.
struct RunOptions: ParsableArguments {
    @Option(help: "Settings preset: synthetic (the demo's 100-50-10-2 network), mnist (784-500-500-2000-10, batch 256) or general (the paper's 500-500-2000 network with a code as wide as k and at least 10, batch 256); default: synthetic for the built-in data, general for a file (see README: how the defaults are chosen).")
    var preset: PresetName?

    @Option(help: "'synthetic' (the paper's 4-cluster example in 100-D), a .csv, .csv.gz, .npy or IDX (*-idx3-ubyte[.gz]) file, or a folder of the MNIST IDX files (all 70,000 digits with labels).")
    var dataset: String = "synthetic"

    @Option(help: "Labels file (.npy, one-column .csv, or IDX *-idx1-ubyte[.gz]), used only for metrics and figures.")
    var labels: String?

    @Option(help: "For CSV data: the label column ('none', 'last', a 0-based index, or a header name).")
    var labelColumn: LabelColumn = .none

    @Option(parsing: .unconditional, help: ArgumentHelp(SettingSchema.help("clusters")))
    var clusters: Int?

    @Option(parsing: .unconditional, help: ArgumentHelp(SettingSchema.help("latent-dim")))
    var latentDim: Int?

    @Option(help: ArgumentHelp(SettingSchema.help("hidden")),
            transform: CommaSeparated.parser(expecting: "positive integers separated by commas, e.g. 100,50,10"))
    var hidden: CommaSeparated<Int>?

    @Option(help: ArgumentHelp(SettingSchema.help("activation")))
    var activation: Activation?

    @Option(help: ArgumentHelp(SettingSchema.help("initialization")))
    var initialization: WeightInitialization?

    @Option(parsing: .unconditional, help: ArgumentHelp(SettingSchema.help("lambda")))
    var lambda: Float?

    @Option(help: ArgumentHelp(SettingSchema.help("start")))
    var start: StartPartition?

    @Flag(help: ArgumentHelp(SettingSchema.help("no-refill")))
    var noRefill = false

    @Flag(help: ArgumentHelp(SettingSchema.help("no-keep-better")))
    var noKeepBetter = false

    @Flag(help: ArgumentHelp(SettingSchema.help("keep-assignments")))
    var keepAssignments = false

    @Option(help: ArgumentHelp(SettingSchema.help("optimizer")))
    var optimizer: OptimizerKind?

    @Option(parsing: .unconditional, help: ArgumentHelp(SettingSchema.help("learning-rate")))
    var learningRate: Float?

    @Option(parsing: .unconditional, help: ArgumentHelp(SettingSchema.help("pretrain-learning-rate")))
    var pretrainLearningRate: Float?

    @Option(parsing: .unconditional, help: ArgumentHelp(SettingSchema.help("momentum")))
    var momentum: Float?

    @Flag(help: ArgumentHelp(SettingSchema.help("nesterov")))
    var nesterov = false

    @Option(parsing: .unconditional, help: ArgumentHelp(SettingSchema.help("weight-decay")))
    var weightDecay: Float?

    @Flag(help: ArgumentHelp(SettingSchema.help("batch-norm")))
    var batchNorm = false

    @Option(parsing: .unconditional, help: ArgumentHelp(SettingSchema.help("batch-size")))
    var batchSize: Int?

    @Option(parsing: .unconditional, help: ArgumentHelp(SettingSchema.help("pretrain-epochs")))
    var pretrainEpochs: Int?

    @Option(parsing: .unconditional, help: ArgumentHelp(SettingSchema.help("epochs")))
    var epochs: Int?

    @Option(parsing: .unconditional, help: ArgumentHelp(SettingSchema.help("center-count-start")))
    var centerCountStart: Int?

    @Flag(help: ArgumentHelp(SettingSchema.help("reset-counts")))
    var resetCounts = false

    @Option(parsing: .unconditional, help: ArgumentHelp(SettingSchema.help("kmeans-restarts")))
    var kmeansRestarts: Int?

    @Option(help: "Input scaling: auto, none, unit, minmax or standardize (auto: unit for pixel data — images, uint8 arrays, integer tables on one 0–255 scale — else standardize; README: input scaling).")
    var scaling: ScalingChoice = .auto

    @Option(help: ArgumentHelp(SettingSchema.help("seed")))
    var seed: UInt64 = 0

    @Option(parsing: .unconditional, help: "Points per cluster of the synthetic data set.")
    var pointsPerCluster: Int = 2_500

    @Option(help: "Output folder (default: reports/demo for the synthetic data, else reports/<data set name>).")
    var out: String?

    @Option(help: "Run name shown in the report (default: the output folder's name).")
    var name: String?

    @Option(help: "Display names of the classes in ascending label order, comma-separated (e.g. zero,one,two).")
    var classNames: CommaSeparated<String>?

    @Option(help: "Each sample is an image of this shape, HxW or HxWxC (C of 1, 3 or 4), for data that does not say so itself (CSV, 2-D NPY); IDX files and N×H×W arrays keep their own.",
            transform: ImageShape.parse)
    var imageShape: ImageShape?

    @Option(help: "Start from a pretraining checkpoint (written by --save-pretrained with the same data and pretraining settings) instead of pretraining; the recording is the one pretraining would have written.")
    var fromPretrained: String?

    @Option(help: "Save a pretraining checkpoint (network, optimiser and random-generator state) to this file once pretraining ends.")
    var savePretrained: String?

    @Flag(help: "Write into an existing non-empty --out folder that is not a dcn-report output (only dcn-report's own files are replaced).")
    var force = false

    @Flag(help: "Print only errors and the report path.")
    var quiet = false

    /// What `generate` and `train` work on: the data (loaded, not yet scaled), the checked configuration,
    /// the scaling to apply, and where the data came from.
    struct Setup {
        let data: Dataset
        let configuration: DCNConfiguration
        let scaling: FeatureScaling
        /// Why that scaling, for the report.
        let scalingReason: String
        let source: DatasetSource
    }

    func validate() throws {
        guard pointsPerCluster >= 1 else { throw ValidationError("--points-per-cluster must be at least 1, got \(pointsPerCluster)") }
    }

    /// Loads the data and builds the configuration for it.
    func load() throws -> Setup {
        let (data, source) = try loadData()
        return Setup(data: data, configuration: try configuration(for: data, source: source), scaling: scaling.resolved(for: data),
                     scalingReason: scaling.reason(for: data), source: source)
    }

    /// Loads the data set the flags name.
    func loadData() throws -> (Dataset, DatasetSource) {
        let source = DatasetSource(parsing: dataset)
        var data = try source.load(labelsPath: labels, labelColumn: labelColumn, seed: seed, syntheticPointsPerCluster: pointsPerCluster)
        if let imageShape {
            do { try data.setImageShape(imageShape.dimensions, source: "--image-shape") } catch { throw ValidationError("\(error)") }
        }
        return (data, source)
    }

    /// What decides the loaded data: equal for runs that load the same samples.
    var dataIdentity: String {
        let synthetic = DatasetSource(parsing: dataset) == .synthetic
        return [dataset, labels ?? "", "\(labelColumn)", synthetic ? "seed \(seed), \(pointsPerCluster) per cluster" : ""].joined(separator: "|")
    }

    /// The configuration: the preset's, then every flag given, then k and the code width from the data where
    /// no flag sets them; checked once, here, with errors naming the flag.
    func configuration(for data: Dataset, source: DatasetSource) throws -> DCNConfiguration {
        let presetName = preset ?? .default(for: source)
        var c = presetName.configuration
        c.hiddenLayers = hidden?.values ?? c.hiddenLayers
        c.hiddenActivation = activation ?? c.hiddenActivation
        c.initialization = initialization ?? c.initialization
        c.startPartition = start ?? c.startPartition
        c.assignBeforeStep = c.assignBeforeStep && !keepAssignments
        c.refillCollapsedClusters = c.refillCollapsedClusters && !noRefill
        c.keepBetter = c.keepBetter && !noKeepBetter
        c.optimizer = optimizer ?? c.optimizer
        c.latentDimensions = latentDim ?? c.latentDimensions
        c.lambda = lambda ?? c.lambda
        c.learningRate = learningRate ?? c.learningRate
        c.pretrainLearningRate = pretrainLearningRate ?? c.pretrainLearningRate
        c.momentum = momentum ?? c.momentum
        c.nesterov = nesterov || c.nesterov
        c.weightDecay = weightDecay ?? c.weightDecay
        c.batchNormalization = batchNorm || c.batchNormalization
        c.batchSize = batchSize ?? c.batchSize
        c.pretrainEpochs = pretrainEpochs ?? c.pretrainEpochs
        c.epochs = epochs ?? c.epochs
        c.centerCountStart = centerCountStart ?? c.centerCountStart
        c.resetCountsEachEpoch = resetCounts || c.resetCountsEachEpoch
        c.kmeansRestarts = kmeansRestarts ?? c.kmeansRestarts
        c.seed = seed
        c.clusterCount = clusters ?? (preset == .mnist ? 10 : nil) ?? data.classCount ?? 4
        if presetName == .general && latentDim == nil {
            // The paper's code is as wide as k; at least 10 wide here (the mnist preset's width), because a
            // 2- or 3-wide code loses what k-means on a table's standardised features keeps (docs/results.md:
            // wine 0.817 → 0.871 NMI with a 10-wide code, iris 0.746 → 0.755; no set here falls below its line).
            c.latentDimensions = max(c.clusterCount, DCNConfiguration.general.latentDimensions)
        }
        do {
            try c.validate(sampleCount: data.count)
        } catch {
            throw ValidationError(SettingFlags.message(for: error))
        }
        return c
    }

    /// The pipeline for these options, with the run name, class names and --force applied.
    func pipeline(for setup: Setup) throws -> RunPipeline {
        let pipeline = RunPipeline(data: setup.data, configuration: setup.configuration, scaling: setup.scaling,
                                   outDirectory: outDirectory(for: setup.source, data: setup.data), quiet: quiet)
        pipeline.runName = name
        pipeline.scalingReason = setup.scalingReason
        pipeline.force = force
        pipeline.resumeFrom = fromPretrained.map { URL(fileURLWithPath: $0) }
        pipeline.saveCheckpoint = savePretrained.map { URL(fileURLWithPath: $0) }
        if let names = classNames?.values {
            guard let classes = setup.data.classCount, names.count == classes else {
                throw ValidationError("--class-names: \(names.count) names given but the labels have \(setup.data.classCount ?? 0) classes")
            }
            pipeline.classNames = names
        }
        return pipeline
    }

    /// The output folder: `--out`, or reports/demo for the synthetic data, else reports/<data set name>.
    func outDirectory(for source: DatasetSource, data: Dataset) -> URL {
        if let out { return URL(fileURLWithPath: out) }
        switch source {
        case .synthetic: return URL(fileURLWithPath: "reports/demo")
        case .file: return URL(fileURLWithPath: "reports/" + RunPipeline.safeName(data.name))
        }
    }
}
