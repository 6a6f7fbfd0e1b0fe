public import DCNCore
public import Datasets
public import Foundation
import Training

/// What `generate`, `train` and each run of a sweep were asked to do, as typed values: the data, every
/// training setting the command line gave (nil or false where it gave none), and the output.
///
/// The command line only parses into this; a sweep builds its children's flags back from it
/// (``arguments``), so a child is given exactly what the sweep checked.
public struct RunRequest: Equatable, Sendable {
    /// `--method`: this tool's DCN or the paper's.
    public var method: DCNMethod = .dcnReport
    /// `--preset`; nil for the data's default (``PresetName/default(for:)``).
    public var preset: PresetName?
    public var dataset = "synthetic"
    public var labels: String?
    public var labelColumn: LabelColumn = .none
    public var clusters: Int?
    public var latentDim: Int?
    public var hidden: [Int]?
    public var activation: Activation?
    public var initialization: WeightInitialization?
    public var lambda: Float?
    public var start: StartPartition?
    public var noRefill = false
    public var noKeepBetter = false
    public var clusteringScale: ClusteringScale?
    public var keepAssignments = false
    public var optimizer: OptimizerKind?
    public var learningRate: Float?
    public var pretrainLearningRate: Float?
    public var momentum: Float?
    public var nesterov = false
    public var weightDecay: Float?
    public var batchNorm = false
    public var batchSize: Int?
    public var pretrainEpochs: Int?
    public var epochs: Int?
    public var centerCountStart: Int?
    public var resetCounts = false
    public var kmeansRestarts: Int?
    public var scaling: ScalingChoice = .auto
    public var seed: UInt64 = 0
    public var pointsPerCluster = 2_500
    /// `--limit`: train on at most this many rows, drawn with the seed.
    public var limit: Int?
    public var out: String?
    public var name: String?
    public var classNames: [String]?
    public var imageShape: [Int]?
    public var fromPretrained: String?
    public var savePretrained: String?
    public var force = false
    public var quiet = false

    /// A request with every default: the synthetic demo into reports/demo.
    public init() {}

    /// What a run works on: the data (loaded, not yet scaled), the checked configuration, the scaling to
    /// apply and why, and where the data came from.
    public struct Setup {
        public let data: Dataset
        public let configuration: DCNConfiguration
        public let scaling: FeatureScaling
        /// Why that scaling, for the report.
        public let scalingReason: String
        public let source: DatasetSource
    }

    /// Loads the data and builds the configuration for it.
    public func load() throws -> Setup {
        let (data, source) = try loadData()
        let configuration = try configuration(for: data, source: source)
        let (scaling, reason) = try resolvedScaling(for: data, configuration: configuration)
        return Setup(data: data, configuration: configuration, scaling: scaling, scalingReason: reason, source: source)
    }

    /// The scaling to apply and why: `--scaling`'s, or under `auto` the data set's preferred one, or for a
    /// table that is not pixels the view the scaling check chooses (``ScalingCheck``).
    /// - Throws: ``FlagValueError`` when the data holds a value the chosen scaling cannot take.
    public func resolvedScaling(for data: Dataset, configuration: DCNConfiguration) throws -> (scaling: FeatureScaling, reason: String) {
        if let outside = scaling.resolved(for: data).firstValueOutsideDomain(of: data.features) {
            throw FlagValueError(
                "--scaling \(scaling.rawValue): \(dataset) holds \(outside.value) at data row \(outside.row + 1), column \(outside.column + 1), and log scaling takes only values ≥ 0 (use --scaling standardize)"
            )
        }
        guard scaling == .auto, data.scalingIsChecked else { return (scaling.resolved(for: data), scaling.reason(for: data)) }
        let check = ScalingCheck(features: data.features, clusterCount: configuration.clusterCount, restarts: configuration.kmeansRestarts)
        return (check.chosen, "chosen by --scaling auto: " + check.reason)
    }

    /// Loads the data set the request names.
    public func loadData() throws -> (Dataset, DatasetSource) {
        guard pointsPerCluster >= 1 else { throw FlagValueError("--points-per-cluster must be at least 1, got \(pointsPerCluster)") }
        let source = DatasetSource(parsing: dataset)
        var data = try source.load(labelsPath: labels, labelColumn: labelColumn, seed: seed, syntheticPointsPerCluster: pointsPerCluster)
        if let imageShape {
            do { try data.setImageShape(imageShape, source: "--image-shape") } catch { throw FlagValueError("\(error)") }
        }
        if let limit {
            guard limit >= 2 else { throw FlagValueError("--limit must be at least 2, got \(limit)") }
            data = data.limited(to: limit, seed: seed)
        }
        return (data, source)
    }

    /// What decides the loaded data: equal for requests that load the same samples.
    public var dataIdentity: String {
        let synthetic = DatasetSource(parsing: dataset) == .synthetic
        return [
            dataset, labels ?? "", "\(labelColumn)", synthetic ? "seed \(seed), \(pointsPerCluster) per cluster" : "",
            limit.map { "limit \($0), seed \(seed)" } ?? ""
        ].joined(separator: "|")
    }

    /// The configuration: the preset's, then every setting given, then k and the code width from the data
    /// where none sets them; checked once, here, with errors naming the flag.
    public func configuration(for data: Dataset, source: DatasetSource) throws -> DCNConfiguration {
        let presetName = preset ?? .default(for: source)
        var c = presetName.configuration
        c.hiddenLayers = hidden ?? c.hiddenLayers
        c.hiddenActivation = activation ?? c.hiddenActivation
        c.initialization = initialization ?? c.initialization
        c.startPartition = start ?? c.startPartition
        c.assignBeforeStep = c.assignBeforeStep && !keepAssignments
        c.refillCollapsedClusters = c.refillCollapsedClusters && !noRefill
        c.keepBetter = c.keepBetter && !noKeepBetter
        c.clusteringScale = clusteringScale ?? c.clusteringScale
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
        try applyMethod(to: &c)
        c.clusterCount = clusterCountSource(for: data).clusterCount
        if presetName == .general && hidden == nil {
            c.hiddenLayers = NetworkSizing.hiddenLayers(features: data.dimensions)
        }
        if presetName == .general && batchSize == nil {
            c.batchSize = NetworkSizing.batchSize(rows: data.count)
        }
        if presetName == .general && latentDim == nil {
            // The paper's code is as wide as k; at least 10 wide here (the mnist preset's width), because a
            // 2- or 3-wide code loses what k-means on a table's standardised features keeps (docs/results.md:
            // wine 0.817 → 0.871 NMI with a 10-wide code, iris 0.746 → 0.755; no set here falls below its line).
            c.latentDimensions = max(c.clusterCount, DCNConfiguration.general.latentDimensions)
        }
        do {
            try c.validate(sampleCount: data.count)
        } catch {
            throw FlagValueError(SettingFlags.message(for: error))
        }
        return c
    }

    /// k and where it comes from: `--clusters`, the mnist preset, the labels' classes, else 4 (the one rule
    /// ``configuration(for:source:)`` and the terminal's briefing both read).
    func clusterCountSource(for data: Dataset) -> RunBriefing.ClusterCountSource {
        if let clusters { return .flag(clusters) }
        if preset == .mnist { return .preset }
        if let classes = data.classCount { return .labels(classes) }
        return .fallback
    }

    /// Applies `--method`, refusing a flag for a setting the method fixes.
    func applyMethod(to c: inout DCNConfiguration) throws {
        let given: [String: Bool] = [
            "startPartition": start != nil, "refillCollapsedClusters": noRefill,
            "keepBetter": noKeepBetter, "clusteringScale": clusteringScale != nil
        ]
        if let clash = method.fixedFields.first(where: { given[$0] == true }) {
            let flag = DCNConfiguration.flagNames[clash] ?? clash
            throw FlagValueError("--method \(method.rawValue) fixes --\(flag) (\(method.title)); drop --\(flag), or use --method dcn-report")
        }
        method.apply(to: &c)
    }

    /// The pipeline for this request, with the run name, class names and `force` applied.
    public func pipeline(for setup: Setup) throws -> RunPipeline {
        let pipeline = RunPipeline(
            data: setup.data, configuration: setup.configuration, scaling: setup.scaling,
            outDirectory: outDirectory(for: setup.source, data: setup.data), quiet: quiet)
        pipeline.runName = name
        pipeline.briefing =
            RunBriefing(
                setup: setup, preset: preset ?? .default(for: setup.source), method: method,
                clusterCountSource: clusterCountSource(for: setup.data)
            ).lines
        pipeline.method = method
        pipeline.scalingReason = setup.scalingReason
        pipeline.force = force
        pipeline.resumeFrom = fromPretrained.map { URL(fileURLWithPath: $0) }
        pipeline.saveCheckpoint = savePretrained.map { URL(fileURLWithPath: $0) }
        if let classNames {
            guard let classes = setup.data.classCount, classNames.count == classes else {
                throw FlagValueError("--class-names: \(classNames.count) names given but the labels have \(setup.data.classCount ?? 0) classes")
            }
            pipeline.classNames = classNames
        }
        return pipeline
    }

    /// The output folder: `out`, or reports/demo for the synthetic data, else reports/<data set name>.
    public func outDirectory(for source: DatasetSource, data: Dataset) -> URL {
        if let out { return URL(fileURLWithPath: out) }
        switch source {
        case .synthetic: return URL(fileURLWithPath: "reports/demo")
        case .file: return URL(fileURLWithPath: "reports/" + RunPipeline.safeName(data.name))
        }
    }
}

/// A flag value the command line accepted but that does not fit (a setting out of range, class names that
/// do not match the labels): shown as one line naming the flag, with the exit code of a bad flag value.
public struct FlagValueError: Error, CustomStringConvertible {
    public let description: String

    /// - Parameter description: The line, e.g. `--lambda must be a finite number ≥ 0, got nan`.
    public init(_ description: String) { self.description = description }
}
