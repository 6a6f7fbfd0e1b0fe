import DCNMath

/// How input features are rescaled before training.
public enum FeatureScaling: String, CaseIterable, Sendable, Codable {
    /// Use the values as they are.
    case none
    /// Map each feature to [0, 1] by its minimum and maximum (constant features become 0).
    case minmax
    /// Subtract each feature's mean and divide by its standard deviation (constant features become 0).
    case standardize

    /// Rescales `features` in place.
    /// - Parameter features: Samples as rows.
    public func apply(to features: inout Matrix) {
        guard self != .none, features.rows > 0 else { return }
        let n = features.rows, d = features.columns
        var offset = [Double](repeating: 0, count: d)
        var scale = [Double](repeating: 1, count: d)
        switch self {
        case .none: return
        case .minmax:
            var low = [Float](repeating: .infinity, count: d), high = [Float](repeating: -.infinity, count: d)
            for r in 0..<n {
                for c in 0..<d {
                    let v = features.values[r * d + c]
                    low[c] = min(low[c], v); high[c] = max(high[c], v)
                }
            }
            for c in 0..<d {
                offset[c] = Double(low[c])
                let range = Double(high[c] - low[c])
                scale[c] = range > 0 ? 1 / range : 0
            }
        case .standardize:
            var sum = [Double](repeating: 0, count: d), squares = [Double](repeating: 0, count: d)
            for r in 0..<n {
                for c in 0..<d {
                    let v = Double(features.values[r * d + c])
                    sum[c] += v; squares[c] += v * v
                }
            }
            for c in 0..<d {
                let mean = sum[c] / Double(n)
                let variance = max(squares[c] / Double(n) - mean * mean, 0)
                offset[c] = mean
                scale[c] = variance > 0 ? 1 / variance.squareRoot() : 0
            }
        }
        for r in 0..<n {
            for c in 0..<d {
                let v = Double(features.values[r * d + c])
                features.values[r * d + c] = Float((v - offset[c]) * scale[c])
            }
        }
    }
}
