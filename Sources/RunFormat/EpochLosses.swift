/// The phase a recorded state belongs to.
public enum TrainingPhase: String, Codable, Sendable {
    /// Autoencoder pretraining (epoch 0 is the state after pretraining and the start partition).
    case pretrain
    /// Joint DCN training.
    case train
}

/// Mean losses over an epoch, per sample.
public struct EpochLosses: Codable, Equatable, Sendable {
    /// Mean relative reconstruction error ‖x − g(f(x))‖²/V (V: the data's total variance).
    public var reconstruction: Double
    /// Mean ‖f(x) − M s‖² (without the λ/2 factor).
    public var clustering: Double
    /// Mean reconstruction + (λ/2)·clustering, the objective.
    public var total: Double

    /// Creates a value from its parts.
    public init(reconstruction: Double, clustering: Double, total: Double) {
        self.reconstruction = reconstruction
        self.clustering = clustering
        self.total = total
    }
}
