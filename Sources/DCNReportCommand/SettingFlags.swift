import DCNCore
import Training

/// The command line's names for the trainer's settings, so that errors name the flag to change.
enum SettingFlags {
    /// The flag of each ``DCNCore/DCNConfiguration`` field.
    static let flagForField: [String: String] = [
        "clusterCount": "--clusters", "latentDimensions": "--latent-dim", "hiddenLayers": "--hidden", "lambda": "--lambda",
        "learningRate": "--learning-rate", "batchSize": "--batch-size", "pretrainEpochs": "--pretrain-epochs",
        "epochs": "--epochs", "centerCountStart": "--center-count-start", "kmeansRestarts": "--kmeans-restarts",
        "pretrainLearningRate": "--pretrain-learning-rate", "momentum": "--momentum", "weightDecay": "--weight-decay",
    ]

    /// A setting error in the command line's terms, e.g. "--lambda must be a finite number ≥ 0, got nan".
    static func message(for error: SettingError) -> String {
        "\(flagForField[error.field] ?? error.field) \(error.problem)"
    }

    /// A training error in the command line's terms.
    static func message(for error: TrainingError) -> String {
        switch error {
        case .invalidSetting(let setting): message(for: setting)
        case .diverged(let phase, let epoch, let quantity):
            "training diverged: \(quantity) became NaN or infinite in \(phase.rawValue) epoch \(epoch); "
                + "try a smaller --learning-rate or --lambda"
        default: error.description
        }
    }
}
