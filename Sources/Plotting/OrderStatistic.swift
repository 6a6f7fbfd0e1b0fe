extension Array where Element == Float {
    /// The element that would stand at `rank` (0-based) if the array were sorted ascending — found by
    /// quickselect in linear expected time, since the axis limits need only a few quantiles of every
    /// frame and sorting each frame's coordinates took a visible share of a render.
    /// - Precondition: `0 ≤ rank < count`; no NaN.
    func orderStatistic(_ rank: Int) -> Float {
        precondition(rank >= 0 && rank < count, "rank \(rank) outside 0..<\(count)")
        var values = self
        return values.withUnsafeMutableBufferPointer { v in
            var low = 0, high = v.count - 1
            while low < high {
                // Median of three as the pivot, then Hoare's partition.
                let middle = low + (high - low) / 2
                let pivot = Swift.max(Swift.min(v[low], v[middle]), Swift.min(Swift.max(v[low], v[middle]), v[high]))
                var i = low, j = high
                while i <= j {
                    while v[i] < pivot { i += 1 }
                    while v[j] > pivot { j -= 1 }
                    if i <= j {
                        v.swapAt(i, j)
                        i += 1
                        j -= 1
                    }
                }
                if rank <= j { high = j } else if rank >= i { low = i } else { return v[rank] }
            }
            return v[rank]
        }
    }
}
