public import DCNMath
public import DCNCore
import Clustering
import Foundation
public import NeuralNetwork
public import RunFormat

/// A trained DCN: configuration, input scaling, network and cluster centres, ready to encode and
/// assign new data. Saved to and loaded from a ``RunFormat/ModelFile``.
public final class TrainedModel {
    /// Settings the model was trained with.
    public let configuration: DCNConfiguration
    /// The scaling fitted to the training data; applied to new data before encoding.
    public let scaling: FittedScaling
    /// The network.
    public let autoencoder: Autoencoder
    /// Cluster centres, `k × latentDimensions`.
    public let centers: Matrix

    /// Wraps trained parts.
    public init(configuration: DCNConfiguration, scaling: FittedScaling, autoencoder: Autoencoder, centers: Matrix) {
        self.configuration = configuration
        self.scaling = scaling
        self.autoencoder = autoencoder
        self.centers = centers
    }

    /// The codes f(x) of raw (unscaled) samples.
    /// - Parameter data: Samples as rows, with the training data's width.
    /// - Returns: `n × latentDimensions`.
    /// - Throws: ``TrainingError/unusableData(_:)`` when the width differs, or a value lies outside the
    ///   scaling's domain (a negative value under `log`).
    public func encode(_ data: Matrix) throws -> Matrix {
        guard data.columns == autoencoder.inputDimensions else {
            throw TrainingError.unusableData("the data has \(data.columns) columns but the model was trained on \(autoencoder.inputDimensions)")
        }
        if let outside = scaling.mode.valueOutsideDomain(in: data) {
            throw TrainingError.unusableData("\(outside), but the model was trained on log-scaled data, which takes only values ≥ 0")
        }
        var scaled = data
        scaling.apply(to: &scaled)
        // The thread count training used, so the codes match the recording bit for bit.
        return BLASThreadPolicy.run(for: autoencoder, batchSize: configuration.batchSize) { autoencoder.encode(scaled) }
    }

    /// The nearest centre of each raw sample's code.
    /// - Parameter data: Samples as rows.
    /// - Returns: Cluster per sample.
    /// - Throws: ``TrainingError/unusableData(_:)`` when the width differs.
    public func assign(_ data: Matrix) throws -> [Int32] {
        NearestCenter.assign(try encode(data), to: centers).assignments
    }

    /// The file's contents: every layer's parameters, the centres, configuration and scaling.
    public var file: ModelFile {
        let layers = (autoencoder.encoder + autoencoder.decoder).map { layer in
            ModelFile.Layer(
                inputDimensions: layer.inputDimensions, outputDimensions: layer.outputDimensions,
                weight: layer.weight.array, bias: layer.bias.array,
                normalization: layer.batchNormalization.map { norm in
                    [norm.gamma, norm.beta, norm.runningMean, norm.runningVariance].map(\.array)
                })
        }
        return ModelFile(
            configuration: configuration, scaling: scaling, inputDimensions: autoencoder.inputDimensions,
            capacity: autoencoder.capacity, layers: layers, centers: centers)
    }

    /// Writes the model to `url` (atomically: a temporary file renamed into place).
    /// - Throws: ``RunFormat/RecordingError`` naming the file when it cannot be written.
    public func save(to url: URL) throws {
        try file.write(to: url)
    }

    /// Reads a model file.
    /// - Parameter url: The file.
    /// - Returns: The model.
    /// - Throws: ``RunFormat/RecordingError`` naming the file and what is wrong.
    public static func load(from url: URL) throws -> TrainedModel {
        try TrainedModel(file: ModelFile(contentsOf: url), source: url.path)
    }

    /// Builds the network a model file describes.
    /// - Parameters:
    ///   - file: The file's contents.
    ///   - source: What to name in errors.
    /// - Throws: ``RunFormat/RecordingError`` when the layers do not fit the configuration.
    public convenience init(file: ModelFile, source: String) throws {
        let configuration = file.configuration
        var generator = SplitMix64(seed: 0)  // weights are overwritten below
        let autoencoder = Autoencoder(
            inputDimensions: file.inputDimensions, hidden: configuration.hiddenLayers,
            latentDimensions: configuration.latentDimensions, hiddenActivation: configuration.hiddenActivation,
            batchNormalization: configuration.batchNormalization, capacity: file.capacity, using: &generator)
        do { try autoencoder.load(file.layers) } catch { throw RecordingError(source, "\(error)") }
        self.init(configuration: configuration, scaling: file.scaling, autoencoder: autoencoder, centers: file.centers)
    }
}
