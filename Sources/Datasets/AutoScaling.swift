import DCNCore

/// What `--scaling auto` chooses for a table (a CSV file or a 2-D NumPy array that is not 8-bit pixels).
///
/// - Pixels — integers on one common 0–255 scale (all values integers in 0–255, at least half of the
///   varying features reaching at least half of the largest value) as many as an image's (D = s² or 3s²,
///   s ≥ 4: scikit-learn's 8 × 8 digits in 0–16, MNIST as CSV) — keep their relative spread, whatever their
///   skew: `unit` divides everything by the largest value. Standardising would blow up the faint border
///   pixels to the weight of the strokes (k-means on the 8 × 8 digits: NMI 0.74 raw, 0.65 standardised).
/// - Any other table is judged once k is known (``Dataset/scalingIsChecked``, Training's `ScalingCheck`):
///   of `shared` (one common spread, keeping the features' relative weight), `standardize`, and `log`
///   (log(1 + x), then standardised; only when no value is negative), the view under which k-means' own
///   model explains the data best in the input's units. Until 0.13.0 four rules of thumb decided it (a
///   skewness threshold, a spread ratio, a contrast check and a preference for the log); the one criterion
///   did better on the benchmark's development half (docs/benchmark.md, *One criterion for a table's
///   scaling*).
enum AutoScaling {
    /// The scaling for `features` before k is known, the reason in words for the report, and whether the
    /// run's scaling check is still to choose it.
    static func staticChoice(_ features: Matrix) -> (scaling: FeatureScaling, reason: String, checked: Bool) {
        if ImageShapeHint.shape(forPixelDimensions: features.columns) != nil, let largest = commonIntegerScale(features) {
            let top = Int(largest)
            return (.unit, "every feature holds integers 0–\(top) on one common scale, as many as an image's pixels: divided by \(top)", false)
        }
        return (.standardize, "a table, whose scaling the run chooses once k is known", true)
    }

    /// The largest value when every value is an integer in 0…255 and at least half of the varying
    /// features reach half of it; nil otherwise.
    static func commonIntegerScale(_ features: Matrix) -> Float? {
        let n = features.rows, d = features.columns
        guard n > 0, d > 0 else { return nil }
        var low = [Float](repeating: .infinity, count: d), high = [Float](repeating: -.infinity, count: d)
        for r in 0..<n {
            for c in 0..<d {
                let v = features.values[r * d + c]
                guard v >= 0, v <= 255, v == v.rounded(.down) else { return nil }
                low[c] = min(low[c], v)
                high[c] = max(high[c], v)
            }
        }
        let largest = high.max() ?? 0
        guard largest > 1 else { return nil }
        let varying = (0..<d).filter { high[$0] > low[$0] }
        let reaching = varying.filter { high[$0] >= largest / 2 }.count
        return 2 * reaching >= varying.count ? largest : nil
    }
}
