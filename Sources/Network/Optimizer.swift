/// An optimiser that updates parameters from the gradients stored beside them.
public protocol Optimizer: AnyObject {
    /// Step size.
    var learningRate: Float { get set }
    /// Applies one update.
    func update()
}

/// Which optimiser a run uses.
public enum OptimizerKind: String, CaseIterable, Codable, Sendable {
    /// Adam (Kingma & Ba, 2015); the earlier implementation's and our default.
    case adam
    /// Stochastic gradient descent with (optionally Nesterov) momentum; the official DCN code's
    /// choice (momentum 0.9).
    case sgd
}

/// How dense-layer weights are drawn.
public enum WeightInitialization: String, CaseIterable, Codable, Sendable {
    /// U(±1/√in) for weights and biases alike: PyTorch's `nn.Linear` default and ours. On full MNIST
    /// it gave a PyTorch DCN AE + k-means NMI 0.717 where He/Glorot with zero biases gave 0.650
    /// (docs/results.md), so it is chosen for clustering quality, not by convention.
    case fanIn = "fan-in"
    /// He uniform for ReLU-family layers, Glorot uniform otherwise, zero biases.
    case auto
    /// He (Kaiming) uniform: U(±√(6/in)), zero biases.
    case he
    /// Glorot (Xavier) uniform: U(±√(6/(in+out))), zero biases.
    case glorot
}

extension Adam: Optimizer {}

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
    public init(parameters: [(value: FloatBuffer, gradient: FloatBuffer)], learningRate: Float, momentum: Float = 0.9,
                nesterov: Bool = false, weightDecay: Float = 0) {
        self.parameters = parameters
        self.learningRate = learningRate
        self.momentum = momentum
        self.nesterov = nesterov
        self.weightDecay = weightDecay
        velocities = parameters.map { FloatBuffer(count: $0.value.count) }
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
