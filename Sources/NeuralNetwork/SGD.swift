/// Stochastic gradient descent with momentum (PyTorch's formulation):
/// v ← μ·v + g; step = g + μ·v (Nesterov) or v; w ← w − lr·step; weight decay adds `decay·w` to g.
public final class SGD: Optimizer {
    public var learningRate: Float
    /// Momentum μ (0 disables it).
    public let momentum: Float
    /// Whether to use Nesterov's look-ahead form.
    public let nesterov: Bool
    /// L2 penalty added to each gradient.
    public let weightDecay: Float
    private let parameters: [(value: FloatBuffer, gradient: FloatBuffer)]
    private let velocities: [FloatBuffer]

    /// Creates an optimiser.
    /// - Parameters:
    ///   - parameters: Value/gradient pairs.
    ///   - learningRate: Step size.
    ///   - momentum: μ, e.g. 0.9.
    ///   - nesterov: Nesterov momentum.
    ///   - weightDecay: L2 penalty.
    public init(
        parameters: [(value: FloatBuffer, gradient: FloatBuffer)], learningRate: Float, momentum: Float = 0.9,
        nesterov: Bool = false, weightDecay: Float = 0
    ) {
        self.parameters = parameters
        self.learningRate = learningRate
        self.momentum = momentum
        self.nesterov = nesterov
        self.weightDecay = weightDecay
        velocities = parameters.map { FloatBuffer(count: $0.value.count) }
    }

    /// The velocities (SGD counts no steps).
    public var state: OptimizerState { OptimizerState(step: 0, buffers: velocities.map(\.array)) }

    /// Continues from a saved ``state``.
    public func restore(_ state: OptimizerState) throws {
        try state.load(into: velocities)
    }

    public func update() {
        let lr = learningRate, mu = momentum, decay = weightDecay
        for (index, parameter) in parameters.enumerated() {
            let w = parameter.value.pointer, g = parameter.gradient.pointer, v = velocities[index].pointer
            for i in 0..<parameter.value.count {
                let gradient = g[i] + decay * w[i]
                let velocity = mu * v[i] + gradient
                v[i] = velocity
                w[i] -= lr * (nesterov ? gradient + mu * velocity : velocity)
            }
        }
    }
}
