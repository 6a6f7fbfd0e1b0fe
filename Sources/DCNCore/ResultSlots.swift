import Synchronization

/// Results of parallel work (k-means restarts, rendered frames): one slot per task, filled from any
/// thread, read once the work is done.
public final class ResultSlots<Value: Sendable>: Sendable {
    private let state: Mutex<(slots: [Value?], completed: Int)>

    /// Creates `count` empty slots.
    public init(count: Int) {
        state = Mutex((Array(repeating: nil, count: count), 0))
    }

    /// Fills slot `index`.
    public func set(_ index: Int, _ value: Value) {
        state.withLock { $0.slots[index] = value }
    }

    /// The value of slot `index`, or nil when it was never filled.
    public func get(_ index: Int) -> Value? {
        state.withLock { $0.slots[index] }
    }

    /// Counts one finished task.
    /// - Returns: How many tasks have finished, this one included.
    public func countCompletion() -> Int {
        state.withLock { state in
            state.completed += 1
            return state.completed
        }
    }
}
