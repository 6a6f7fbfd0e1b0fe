internal import CKernels

/// The Adam optimiser (Kingma & Ba, 2015) with bias correction, over a fixed list of parameter buffers.
public final class Adam {
    /// Step size.
    public var learningRate: Float
    /// Decay of the first-moment estimate.
    public let beta1: Float
    /// Decay of the second-moment estimate.
    public let beta2: Float
    /// Added to the denominator for numerical stability.
    public let epsilon: Float
    /// L2 penalty added to each gradient before the moments (PyTorch's `Adam(weight_decay:)`).
    public let weightDecay: Float

    private let parameters: [(value: FloatBuffer, gradient: FloatBuffer)]
    private let firstMoments: [FloatBuffer]
    private let secondMoments: [FloatBuffer]
    private var step = 0

    /// Creates an optimiser for the given parameters.
    /// - Parameters:
    ///   - parameters: Value/gradient pairs, e.g. ``Autoencoder/parameters``.
    ///   - learningRate: Step size.
    ///   - beta1: First-moment decay (0.9).
    ///   - beta2: Second-moment decay (0.999).
    ///   - epsilon: Stabiliser (1e-8, as PyTorch; Keras uses 1e-7).
    public init(
        parameters: [(value: FloatBuffer, gradient: FloatBuffer)], learningRate: Float,
        beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-8, weightDecay: Float = 0
    ) {
        // The update kernel assumes a value, its gradient and its moments never share memory.
        precondition(parameters.allSatisfy { $0.value !== $0.gradient }, "a parameter cannot be its own gradient")
        self.weightDecay = weightDecay
        self.parameters = parameters
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        firstMoments = parameters.map { FloatBuffer(count: $0.value.count) }
        secondMoments = parameters.map { FloatBuffer(count: $0.value.count) }
    }

    /// The step count and both moments of every parameter.
    public var state: OptimizerState {
        OptimizerState(step: step, buffers: (firstMoments + secondMoments).map(\.array))
    }

    /// Continues from a saved ``state``.
    public func restore(_ state: OptimizerState) throws {
        try state.load(into: firstMoments + secondMoments)
        step = state.step
    }

    /// Applies one update from the gradients currently stored beside each parameter.
    public func update() {
        step += 1
        let correction1 = 1 - pow(beta1, Float(step))
        let correction2 = 1 - pow(beta2, Float(step))
        let stepSize = learningRate / correction1
        let b1 = beta1, b2 = beta2, eps = epsilon
        for (index, parameter) in parameters.enumerated() {
            if weightDecay != 0 {
                let w = parameter.value.pointer, g = parameter.gradient.pointer
                for i in 0..<parameter.value.count { g[i] += weightDecay * w[i] }
            }
            let count = parameter.value.count
            let value = parameter.value.pointer, gradient = parameter.gradient.pointer
            let m = firstMoments[index].pointer, v = secondMoments[index].pointer
            // Large buffers (e.g. a 500×2000 layer) are memory-bound: update two halves on two cores.
            // Each element is updated independently, so the result does not depend on the split.
            var slice = Slice(
                value: value, gradient: gradient, m: m, v: v, count: count, beta1: b1, beta2: b2,
                epsilon: eps, stepSize: stepSize, correction2: correction2)
            guard count >= 262_144 else {
                Self.update(slice, range: 0..<count)
                continue
            }
            withUnsafePointer(to: &slice) { arguments in
                TwoCoreSplit.shared.run(
                    { arguments, half in
                        let slice = arguments.load(as: Slice.self)
                        Adam.update(slice, range: TwoCoreSplit.range(half: half, of: slice.count))
                    }, UnsafeRawPointer(arguments))
            }
        }
    }

    /// One parameter buffer with its moments and this step's constants.
    struct Slice {
        var value: UnsafeMutablePointer<Float>, gradient: UnsafeMutablePointer<Float>
        var m: UnsafeMutablePointer<Float>, v: UnsafeMutablePointer<Float>
        var count: Int
        var beta1: Float, beta2: Float, epsilon: Float, stepSize: Float, correction2: Float
    }

    /// The element-wise Adam update over `range` of one buffer (a C kernel; see `CKernels`).
    static func update(_ s: Slice, range: Range<Int>) {
        guard !range.isEmpty else { return }
        let o = range.lowerBound
        dcn_adam_update(
            s.value + o, s.gradient + o, s.m + o, s.v + o, range.count,
            s.beta1, s.beta2, s.epsilon, s.stepSize, 1 / s.correction2)
    }
}

private func pow(_ base: Float, _ exponent: Float) -> Float {
    var result: Float = 1
    var remaining = Int(exponent)
    var factor = base
    while remaining > 0 {
        if remaining & 1 == 1 { result *= factor }
        factor *= factor
        remaining >>= 1
    }
    return result
}
