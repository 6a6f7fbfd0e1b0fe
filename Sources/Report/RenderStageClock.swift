import Foundation
import Synchronization

/// Wall time per stage of a render (frames, animations, charts, …), for `dcn-bench --only render-stages`
/// and anyone profiling where a report's time goes. Stages that run at the same time (the GIF beside
/// the charts) each report their own wall time.
public final class RenderStageClock: Sendable {
    private let stages = Mutex<[(name: String, seconds: Double)]>([])

    /// Creates an empty clock.
    public init() {}

    /// Runs `work` and records its wall time under `name`.
    public func time<T>(_ name: String, _ work: () throws -> T) rethrows -> T {
        let start = DispatchTime.now().uptimeNanoseconds
        defer {
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            stages.withLock { $0.append((name, seconds)) }
        }
        return try work()
    }

    /// The recorded stages, in the order they finished.
    public var recorded: [(name: String, seconds: Double)] { stages.withLock { $0 } }
}

extension Optional where Wrapped == RenderStageClock {
    /// Runs `work`, timed when there is a clock.
    public func time<T>(_ name: String, _ work: () throws -> T) rethrows -> T {
        switch self {
        case .some(let clock): try clock.time(name, work)
        case .none: try work()
        }
    }
}
