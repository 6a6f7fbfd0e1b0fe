import Foundation

/// How input features are rescaled before training.
///
/// Defaults (see the README, *Input scaling*): `unit` for pixel data (IDX images, `uint8` NumPy arrays,
/// integer tables on one 0–255 scale as many as an image's pixels), `standardize` for the synthetic data,
/// and for any other table the one of `shared`, `standardize` and `log` under which k-means' model explains
/// it best (Training's `ScalingCheck`).
public enum FeatureScaling: String, CaseIterable, Sendable, Codable {
    /// Use the values as they are.
    case none
    /// Divide every value by the largest absolute value in the data (pixels 0–255 become 0–1).
    case unit
    /// Map each feature to [0, 1] by its minimum and maximum (constant features become 0).
    case minmax
    /// Subtract each feature's mean and divide by its standard deviation (constant features become 0).
    case standardize
    /// Subtract each feature's mean and divide every feature by one common spread, the root of the mean
    /// feature variance: the data's total variance becomes the number of features, as after
    /// `standardize`, but the features keep their relative spreads.
    case shared
    /// Replace every value x by log(1 + x), then standardise each feature as `standardize` does: for
    /// non-negative skewed tables (counts, sizes, amounts) whose long right tails would otherwise decide
    /// every distance. Needs every value ≥ 0 (``firstValueOutsideDomain(of:)``).
    case log

    /// Fits the scaling to `features` (means, ranges…) without changing them.
    /// - Parameter features: Samples as rows.
    /// - Returns: The per-feature transform, to apply to these and to new samples alike.
    public func fit(_ features: Matrix) -> FittedScaling {
        let n = features.rows, d = features.columns
        var offset = [Float](repeating: 0, count: d)
        var scale = [Float](repeating: 1, count: d)
        guard n > 0 else { return FittedScaling(mode: self, offset: offset, scale: scale) }
        switch self {
        case .none:
            break
        case .unit:
            let largest = features.values.reduce(Float(0)) { max($0, abs($1)) }
            scale = [Float](repeating: largest > 0 ? 1 / largest : 1, count: d)
        case .minmax:
            var low = [Float](repeating: .infinity, count: d), high = [Float](repeating: -.infinity, count: d)
            for r in 0..<n {
                for c in 0..<d {
                    let v = features.values[r * d + c]
                    low[c] = min(low[c], v)
                    high[c] = max(high[c], v)
                }
            }
            for c in 0..<d {
                offset[c] = low[c]
                let range = high[c] - low[c]
                scale[c] = range > 0 ? 1 / range : 0
            }
        case .log:
            let standardized = FeatureScaling.standardize.fit(features.logOnePlus())
            return FittedScaling(mode: .log, offset: standardized.offset, scale: standardized.scale)
        case .standardize, .shared:
            var sum = [Double](repeating: 0, count: d), squares = [Double](repeating: 0, count: d)
            for r in 0..<n {
                for c in 0..<d {
                    let v = Double(features.values[r * d + c])
                    sum[c] += v
                    squares[c] += v * v
                }
            }
            var variances = [Double](repeating: 0, count: d)
            for c in 0..<d {
                let mean = sum[c] / Double(n)
                variances[c] = max(squares[c] / Double(n) - mean * mean, 0)
                offset[c] = Float(mean)
            }
            if self == .standardize {
                scale = variances.map { $0 > 0 ? Float(1 / $0.squareRoot()) : 0 }
            } else {
                let meanVariance = variances.reduce(0, +) / Double(d)
                scale = [Float](repeating: meanVariance > 0 ? Float(1 / meanVariance.squareRoot()) : 1, count: d)
            }
        }
        return FittedScaling(mode: self, offset: offset, scale: scale)
    }

    /// The first value (in row order) this scaling cannot take: a negative value for `log`; nil when every
    /// value is usable, and always for the other scalings.
    public func firstValueOutsideDomain(of features: Matrix) -> (row: Int, column: Int, value: Float)? {
        guard self == .log, let index = features.values.firstIndex(where: { !($0 >= 0) }) else { return nil }
        return (index / features.columns, index % features.columns, features.values[index])
    }

    /// Where ``firstValueOutsideDomain(of:)`` is and what it holds, in words for an error line
    /// ("data row 2, column 3 holds -1.0"); nil when every value is usable.
    public func valueOutsideDomain(in features: Matrix) -> String? {
        firstValueOutsideDomain(of: features).map { "data row \($0.row + 1), column \($0.column + 1) holds \($0.value)" }
    }

    /// Fits the scaling to `features` and applies it in place.
    /// - Parameter features: Samples as rows.
    /// - Returns: The fitted transform.
    @discardableResult
    public func apply(to features: inout Matrix) -> FittedScaling {
        let fitted = fit(features)
        fitted.apply(to: &features)
        return fitted
    }
}

/// A scaling fitted to training data: x ↦ (x − offset) · scale per feature (for `log`, log(1 + x) first).
/// Saved with a model so new data is scaled exactly as the training data was.
public struct FittedScaling: Codable, Equatable, Sendable {
    /// Which scaling this is.
    public var mode: FeatureScaling
    /// Per-feature value subtracted first.
    public var offset: [Float]
    /// Per-feature factor applied second.
    public var scale: [Float]

    /// Creates a transform from its parts.
    public init(mode: FeatureScaling, offset: [Float], scale: [Float]) {
        self.mode = mode
        self.offset = offset
        self.scale = scale
    }

    /// Applies the transform in place.
    /// - Parameter features: Samples as rows, with as many columns as the fitted data.
    public func apply(to features: inout Matrix) {
        guard mode != .none else { return }
        let d = features.columns
        precondition(d == offset.count, "scaling fitted to \(offset.count) features, data has \(d)")
        if mode == .log { features = features.logOnePlus() }
        for r in 0..<features.rows {
            for c in 0..<d {
                features.values[r * d + c] = (features.values[r * d + c] - offset[c]) * scale[c]
            }
        }
    }
}

extension Matrix {
    /// Whether every value is 0 or more: the data `log` scaling can take.
    public var isNonNegative: Bool { values.allSatisfy { $0 >= 0 } }

    /// Every value x replaced by log(1 + x), as `log` scaling does before standardising.
    func logOnePlus() -> Matrix {
        var result = self
        for index in result.values.indices { result.values[index] = Float(Foundation.log1p(Double(result.values[index]))) }
        return result
    }
}
