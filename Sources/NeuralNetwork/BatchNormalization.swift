/// Batch normalisation of a layer's pre-activations (Ioffe & Szegedy, 2015), per output unit:
/// y = γ·(x − μ)/√(σ² + ε) + β.
///
/// In training mode μ and σ² are the minibatch's mean and (biased) variance, and running averages
/// (momentum 0.1, unbiased variance, as PyTorch) are updated; in evaluation mode the running averages
/// are used. Encoding for assignments, snapshots and saved models uses evaluation mode.
public final class BatchNormalization {
    /// Number of units.
    public let width: Int
    /// Scale γ (starts at 1).
    public let gamma: FloatBuffer
    /// Shift β (starts at 0).
    public let beta: FloatBuffer
    /// ∂L/∂γ of the last backward pass.
    public let gammaGradient: FloatBuffer
    /// ∂L/∂β of the last backward pass.
    public let betaGradient: FloatBuffer
    /// Running mean used in evaluation mode.
    public let runningMean: FloatBuffer
    /// Running variance used in evaluation mode.
    public let runningVariance: FloatBuffer
    /// Added to the variance.
    public let epsilon: Float = 1e-5
    /// Weight of the newest batch in the running averages.
    public let momentum: Float = 0.1

    private let normalized: FloatBuffer
    private let inverseStd: FloatBuffer

    /// Creates the normalisation for `width` units and batches of up to `capacity` rows.
    public init(width: Int, capacity: Int) {
        self.width = width
        gamma = FloatBuffer([Float](repeating: 1, count: width))
        beta = FloatBuffer(count: width)
        gammaGradient = FloatBuffer(count: width)
        betaGradient = FloatBuffer(count: width)
        runningMean = FloatBuffer(count: width)
        runningVariance = FloatBuffer([Float](repeating: 1, count: width))
        normalized = FloatBuffer(count: capacity * width)
        inverseStd = FloatBuffer(count: width)
    }

    /// Normalises `values` (`rows × width`) in place.
    /// - Parameters:
    ///   - values: Pre-activations, replaced by γ·x̂ + β.
    ///   - rows: Batch size.
    ///   - training: Batch statistics (and running-average updates) or running statistics.
    public func forward(_ values: UnsafeMutablePointer<Float>, rows: Int, training: Bool) {
        let w = width, xhat = normalized.pointer, invStd = inverseStd.pointer
        let useBatch = training && rows > 1
        for j in 0..<w {
            var mean: Float, variance: Float
            if useBatch {
                var sum: Float = 0
                for r in 0..<rows { sum += values[r * w + j] }
                mean = sum / Float(rows)
                var squares: Float = 0
                for r in 0..<rows {
                    let d = values[r * w + j] - mean
                    squares += d * d
                }
                variance = squares / Float(rows)
                runningMean.pointer[j] = (1 - momentum) * runningMean.pointer[j] + momentum * mean
                runningVariance.pointer[j] =
                    (1 - momentum) * runningVariance.pointer[j]
                    + momentum * squares / Float(rows - 1)
            } else {
                mean = runningMean.pointer[j]
                variance = runningVariance.pointer[j]
            }
            invStd[j] = 1 / (variance + epsilon).squareRoot()
            let g = gamma.pointer[j], b = beta.pointer[j]
            for r in 0..<rows {
                let normalizedValue = (values[r * w + j] - mean) * invStd[j]
                xhat[r * w + j] = normalizedValue
                values[r * w + j] = g * normalizedValue + b
            }
        }
    }

    /// Back-propagates through a training-mode forward pass: sets γ and β gradients and replaces
    /// ∂L/∂y in `gradient` by ∂L/∂x.
    /// - Parameters:
    ///   - gradient: `rows × width`, ∂L/∂y in, ∂L/∂x out.
    ///   - rows: Batch size of the forward pass.
    public func backward(_ gradient: UnsafeMutablePointer<Float>, rows: Int) {
        let w = width, xhat = normalized.pointer, n = Float(rows)
        for j in 0..<w {
            var sumG: Float = 0, sumGX: Float = 0
            for r in 0..<rows {
                sumG += gradient[r * w + j]
                sumGX += gradient[r * w + j] * xhat[r * w + j]
            }
            gammaGradient.pointer[j] = sumGX
            betaGradient.pointer[j] = sumG
            let g = gamma.pointer[j], invStd = inverseStd.pointer[j]
            if rows == 1 {
                for r in 0..<rows { gradient[r * w + j] *= g * invStd }
                continue
            }
            // ∂L/∂x = γ/σ · (g − mean(g) − x̂·mean(g·x̂))
            for r in 0..<rows {
                let i = r * w + j
                gradient[i] = g * invStd * (gradient[i] - sumG / n - xhat[i] * sumGX / n)
            }
        }
    }

    /// γ and β with their gradients, for an optimiser.
    public var parameters: [(value: FloatBuffer, gradient: FloatBuffer)] {
        [(gamma, gammaGradient), (beta, betaGradient)]
    }
}
