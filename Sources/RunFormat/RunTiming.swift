/// The contents of `RUN/timing.json`: wall-clock figures, kept apart from `run.json` so that
/// the recording itself is reproducible byte for byte.
public struct RunTiming: Codable, Equatable, Sendable {
    /// Seconds per pretraining epoch.
    public var pretrainingSeconds: [Double] = []
    /// Seconds per recorded epoch (training pass plus snapshot).
    public var epochSeconds: [Double] = []
    /// Total training seconds so far.
    public var totalSeconds: Double = 0
    /// Creates empty timings.
    public init() {}
}
