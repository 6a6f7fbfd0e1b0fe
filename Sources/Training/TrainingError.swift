public import DCNCore
public import RunFormat

/// Why training could not start or had to stop.
public enum TrainingError: Error, CustomStringConvertible, Equatable, Sendable {
    /// A setting is out of range (named by its configuration field).
    case invalidSetting(SettingError)
    /// The data does not fit the model or the settings (e.g. a different width); the message says how.
    case unusableData(String)
    /// ``DCN/encode(_:)``, ``DCN/assign(_:)`` or ``DCN/save(to:)`` was called before ``DCN/fit(_:labels:observer:)``.
    case notTrained
    /// A loss or latent code became NaN or infinite.
    case diverged(phase: TrainingPhase, epoch: Int, quantity: String)
    /// The caller asked training to stop (e.g. SIGINT); epochs before `epoch` are complete.
    case interrupted(phase: TrainingPhase, epoch: Int)

    public var description: String {
        switch self {
        case .invalidSetting(let error): error.description
        case .unusableData(let message): message
        case .notTrained: "the model is not trained yet: call fit first"
        case .diverged(let phase, let epoch, let quantity):
            "training diverged: \(quantity) became NaN or infinite in \(phase.rawValue) epoch \(epoch); "
                + "try a smaller learning rate or λ"
        case .interrupted(let phase, let epoch):
            "training interrupted during \(phase.rawValue) epoch \(epoch); the recording keeps every epoch completed before it"
        }
    }
}

extension TrainingError {
    /// Whether the error stopped a run that had started (divergence or a stop request), so the epochs
    /// recorded before it still make a report; other errors mean the run could not start as asked.
    public var endsTrainingEarly: Bool {
        switch self {
        case .diverged, .interrupted: true
        default: false
        }
    }
}
