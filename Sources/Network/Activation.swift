import Foundation

/// Element-wise non-linearities of a dense layer.
///
/// Every derivative here is a function of the activation's *output*, so a layer keeps only its
/// output for the backward pass.
public enum Activation: String, CaseIterable, Sendable, Codable {
    case relu
    case leakyRelu = "leaky-relu"
    case tanh
    case sigmoid
    case linear

    /// Slope of leaky ReLU for negative inputs.
    public static let leakySlope: Float = 0.01

    /// Applies the activation in place.
    /// - Parameters:
    ///   - values: Pre-activations, replaced by activations.
    ///   - count: Number of values.
    public func apply(_ values: UnsafeMutablePointer<Float>, count: Int) {
        switch self {
        case .linear: return
        case .relu: for i in 0..<count { values[i] = values[i] > 0 ? values[i] : 0 }
        case .leakyRelu:
            for i in 0..<count { values[i] = values[i] > 0 ? values[i] : values[i] * Self.leakySlope }
        case .tanh: for i in 0..<count { values[i] = Foundation.tanh(values[i]) }
        case .sigmoid: for i in 0..<count { values[i] = 1 / (1 + exp(-values[i])) }
        }
    }

    /// Multiplies `gradient` in place by the derivative, given the activation's outputs.
    /// - Parameters:
    ///   - gradient: ∂L/∂output, replaced by ∂L/∂pre-activation.
    ///   - output: The activation's outputs.
    ///   - count: Number of values.
    public func backpropagate(_ gradient: UnsafeMutablePointer<Float>, output: UnsafePointer<Float>, count: Int) {
        switch self {
        case .linear: return
        // Branch-free selects so the compiler vectorises the loops.
        case .relu: for i in 0..<count { gradient[i] = output[i] > 0 ? gradient[i] : 0 }
        case .leakyRelu: for i in 0..<count { gradient[i] = output[i] > 0 ? gradient[i] : gradient[i] * Self.leakySlope }
        case .tanh: for i in 0..<count { gradient[i] *= 1 - output[i] * output[i] }
        case .sigmoid: for i in 0..<count { gradient[i] *= output[i] * (1 - output[i]) }
        }
    }
}
