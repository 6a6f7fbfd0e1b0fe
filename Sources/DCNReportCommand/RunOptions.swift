import ArgumentParser
import DCNMath
import Datasets
import Foundation
import Training

/// The data and training flags shared by `generate` and `train`.
struct RunOptions: ParsableArguments {
    @Option(help: "'synthetic' (the paper's 4-cluster example in 100-D) or a .csv, .csv.gz or .npy file.")
    var dataset: String = "synthetic"

    @Option(help: "Labels file (.npy or one-column .csv), used only for metrics and figures.")
    var labels: String?

    @Option(help: "For CSV data: the label column ('none', 'last', a 0-based index, or a header name).")
    var labelColumn: String = "none"

    @Option(help: "Number of clusters k (default: the number of label classes, else 4).")
    var clusters: Int?

    @Option(help: "Latent dimension.")
    var latentDim: Int = 2

    @Option(help: "Hidden layer widths of the encoder, comma-separated (decoder mirrored).")
    var hidden: String = "100,50,10"

    @Option(help: "λ: weight of the clustering term (see README: what λ means).")
    var lambda: Float = DCNConfiguration().lambda

    @Option(help: "Adam learning rate.")
    var learningRate: Float = DCNConfiguration().learningRate

    @Option(help: "Minibatch size.")
    var batchSize: Int = DCNConfiguration().batchSize

    @Option(help: "Autoencoder pretraining epochs.")
    var pretrainEpochs: Int = DCNConfiguration().pretrainEpochs

    @Option(help: "DCN training epochs (one frame each, plus epoch 0).")
    var epochs: Int = DCNConfiguration().epochs

    @Option(help: "Value the per-cluster counts of the centre update start from (official code: 100).")
    var centerCountStart: Int = DCNConfiguration().centerCountStart

    @Flag(help: "Reset the per-cluster counts at the start of every epoch.")
    var resetCounts = false

    @Option(help: "Input scaling: none, minmax or standardize.")
    var scaling: String = "standardize"

    @Option(help: "Seed for data generation, weights, shuffling and k-means (6 is the demo's draw; README lists seeds 0–9).")
    var seed: UInt64 = 6

    @Option(help: "Points per cluster of the synthetic data set.")
    var pointsPerCluster: Int = 2_500

    @Option(help: "Output folder (default: reports/demo for the synthetic data, else reports/<data set name>).")
    var out: String?

    @Flag(help: "Print only errors and the report path.")
    var quiet = false

    /// The data set, loaded and scaled, and the validated training configuration.
    func load() throws -> (data: Dataset, configuration: DCNConfiguration, scaling: FeatureScaling, source: DatasetSource) {
        let (configuration0, scaling) = try validated()
        let source = DatasetSource(parsing: dataset)
        var data = try source.load(labelsPath: labels, labelColumn: LabelColumn(parsing: labelColumn), seed: seed,
                                   syntheticPointsPerCluster: pointsPerCluster)
        var configuration = configuration0
        configuration.clusterCount = clusters ?? data.classCount ?? 4
        try configuration.validate(sampleCount: data.count)
        scaling.apply(to: &data.features)
        return (data, configuration, scaling, source)
    }

    /// The output folder: `--out`, or reports/demo for the synthetic data, else reports/<data set name>.
    func outDirectory(for source: DatasetSource, data: Dataset) -> URL {
        if let out { return URL(fileURLWithPath: out) }
        switch source {
        case .synthetic: return URL(fileURLWithPath: "reports/demo")
        case .file: return URL(fileURLWithPath: "reports/" + RunPipeline.safeName(data.name))
        }
    }

    func validated() throws -> (DCNConfiguration, FeatureScaling) {
        var configuration = DCNConfiguration()
        let widths = hidden.split(separator: ",", omittingEmptySubsequences: false).map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !hidden.isEmpty, widths.allSatisfy({ ($0 ?? 0) >= 1 }) else {
            throw ValidationError("--hidden '\(hidden)': expected positive integers separated by commas, e.g. 100,50,10")
        }
        configuration.hiddenLayers = widths.map { $0! }
        configuration.latentDimensions = latentDim
        configuration.lambda = lambda
        configuration.learningRate = learningRate
        configuration.batchSize = batchSize
        configuration.pretrainEpochs = pretrainEpochs
        configuration.epochs = epochs
        configuration.centerCountStart = centerCountStart
        configuration.resetCountsEachEpoch = resetCounts
        configuration.seed = seed
        if let clusters, clusters < 2 { throw ValidationError("--clusters must be at least 2, got \(clusters)") }
        configuration.clusterCount = max(clusters ?? 2, 2)
        do { try configuration.validate(sampleCount: Int.max) } catch { throw ValidationError("\(error)") }
        guard let scaling = FeatureScaling(rawValue: scaling) else {
            throw ValidationError("--scaling '\(scaling)': expected none, minmax or standardize")
        }
        guard pointsPerCluster >= 1 else { throw ValidationError("--points-per-cluster must be at least 1, got \(pointsPerCluster)") }
        return (configuration, scaling)
    }
}
