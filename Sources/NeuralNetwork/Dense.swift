public import DCNMath
import DCNCore

/// A fully connected layer `y = activation(x · Wᵀ + b)` on BLAS, for batches of up to `capacity` rows.
///
/// `weight` is `[out, in]` row-major, `bias` is `[out]`. Initialisation (from the caller's generator,
/// ``WeightInitialization/fanIn`` by default): weights then biases from U(±1/√in), PyTorch's default.
/// ``WeightInitialization/auto`` draws He uniform, U(±√(6/in)), for ReLU-family layers and Glorot
/// uniform, U(±√(6/(in+out))), otherwise, with zero biases.
/// The layer owns its output and gradient storage, sized for `capacity` rows, so the training loop
/// allocates nothing per step.
public final class Dense {
    /// Input width.
    public let inputDimensions: Int
    /// Output width.
    public let outputDimensions: Int
    /// The non-linearity applied to the output.
    public let activation: Activation
    /// Largest batch this layer can process.
    public let capacity: Int

    /// Weights, `outputDimensions × inputDimensions`.
    public let weight: FloatBuffer
    /// Biases, `outputDimensions`.
    public let bias: FloatBuffer
    /// ∂L/∂weight from the last ``backward(input:rows:outputGradient:computeInputGradient:)``.
    public let weightGradient: FloatBuffer
    /// ∂L/∂bias from the last backward pass.
    public let biasGradient: FloatBuffer
    /// Activations of the last forward pass, `rows × outputDimensions`.
    public let output: FloatBuffer
    /// ∂L/∂input from the last backward pass, `rows × inputDimensions`.
    public let inputGradient: FloatBuffer
    /// Batch normalisation between the product and the activation, when enabled.
    public let batchNormalization: BatchNormalization?
    /// Whether forward passes use batch statistics (training) or running statistics (evaluation).
    public var isTraining = true

    /// Creates a layer with random initial weights and zero biases.
    /// - Parameters:
    ///   - inputDimensions: Input width.
    ///   - outputDimensions: Output width.
    ///   - activation: The non-linearity.
    ///   - capacity: Largest batch size.
    ///   - generator: Source of the initial weights.
    public init<G: RandomNumberGenerator>(
        _ inputDimensions: Int, _ outputDimensions: Int, activation: Activation, capacity: Int,
        initialization: WeightInitialization = .fanIn, batchNormalization: Bool = false, using generator: inout G
    ) {
        self.inputDimensions = inputDimensions
        self.outputDimensions = outputDimensions
        self.activation = activation
        self.capacity = capacity
        let isReLU = activation == .relu || activation == .leakyRelu
        let useHe = initialization == .he || (initialization == .auto && isReLU)
        let limit: Float
        switch initialization {
        case .fanIn: limit = 1 / Float(inputDimensions).squareRoot()
        case .he, .auto, .glorot:
            limit = useHe ? (6 / Float(inputDimensions)).squareRoot() : (6 / Float(inputDimensions + outputDimensions)).squareRoot()
        }
        var initial = [Float](repeating: 0, count: inputDimensions * outputDimensions)
        for i in initial.indices { initial[i] = (2 * generator.nextUnitFloat() - 1) * limit }
        weight = FloatBuffer(initial)
        var initialBias = [Float](repeating: 0, count: outputDimensions)
        if initialization == .fanIn {
            for j in initialBias.indices { initialBias[j] = (2 * generator.nextUnitFloat() - 1) * limit }
        }
        bias = FloatBuffer(initialBias)
        weightGradient = FloatBuffer(count: inputDimensions * outputDimensions)
        biasGradient = FloatBuffer(count: outputDimensions)
        output = FloatBuffer(count: capacity * outputDimensions)
        inputGradient = FloatBuffer(count: capacity * inputDimensions)
        self.batchNormalization = batchNormalization ? BatchNormalization(width: outputDimensions, capacity: capacity) : nil
    }

    /// Computes the activations of `rows` input rows into ``output``.
    /// - Parameters:
    ///   - input: `rows × inputDimensions` values.
    ///   - rows: Batch size, at most ``capacity``.
    public func forward(_ input: UnsafePointer<Float>, rows: Int) {
        precondition(rows <= capacity, "batch of \(rows) exceeds layer capacity \(capacity)")
        let out = output.pointer
        for r in 0..<rows { (out + r * outputDimensions).update(from: bias.pointer, count: outputDimensions) }
        BLAS.gemm(
            .none, input, .transposed, weight.pointer, into: out,
            rows: rows, columns: outputDimensions, inner: inputDimensions, beta: 1)
        batchNormalization?.forward(out, rows: rows, training: isTraining)
        activation.apply(out, count: rows * outputDimensions)
    }

    /// Back-propagates ∂L/∂output through the layer.
    ///
    /// Sets ``weightGradient`` and ``biasGradient`` (overwriting them) and, when asked, ``inputGradient``.
    /// - Parameters:
    ///   - input: The input of the matching forward pass.
    ///   - rows: Its batch size.
    ///   - outputGradient: ∂L/∂output, `rows × outputDimensions`; overwritten with ∂L/∂pre-activation.
    ///   - computeInputGradient: Whether to compute ∂L/∂input (not needed for the first layer).
    public func backward(
        input: UnsafePointer<Float>, rows: Int, outputGradient: UnsafeMutablePointer<Float>,
        computeInputGradient: Bool = true
    ) {
        activation.backpropagate(outputGradient, output: output.pointer, count: rows * outputDimensions)
        batchNormalization?.backward(outputGradient, rows: rows)
        BLAS.gemm(
            .transposed, outputGradient, .none, input, into: weightGradient.pointer,
            rows: outputDimensions, columns: inputDimensions, inner: rows)
        Self.columnSums(outputGradient, rows: rows, columns: outputDimensions, into: biasGradient.pointer)
        if computeInputGradient {
            BLAS.gemm(
                .none, outputGradient, .none, weight.pointer, into: inputGradient.pointer,
                rows: rows, columns: inputDimensions, inner: outputDimensions)
        }
    }

    /// The trainable parameters paired with their gradients, for an optimiser.
    public var parameters: [(value: FloatBuffer, gradient: FloatBuffer)] {
        [(weight, weightGradient), (bias, biasGradient)] + (batchNormalization?.parameters ?? [])
    }

    /// `sums[j] = Σ_r matrix[r][j]`, 16 columns at a time (the scalar loop is not vectorised because
    /// the pointers might alias), rows in order so the result is deterministic.
    static func columnSums(_ matrix: UnsafePointer<Float>, rows: Int, columns: Int, into sums: UnsafeMutablePointer<Float>) {
        sums.update(repeating: 0, count: columns)
        let vectors = columns / 16
        let target = UnsafeMutableRawPointer(sums)
        for v in 0..<vectors {
            var total = SIMD16<Float>()
            for r in 0..<rows {
                total += UnsafeRawPointer(matrix + r * columns).loadUnaligned(fromByteOffset: v * 64, as: SIMD16<Float>.self)
            }
            target.storeBytes(of: total, toByteOffset: v * 64, as: SIMD16<Float>.self)
        }
        for j in (vectors * 16)..<columns {
            var total: Float = 0
            for r in 0..<rows { total += matrix[r * columns + j] }
            sums[j] = total
        }
    }
}
