public import DCNMath
public import DCNCore
import Foundation

/// The engine as a library, in the shape of the earlier implementation's class: configure, `pretrain`,
/// `fit`, `encode`, `assign`, `save`, `load`.
///
/// ```swift
/// var configuration = DCNConfiguration()
/// configuration.clusterCount = 4
/// let dcn = DCN(configuration: configuration, scaling: .standardize)
/// try dcn.fit(x)                       // pretrains first, then DCN epochs
/// let clusters = try dcn.assign(x)     // nearest centre of each code
/// try dcn.save(to: URL(fileURLWithPath: "model.dcn"))
/// let again = try DCN.load(from: URL(fileURLWithPath: "model.dcn"))
/// ```
public final class DCN {
    /// The settings.
    public let configuration: DCNConfiguration
    /// The scaling mode fitted to the training data.
    public let scalingMode: FeatureScaling
    private var trainer: DCNTrainer?
    private var fittedScaling: FittedScaling?
    private var model: TrainedModel?

    /// Configures an untrained model.
    /// - Parameters:
    ///   - configuration: Settings (validated when training starts).
    ///   - scaling: Scaling fitted to the training data and applied to all data.
    public init(configuration: DCNConfiguration, scaling: FeatureScaling = .none) {
        self.configuration = configuration
        scalingMode = scaling
    }

    private init(model: TrainedModel) {
        configuration = model.configuration
        scalingMode = model.scaling.mode
        fittedScaling = model.scaling
        self.model = model
    }

    private func trainer(for data: Matrix, labels: [Int32]?) throws -> DCNTrainer {
        if let trainer { return trainer }
        if let outside = scalingMode.valueOutsideDomain(in: data) {
            throw TrainingError.unusableData("\(outside), but log scaling takes only values ≥ 0")
        }
        var scaled = data
        fittedScaling = scalingMode.apply(to: &scaled)
        let trainer = try DCNTrainer(configuration: configuration, data: scaled, evaluationLabels: labels)
        self.trainer = trainer
        return trainer
    }

    /// Pretrains the autoencoder on `data`.
    /// - Parameters:
    ///   - data: Raw samples as rows.
    ///   - labels: Optional ground truth for scoring only.
    ///   - observer: Receives events (e.g. a ``RunRecorder`` from the Recording module).
    public func pretrain(_ data: Matrix, labels: [Int32]? = nil, observer: TrainingObserver = IgnoringObserver()) throws {
        try trainer(for: data, labels: labels).pretrain(observer: observer)
    }

    /// Runs DCN on `data` (pretraining first if needed); afterwards ``encode(_:)`` and ``assign(_:)`` work.
    /// Call it with the same data as ``pretrain(_:labels:observer:)``.
    /// - Returns: The last snapshot.
    @discardableResult
    public func fit(_ data: Matrix, labels: [Int32]? = nil, observer: TrainingObserver = IgnoringObserver()) throws -> EpochSnapshot {
        let trainer = try trainer(for: data, labels: labels)
        let last = try trainer.fit(observer: observer)
        model = TrainedModel(
            configuration: configuration, scaling: fittedScaling!, autoencoder: trainer.autoencoder,
            centers: last.centers)
        return last
    }

    private func trained() throws -> TrainedModel {
        guard let model else { throw TrainingError.notTrained }
        return model
    }

    /// The codes f(x) of raw samples.
    public func encode(_ data: Matrix) throws -> Matrix { try trained().encode(data) }

    /// The nearest centre of each raw sample.
    public func assign(_ data: Matrix) throws -> [Int32] { try trained().assign(data) }

    /// Saves weights, centres, configuration and scaling.
    public func save(to url: URL) throws { try trained().save(to: url) }

    /// Loads a saved model, ready to ``encode(_:)`` and ``assign(_:)``.
    public static func load(from url: URL) throws -> DCN { DCN(model: try TrainedModel.load(from: url)) }
}

/// An observer that ignores every event.
public final class IgnoringObserver: TrainingObserver {
    /// Creates one.
    public init() {}
    public func handle(_ event: TrainingEvent) throws {}
}
