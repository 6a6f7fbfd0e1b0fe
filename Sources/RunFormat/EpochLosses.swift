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

/// An epoch's losses as `run.json` records them (format 4): any of the three may be absent, because a
/// method recorded by another tool may have no decoder (no reconstruction error) or no clustering term.
/// The report draws the curves a run has and skips the rest; a run dcn-report trains records all three.
public struct RecordedLosses: Codable, Equatable, Sendable {
    public var reconstruction: Double?
    public var clustering: Double?
    public var total: Double?

    /// No losses recorded.
    public init() {}

    /// All three of a trained epoch's losses.
    public init(_ losses: EpochLosses) {
        reconstruction = losses.reconstruction
        clustering = losses.clustering
        total = losses.total
    }
}
