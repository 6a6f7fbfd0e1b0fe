import DCNCore
import Foundation

/// The maths of each ``DCNCore/Activation``.
///
/// Every derivative here is a function of the activation's *output*, so a layer keeps only its
/// output for the backward pass.
extension Activation {
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
            var arguments = Buffers(first: values, second: UnsafePointer(values), count: count)
            Self.inHalves(&arguments) { arguments, half in
                let b = arguments.load(as: Buffers.self)
                Activation.relu(b.first, range: TwoCoreSplit.range(half: half, of: b.count))
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
            var arguments = Buffers(first: gradient, second: output, count: count)
            Self.inHalves(&arguments) { arguments, half in
                let b = arguments.load(as: Buffers.self)
                Activation.reluBackward(b.first, output: b.second, range: TwoCoreSplit.range(half: half, of: b.count))
            }
        case .leakyRelu: for i in 0..<count { gradient[i] = output[i] > 0 ? gradient[i] : gradient[i] * Self.leakySlope }
        case .tanh: for i in 0..<count { gradient[i] *= 1 - output[i] * output[i] }
        case .sigmoid: for i in 0..<count { gradient[i] *= output[i] * (1 - output[i]) }
        }
    }

    /// The buffers one element-wise pass works on.
    struct Buffers {
        var first: UnsafeMutablePointer<Float>
        var second: UnsafePointer<Float>
        var count: Int
    }

    /// Runs `half` over both halves of `arguments.count` elements: on two cores when the work is
    /// large enough to pay for the hand-off (element-wise work, so the split never changes results).
    static func inHalves(_ arguments: inout Buffers, _ half: TwoCoreSplit.Half) {
        withUnsafePointer(to: &arguments) { pointer in
            let raw = UnsafeRawPointer(pointer)
            if pointer.pointee.count >= 131_072 {
                TwoCoreSplit.shared.run(half, raw)
            } else {
                half(raw, 0)
                half(raw, 1)
            }
        }
    }

    /// ReLU in place over `range`, 16 lanes at a time.
    static func relu(_ values: UnsafeMutablePointer<Float>, range: Range<Int>) {
        let raw = UnsafeMutableRawPointer(values + range.lowerBound)
        let vectors = range.count / 16
        for i in 0..<vectors {
            let v = raw.loadUnaligned(fromByteOffset: i * 64, as: SIMD16<Float>.self)
            raw.storeBytes(of: v.replacing(with: 0, where: v .< 0), toByteOffset: i * 64, as: SIMD16<Float>.self)
        }
        for i in (range.lowerBound + vectors * 16)..<range.upperBound { values[i] = max(values[i], 0) }
    }

    /// Zeroes `gradient` over `range` where the ReLU output is not positive, 16 lanes at a time.
    static func reluBackward(_ gradient: UnsafeMutablePointer<Float>, output: UnsafePointer<Float>, range: Range<Int>) {
        let g = UnsafeMutableRawPointer(gradient + range.lowerBound), o = UnsafeRawPointer(output + range.lowerBound)
        let vectors = range.count / 16
        for i in 0..<vectors {
            let out = o.loadUnaligned(fromByteOffset: i * 64, as: SIMD16<Float>.self)
            let grad = g.loadUnaligned(fromByteOffset: i * 64, as: SIMD16<Float>.self)
            g.storeBytes(of: grad.replacing(with: 0, where: out .<= 0), toByteOffset: i * 64, as: SIMD16<Float>.self)
        }
        for i in (range.lowerBound + vectors * 16)..<range.upperBound where output[i] <= 0 { gradient[i] = 0 }
    }
}
