/// Element-wise non-linearities of the hidden layers, by name (the Network module holds their maths).
public enum Activation: String, CaseIterable, Sendable, Codable {
    case relu
    case leakyRelu = "leaky-relu"
    case tanh
    case sigmoid
    case linear
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
