import ArgumentParser
import DCNCore
import Datasets
import Runs

/// The data and training flags shared by `generate` and `train`.
///
/// Every training flag is optional: an explicit flag wins over `--preset`, which wins over the
/// defaults of ``DCNConfiguration``.
struct RunOptions: ParsableArguments {
    @Option(
        help:
            "Which DCN to train: dcn-report (the default: a start chosen without labels and held, the collapse refill, the end judge; docs/method.md) or paper (DCN as the paper states it: k-means start with restarts, no hold, no refill, no end judge, the clustering term undivided; it fixes --start, --no-refill, --no-keep-better and --clustering-scale)."
    )
    var method: DCNMethod = .dcnReport

    // The data.
    @Option(
        help:
            "Settings preset: synthetic (the demo's 100-50-10-2 network), mnist (784-500-500-2000-10, batch 256) or general (the paper's w-w-4w network sized to the data, up to its 500-500-2000, with a code as wide as k and at least 10, batch 256 or at most a quarter of the rows); default: synthetic for the built-in data, general for a file (see README: how the defaults are chosen)."
    )
    var preset: PresetName?
    @Option(
        help:
            "'synthetic' (the paper's 4-cluster example in 100-D), a .csv, .csv.gz, .npy or IDX (*-idx3-ubyte[.gz]) file, or a folder of the MNIST IDX files (all 70,000 digits with labels)."
    )
    var dataset: String = "synthetic"
    @Option(help: "Labels file (.npy, one-column .csv, or IDX *-idx1-ubyte[.gz]), used only for metrics and figures.")
    var labels: String?
    @Option(help: "For CSV data: the label column ('none', 'last', a 0-based index, or a header name).")
    var labelColumn: LabelColumn = .none

    // Training settings: help and per-preset defaults from SettingSchema (SettingSchemaTests match the two).
    @Option(parsing: .unconditional, help: .setting("clusters")) var clusters: Int?
    @Option(parsing: .unconditional, help: .setting("latent-dim")) var latentDim: Int?
    @Option(help: .setting("hidden"), transform: CommaSeparated.parser(expecting: "positive integers separated by commas, e.g. 100,50,10"))
    var hidden: CommaSeparated<Int>?
    @Option(help: .setting("activation")) var activation: Activation?
    @Option(help: .setting("initialization")) var initialization: WeightInitialization?
    @Option(parsing: .unconditional, help: .setting("lambda")) var lambda: Float?
    @Option(help: .setting("start")) var start: StartPartition?
    @Flag(help: .setting("no-refill")) var noRefill = false
    @Flag(help: .setting("no-keep-better")) var noKeepBetter = false
    /// Retired in 0.2.0 (an experiment that never became a default): refused with one line in ``validate()``.
    @Flag(help: .hidden) var holdMargin = false
    @Option(help: .setting("clustering-scale")) var clusteringScale: ClusteringScale?
    /// Retired in 0.2.0, as `--hold-margin`.
    @Flag(help: .hidden) var freshOptimizer = false
    @Flag(help: .setting("keep-assignments")) var keepAssignments = false
    @Option(help: .setting("optimizer")) var optimizer: OptimizerKind?
    @Option(parsing: .unconditional, help: .setting("learning-rate")) var learningRate: Float?
    @Option(parsing: .unconditional, help: .setting("pretrain-learning-rate")) var pretrainLearningRate: Float?
    @Option(parsing: .unconditional, help: .setting("momentum")) var momentum: Float?
    @Flag(help: .setting("nesterov")) var nesterov = false
    @Option(parsing: .unconditional, help: .setting("weight-decay")) var weightDecay: Float?
    @Flag(help: .setting("batch-norm")) var batchNorm = false
    @Option(parsing: .unconditional, help: .setting("batch-size")) var batchSize: Int?
    @Option(parsing: .unconditional, help: .setting("pretrain-epochs")) var pretrainEpochs: Int?
    @Option(parsing: .unconditional, help: .setting("epochs")) var epochs: Int?
    @Option(parsing: .unconditional, help: .setting("center-count-start")) var centerCountStart: Int?
    @Flag(help: .setting("reset-counts")) var resetCounts = false
    @Option(parsing: .unconditional, help: .setting("kmeans-restarts")) var kmeansRestarts: Int?
    @Option(help: .setting("seed")) var seed: UInt64 = 0

    // Data scaling, output and run control.
    @Option(
        help:
            "Input scaling: auto (the default), none, unit, minmax, standardize, shared or log (auto: unit for pixel data — images, uint8 arrays, integer tables on one 0–255 scale as wide as an image; for any other table whichever of shared, standardize and log — log(1 + x), then standardize, for values ≥ 0 — k-means' model explains best; README: input scaling).",
        transform: oneOf(ScalingChoice.self))
    var scaling: ScalingChoice = .auto
    @Option(parsing: .unconditional, help: "Points per cluster of the synthetic data set.")
    var pointsPerCluster: Int = 2_500
    @Option(
        parsing: .unconditional,
        help: "Train on at most N rows of the data, drawn at random with --seed (the same rows for the same seed; recorded in run.json).")
    var limit: Int?
    @Option(help: "Output folder (default: reports/demo for the synthetic data, else reports/<data set name>).")
    var out: String?
    @Option(help: "Run name shown in the report (default: the output folder's name).")
    var name: String?
    @Option(help: "Display names of the classes in ascending label order, comma-separated (e.g. zero,one,two).")
    var classNames: CommaSeparated<String>?
    @Option(
        help:
            "Each sample is an image of this shape, HxW or HxWxC (C of 1, 3 or 4), for data that does not say so itself (CSV, 2-D NPY); IDX files and N×H×W arrays keep their own.",
        transform: ImageShape.parse)
    var imageShape: ImageShape?
    @Option(
        help:
            "Start from a pretraining checkpoint (written by --save-pretrained with the same data and pretraining settings) instead of pretraining; the recording is the one pretraining would have written."
    )
    var fromPretrained: String?
    @Option(help: "Save a pretraining checkpoint (network, optimiser and random-generator state) to this file once pretraining ends.")
    var savePretrained: String?
    @Flag(help: "Write into an existing non-empty --out folder that is not a dcn-report output (only dcn-report's own files are replaced).")
    var force = false
    @Flag(help: "Print only errors and the report path.")
    var quiet = false

    func validate() throws {
        if holdMargin { throw ValidationError(RetiredFlag.holdMargin.message) }
        if freshOptimizer { throw ValidationError(RetiredFlag.freshOptimizer.message) }
    }

    /// The flags as typed values, for ``Runs``.
    var request: RunRequest {
        var r = RunRequest()
        r.method = method
        r.preset = preset
        r.dataset = dataset
        r.labels = labels
        r.labelColumn = labelColumn
        r.clusters = clusters
        r.latentDim = latentDim
        r.hidden = hidden?.values
        r.activation = activation
        r.initialization = initialization
        r.lambda = lambda
        r.start = start
        r.noRefill = noRefill
        r.noKeepBetter = noKeepBetter
        r.clusteringScale = clusteringScale
        r.keepAssignments = keepAssignments
        r.optimizer = optimizer
        r.learningRate = learningRate
        r.pretrainLearningRate = pretrainLearningRate
        r.momentum = momentum
        r.nesterov = nesterov
        r.weightDecay = weightDecay
        r.batchNorm = batchNorm
        r.batchSize = batchSize
        r.pretrainEpochs = pretrainEpochs
        r.epochs = epochs
        r.centerCountStart = centerCountStart
        r.resetCounts = resetCounts
        r.kmeansRestarts = kmeansRestarts
        r.scaling = scaling
        r.seed = seed
        r.pointsPerCluster = pointsPerCluster
        r.limit = limit
        r.out = out
        r.name = name
        r.classNames = classNames?.values
        r.imageShape = imageShape?.dimensions
        r.fromPretrained = fromPretrained
        r.savePretrained = savePretrained
        r.force = force
        r.quiet = quiet
        return r
    }
}
