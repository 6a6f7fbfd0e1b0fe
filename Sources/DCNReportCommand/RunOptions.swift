import ArgumentParser
import DCNMath
import Datasets
import Foundation
import Network
import Training
import DCNCore

/// The data and training flags shared by `generate` and `train`.
///
/// Every training flag is optional: an explicit flag wins over `--preset`, which wins over the
/// defaults of ``DCNConfiguration``.
struct RunOptions: ParsableArguments {
    @Option(help: "Settings preset: 'synthetic' (the demo's 100-50-10-2 network), 'mnist' (784-500-500-2000-10, batch 256) or 'general' (the paper's 500-500-2000 network with a latent width of k, batch 256); default: synthetic for the built-in data, general for a file (see README: how the defaults are chosen).")
    var preset: String?

    @Option(help: "'synthetic' (the paper's 4-cluster example in 100-D), a .csv, .csv.gz, .npy or IDX (*-idx3-ubyte[.gz]) file, or a folder of the MNIST IDX files (all 70,000 digits with labels).")
    var dataset: String = "synthetic"

    @Option(help: "Labels file (.npy, one-column .csv, or IDX *-idx1-ubyte[.gz]), used only for metrics and figures.")
    var labels: String?

    @Option(help: "For CSV data: the label column ('none', 'last', a 0-based index, or a header name).")
    var labelColumn: String = "none"

    @Option(help: "Number of clusters k (default: the number of label classes, else 4).")
    var clusters: Int?

    @Option(help: "Latent dimension (default 2).")
    var latentDim: Int?

    @Option(help: "Hidden layer widths of the encoder, comma-separated; the decoder mirrors them (default 100,50,10).")
    var hidden: String?

    @Option(help: "Hidden-layer activation: relu, leaky-relu, tanh, sigmoid or linear (default relu).")
    var activation: String?

    @Option(help: "Weight initialisation: fan-in (U(±1/√in) for weights and biases, PyTorch's default; the default), auto (He for ReLU, Glorot otherwise, zero biases), he or glorot.")
    var initialization: String?

    @Option(help: "λ: weight of the clustering term against the relative reconstruction error (default 1, the same on every data set; see README: what λ means).")
    var lambda: Float?

    @Option(help: "DCN's starting partition: kmeans, merged (over-cluster, then merge along dense boundaries) or auto (the lower normalised cut of the two; default).")
    var start: StartPartition?

    @Flag(help: "Keep each sample's assignment from its last visit for the network step instead of assigning it with the current network just before the step.")
    var keepAssignments = false

    @Option(help: "Optimiser: adam (default) or sgd (with --momentum, --nesterov).")
    var optimizer: String?

    @Option(help: "Learning rate of DCN training, and of pretraining unless --pretrain-learning-rate is given (default 0.0005).")
    var learningRate: Float?

    @Option(help: "Learning rate of pretraining (default: --learning-rate).")
    var pretrainLearningRate: Float?

    @Option(help: "SGD momentum (default 0.9, as the official DCN code).")
    var momentum: Float?

    @Flag(help: "Use Nesterov momentum with SGD.")
    var nesterov = false

    @Option(help: "L2 weight decay (default 0).")
    var weightDecay: Float?

    @Flag(help: "Batch normalisation after every hidden layer (training: batch statistics; encoding: running statistics).")
    var batchNorm = false

    @Option(help: "Minibatch size (default 64).")
    var batchSize: Int?

    @Option(help: "Autoencoder pretraining epochs (default 50).")
    var pretrainEpochs: Int?

    @Option(help: "DCN training epochs, one frame each plus epoch 0 (default 50).")
    var epochs: Int?

    @Option(help: "Value the per-cluster counts of the centre update start from (default 100, as the official code).")
    var centerCountStart: Int?

    @Flag(help: "Reset the per-cluster counts at the start of every epoch.")
    var resetCounts = false

    @Option(help: "k-means++ restarts for the initial centres and baselines (default 10).")
    var kmeansRestarts: Int?

    @Option(help: "Input scaling: auto, none, unit, minmax or standardize (auto: standardize for synthetic, unit for pixel data, else none).")
    var scaling: String = "auto"

    @Option(help: "Seed for data generation, weights, shuffling and k-means (README lists the synthetic demo for seeds 0–19).")
    var seed: UInt64 = 0

    @Option(help: "Points per cluster of the synthetic data set.")
    var pointsPerCluster: Int = 2_500

    @Option(help: "Output folder (default: reports/demo for the synthetic data, else reports/<data set name>).")
    var out: String?

    @Option(help: "Run name shown in the report (default: the output folder's name).")
    var name: String?

    @Option(help: "Display names of the classes in ascending label order, comma-separated (e.g. zero,one,two).")
    var classNames: String?

    @Flag(help: "Write into an existing non-empty --out folder that is not a dcn-report output (only dcn-report's own files are replaced).")
    var force = false

    @Flag(help: "Print only errors and the report path.")
    var quiet = false

    /// The data set (loaded, not yet scaled), the scaling to apply, and the validated configuration.
    func load() throws -> (data: Dataset, configuration: DCNConfiguration, scaling: FeatureScaling, source: DatasetSource) {
        var configuration = try validated()
        let source = DatasetSource(parsing: dataset)
        let data = try source.load(labelsPath: labels, labelColumn: LabelColumn(parsing: labelColumn), seed: seed,
                                   syntheticPointsPerCluster: pointsPerCluster)
        configuration.clusterCount = clusters ?? (preset == "mnist" ? 10 : nil) ?? data.classCount ?? 4
        if Presets.name(preset, for: source) == "general" && latentDim == nil {
            configuration.latentDimensions = configuration.clusterCount   // the paper's choice: a code as wide as k
        }
        do { try configuration.validate(sampleCount: data.count) } catch { throw UserFacingError(SettingFlags.message(for: error)) }
        let mode = scaling == "auto" ? data.preferredScaling : FeatureScaling(rawValue: scaling)!
        return (data, configuration, mode, source)
    }

    /// The pipeline for these options, with the run name, class names and --force applied.
    func pipeline(data: Dataset, configuration: DCNConfiguration, scaling: FeatureScaling, source: DatasetSource) throws -> RunPipeline {
        let pipeline = RunPipeline(data: data, configuration: configuration, scaling: scaling,
                                   outDirectory: outDirectory(for: source, data: data), quiet: quiet)
        pipeline.runName = name
        pipeline.force = force
        if let classNames {
            let names = classNames.split(separator: ",", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            guard let classes = data.classCount, names.count == classes else {
                throw ValidationError("--class-names: \(names.count) names given but the labels have \(data.classCount ?? 0) classes")
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

    /// The configuration from the preset and the flags, checked.
    func validated() throws -> DCNConfiguration {
        var c = try Presets.configuration(named: Presets.name(preset, for: DatasetSource(parsing: dataset)))
        if let hidden {
            let widths = hidden.split(separator: ",", omittingEmptySubsequences: false).map { Int($0.trimmingCharacters(in: .whitespaces)) }
            guard !hidden.isEmpty, widths.allSatisfy({ ($0 ?? 0) >= 1 }) else {
                throw ValidationError("--hidden '\(hidden)': expected positive integers separated by commas, e.g. 100,50,10")
            }
            c.hiddenLayers = widths.map { $0! }
        }
        if let activation {
            guard let value = Activation(rawValue: activation) else {
                throw ValidationError("--activation '\(activation)': expected relu, leaky-relu, tanh, sigmoid or linear")
            }
            c.hiddenActivation = value
        }
        if let initialization {
            guard let value = WeightInitialization(rawValue: initialization) else {
                throw ValidationError("--initialization '\(initialization)': expected fan-in, auto, he or glorot")
            }
            c.initialization = value
        }
        c.startPartition = start ?? c.startPartition
        c.assignBeforeStep = c.assignBeforeStep && !keepAssignments
        if let optimizer {
            guard let value = OptimizerKind(rawValue: optimizer) else { throw ValidationError("--optimizer '\(optimizer)': expected adam or sgd") }
            c.optimizer = value
        }
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
        if let clusters, clusters < 2 { throw ValidationError("--clusters must be at least 2, got \(clusters)") }
        c.clusterCount = max(clusters ?? 2, 2)
        do { try c.validate(sampleCount: Int.max) } catch { throw ValidationError(SettingFlags.message(for: error)) }
        guard scaling == "auto" || FeatureScaling(rawValue: scaling) != nil else {
            throw ValidationError("--scaling '\(scaling)': expected auto, none, unit, minmax or standardize")
        }
        guard pointsPerCluster >= 1 else { throw ValidationError("--points-per-cluster must be at least 1, got \(pointsPerCluster)") }
        return c
    }
}

/// Named settings bundles. Every value and its source is listed in the README.
enum Presets {
    /// The preset a run uses: the one named, else `synthetic` for the built-in data and `general` for a file.
    static func name(_ preset: String?, for source: DatasetSource) -> String {
        if let preset { return preset }
        return source == .synthetic ? "synthetic" : "general"
    }

    /// The configuration a preset starts from.
    static func configuration(named name: String) throws -> DCNConfiguration {
        switch name {
        case "synthetic": return .synthetic
        case "mnist": return .mnist
        case "general": return .general
        default: throw ValidationError("--preset '\(name)': expected synthetic, mnist or general")
        }
    }
}

extension StartPartition: ExpressibleByArgument {}
