import DCNCore

/// What `--scaling auto` chooses for a table (a CSV file or a 2-D NumPy array that is not 8-bit pixels).
///
/// - Pixels — integers on one common 0–255 scale (all values integers in 0–255, at least half of the
///   varying features reaching at least half of the largest value) as many as an image's (D = s² or 3s²,
///   s ≥ 4: scikit-learn's 8 × 8 digits in 0–16, MNIST as CSV) — keep their relative spread, whatever their
///   skew: `unit` divides everything by the largest value. Standardising would blow up the faint border
///   pixels to the weight of the strokes (k-means on the 8 × 8 digits: NMI 0.74 raw, 0.65 standardised).
///   Until 0.11.0 any such table was `unit`, image-sized or not; ratings, test scores, small counts and
///   cropped images now go on to the rules below, which did better on the benchmark's development half
///   taken together (5 sets better, 2 worse) and about as well on the held-out half (docs/benchmark.md,
///   *Batch 10*, *Run 11*).
/// - A table of non-negative values whose features are mostly highly skewed (the median over varying
///   features of the skewness is at least ``skewedTableThreshold``: counts, sizes, amounts, concentrations
///   with long right tails) is log-transformed, log(1 + x), then standardised (`log`): otherwise the few
///   largest values decide every distance. A non-negative table that the rules below would standardise
///   is log-scaled too: amounts in their own units compare as ratios (docs/benchmark.md, *Skewed tables
///   and the log scale*).
/// - Features whose spreads lie within ``judgedScaleRatio`` of each other (measurements in one unit,
///   samples of a signal, coordinates of a mixture, counts and percentages of one kind) keep their
///   relative spreads — `shared` centres them and divides all by one common spread — only when the run's
///   scaling check finds the shared features' clusters clearly clearer; a tie is standardised
///   (``Dataset/scalingIsChecked``, judged in Training's `ScalingCheck` once k is known). Standardising would give a feature that barely
///   varies the weight of the one that carries the structure (k-means on scikit-learn's iris, spreads
///   4.1× apart: NMI 0.76 raw, 0.66 standardised; docs/results.md, *Input scaling*), but some tables in one
///   unit hold their structure in the small features (a sex told by body measurements of 100× different
///   spreads: k-means 0.15 raw, 0.76 standardised); no statistic of the spreads alone tells the two apart
///   (docs/benchmark.md, *The scaling check*).
/// - Anything wider is standardised, feature by feature, as a scikit-learn user would before k-means:
///   one large-valued feature (a mass in grams, a concentration in the thousands) would otherwise
///   decide the clustering alone (k-means on scikit-learn's wine table, spreads 2,500× apart: NMI 0.43
///   raw, 0.88 standardised), and would decide the scaling check's graph of the shared features too.
enum AutoScaling {
    /// The largest ratio of two features' standard deviations (constant features aside) for which a
    /// table may keep its relative spreads: when the scaling check finds their clusters clearly clearer.
    /// Chosen on the benchmark's development half (docs/benchmark.md, *The scaling check*): there the check
    /// judged the tables whose spreads lie 1–122× apart right or harmlessly, and from 406× up (penguins,
    /// wine, breast-cancer: one feature in grams or thousands) the shared features' graph is that one
    /// feature, so the check would keep it. On the held-out half it moved two tables of 14× and 31× to the
    /// shared scale and both lost (*Run 3*).
    static let judgedScaleRatio: Float = 200

    /// The scaling for `features` before any check, and the reason, in words for the report; a `shared`
    /// choice is the one the run's scaling check judges.
    static func staticChoice(_ features: Matrix) -> (scaling: FeatureScaling, reason: String) {
        let nonNegative = features.isNonNegative
        if ImageShapeHint.shape(forPixelDimensions: features.columns) != nil, let largest = commonIntegerScale(features) {
            let top = Int(largest)
            return (.unit, "every feature holds integers 0–\(top) on one common scale, as many as an image's pixels: divided by \(top)")
        }
        if nonNegative, let skewness = medianSkewness(features), skewness >= skewedTableThreshold {
            return (
                .log,
                "non-negative values whose features are highly skewed (median skewness \(String(format: "%.1f", skewness)), at least \(Int(skewedTableThreshold))): log(1 + x), then each feature standardised to mean 0 and variance 1"
            )
        }
        guard let ratio = spreadRatio(features) else {
            return standardized(nonNegative: nonNegative, because: "a table of features on their own scales")
        }
        let times =
            ratio < 10
            ? String(format: "%.1f×", ratio)
            : ratio < 1e6 ? "\(Int(ratio.rounded()))×" : "over 1,000,000×"
        if ratio <= judgedScaleRatio {
            return (.shared, "features whose spreads lie within \(times) of each other")
        }
        return standardized(nonNegative: nonNegative, because: "a table of features on their own scales (spreads \(times) apart)")
    }

    /// `standardize` with its reason, or `log` for a table of non-negative values
    /// (``FeatureScaling/autoStandardizing(nonNegative:)``).
    static func standardized(nonNegative: Bool, because reason: String) -> (scaling: FeatureScaling, reason: String) {
        let (scaling, words) = FeatureScaling.autoStandardizing(nonNegative: nonNegative)
        return (scaling, reason + (scaling == .log ? ", " : ": ") + words)
    }

    /// The median skewness above which a non-negative table is log-scaled: 1, the usual bound of a highly
    /// skewed distribution. Chosen on the benchmark's development half against 0.5, 1.5 and 2 (docs/benchmark.md,
    /// *Skewed tables and the log scale*).
    static let skewedTableThreshold: Float = 1

    /// The median over the varying features of each one's skewness (the third central moment over the
    /// cubed standard deviation); nil when no feature varies.
    static func medianSkewness(_ features: Matrix) -> Float? {
        let n = features.rows, d = features.columns
        guard n > 1, d > 0 else { return nil }
        var skewness: [Double] = []
        for (c, varies) in varyingFeatures(features).enumerated() where varies {
            var mean = 0.0
            for r in 0..<n { mean += Double(features.values[r * d + c]) }
            mean /= Double(n)
            var second = 0.0, third = 0.0
            for r in 0..<n {
                let deviation = Double(features.values[r * d + c]) - mean
                second += deviation * deviation
                third += deviation * deviation * deviation
            }
            second /= Double(n)
            third /= Double(n)
            skewness.append(third / (second * second.squareRoot()))
        }
        guard !skewness.isEmpty else { return nil }
        skewness.sort()
        let middle = skewness.count / 2
        return Float(skewness.count % 2 == 1 ? skewness[middle] : (skewness[middle - 1] + skewness[middle]) / 2)
    }

    /// The largest feature standard deviation divided by the smallest, over the features that vary; nil
    /// when fewer than two do.
    static func spreadRatio(_ features: Matrix) -> Float? {
        let d = features.columns
        guard features.rows > 1, d > 1 else { return nil }
        let varies = varyingFeatures(features)
        let inverseSpreads = FeatureScaling.standardize.fit(features).scale  // 1/σ per feature
        let spreads = (0..<d).filter { varies[$0] && inverseSpreads[$0] > 0 }.map { 1 / Double(inverseSpreads[$0]) }
        guard spreads.count > 1, let low = spreads.min(), let high = spreads.max() else { return nil }
        return Float(high / low)
    }

    /// Whether each feature varies: some row differs from the first, exactly (a one-pass variance can leave
    /// a constant float feature a spread of rounding error).
    static func varyingFeatures(_ features: Matrix) -> [Bool] {
        let d = features.columns
        var varies = [Bool](repeating: false, count: d)
        for (index, value) in features.values.enumerated() where value != features.values[index % d] {
            varies[index % d] = true
        }
        return varies
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
