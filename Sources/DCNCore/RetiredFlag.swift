/// Flags that were experiments and were retired, with what to use instead: the command line, config files
/// and sweeps refuse them with this one line.
public enum RetiredFlag: String, CaseIterable, Sendable {
    /// Pushed held samples away from nearer centres; never beat the defaults (docs/method.md).
    case holdMargin = "hold-margin"
    /// Started DCN with a new optimiser state; never beat the defaults (docs/method.md).
    case freshOptimizer = "fresh-optimizer"

    /// The one-line refusal.
    public var message: String {
        "--\(rawValue) was an experiment and was retired in 0.2.0 (it never became a default; docs/method.md); drop it — the defaults (or --method paper) are what runs"
    }
}
