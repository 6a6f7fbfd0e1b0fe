/// A dictionary that keeps at most `limit` entries, dropping the least recently used first: the bound on
/// every cache the server keeps (rendered reports, comparisons, live frames).
///
/// Eviction looks through every entry; the caches hold a few hundred at most, so a linked list would buy
/// nothing a reader could measure.
struct LeastRecentlyUsed<Value> {
    let limit: Int
    private var entries: [String: (value: Value, used: UInt64)] = [:]
    private var clock: UInt64 = 0

    /// - Parameter limit: Entries kept at once (at least 1).
    init(limit: Int) {
        self.limit = max(1, limit)
    }

    /// The value for `key`, marked as used now.
    mutating func use(_ key: String) -> Value? {
        guard let entry = entries[key] else { return nil }
        clock += 1
        entries[key] = (entry.value, clock)
        return entry.value
    }

    /// The value for `key`, without marking it used.
    func peek(_ key: String) -> Value? { entries[key]?.value }

    /// Sets the value for `key`, marked as used now.
    /// - Returns: The entries dropped to stay within the limit (never the one just set), for the caller to
    ///   clean up after.
    @discardableResult
    mutating func set(_ key: String, _ value: Value) -> [(key: String, value: Value)] {
        clock += 1
        entries[key] = (value, clock)
        var dropped: [(key: String, value: Value)] = []
        while entries.count > limit, let oldest = entries.min(by: { $0.value.used < $1.value.used }) {
            dropped.append((oldest.key, oldest.value.value))
            entries[oldest.key] = nil
        }
        return dropped
    }

    /// Changes the value for `key` in place, when there is one, without marking it used.
    mutating func update(_ key: String, _ change: (inout Value) -> Void) {
        guard var entry = entries[key] else { return }
        change(&entry.value)
        entries[key] = entry
    }

    var count: Int { entries.count }
}
