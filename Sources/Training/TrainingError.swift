/// Why training could not start or had to stop.
public enum TrainingError: Error, CustomStringConvertible, Equatable, Sendable {
    /// A setting is out of range; the message names it.
    case invalidConfiguration(String)
    /// A loss or latent code became NaN or infinite.
    case diverged(phase: TrainingPhase, epoch: Int, quantity: String)
    /// The caller asked training to stop (e.g. SIGINT); epochs before `epoch` are complete.
    case interrupted(phase: TrainingPhase, epoch: Int)

    public var description: String {
        switch self {
        case .invalidConfiguration(let message): message
        case .diverged(let phase, let epoch, let quantity):
            "training diverged: \(quantity) became NaN or infinite in \(phase.rawValue) epoch \(epoch); "
                + "try a smaller --learning-rate or --lambda"
        case .interrupted(let phase, let epoch):
            "training interrupted during \(phase.rawValue) epoch \(epoch); the recording keeps every epoch completed before it"
        }
    }
}
