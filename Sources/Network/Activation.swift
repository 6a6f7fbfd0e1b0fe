import Dispatch
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
        case .relu:
            Self.inParallelChunks(count) { start, length in
                Self.simdChunks(length) { vectors, tail in
                    let raw = UnsafeMutableRawPointer(values + start)
                    for i in 0..<vectors {
                        let v = raw.loadUnaligned(fromByteOffset: i * 64, as: SIMD16<Float>.self)
                        raw.storeBytes(of: v.replacing(with: 0, where: v .< 0), toByteOffset: i * 64, as: SIMD16<Float>.self)
                    }
                    for i in tail { values[start + i] = max(values[start + i], 0) }
                }
            }
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
        case .relu:
            Self.inParallelChunks(count) { start, length in
                Self.simdChunks(length) { vectors, tail in
                    let g = UnsafeMutableRawPointer(gradient + start), o = UnsafeRawPointer(output + start)
                    for i in 0..<vectors {
                        let out = o.loadUnaligned(fromByteOffset: i * 64, as: SIMD16<Float>.self)
                        let grad = g.loadUnaligned(fromByteOffset: i * 64, as: SIMD16<Float>.self)
                        g.storeBytes(of: grad.replacing(with: 0, where: out .<= 0), toByteOffset: i * 64, as: SIMD16<Float>.self)
                    }
                    for i in tail where output[start + i] <= 0 { gradient[start + i] = 0 }
                }
            }
        case .leakyRelu: for i in 0..<count { gradient[i] = output[i] > 0 ? gradient[i] : gradient[i] * Self.leakySlope }
        case .tanh: for i in 0..<count { gradient[i] *= 1 - output[i] * output[i] }
        case .sigmoid: for i in 0..<count { gradient[i] *= output[i] * (1 - output[i]) }
        }
    }

    /// Runs `body(start, length)` over `count` elements, in two halves on two cores when the work is
    /// large enough to pay for the hand-off (element-wise work, so the split never changes results).
    static func inParallelChunks(_ count: Int, _ body: (Int, Int) -> Void) {
        guard count >= 131_072 else { body(0, count); return }
        let half = (count / 2 + 15) / 16 * 16
        DispatchQueue.concurrentPerform(iterations: 2) { part in
            part == 0 ? body(0, half) : body(half, count - half)
        }
    }

    /// Splits `length` into whole SIMD16 vectors and a scalar tail.
    static func simdChunks(_ length: Int, _ body: (Int, Range<Int>) -> Void) {
        let vectors = length / 16
        body(vectors, (vectors * 16)..<length)
    }
}
