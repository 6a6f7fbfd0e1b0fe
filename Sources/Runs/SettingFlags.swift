public import DCNCore
public import Training

/// The command line's names for the trainer's settings, so that errors name the flag to change.
public enum SettingFlags {
    /// A setting error in the command line's terms, e.g. "--lambda must be a finite number ≥ 0, got nan".
    public static func message(for error: SettingError) -> String {
        "--\(DCNConfiguration.flagNames[error.field] ?? error.field) \(error.problem)"
    }

    /// A training error in the command line's terms.
    public static func message(for error: TrainingError) -> String {
        switch error {
        case .invalidSetting(let setting): message(for: setting)
        case .diverged(let phase, let epoch, let quantity):
            "training diverged: \(quantity) became NaN or infinite in \(phase.rawValue) epoch \(epoch); "
                + "try a smaller --learning-rate or --lambda"
        default: error.description
        }
    }
}
