public import DCNMath
import DCNCore

/// A multilayer-perceptron autoencoder: encoder f (input → hidden… → latent) and decoder g
/// (latent → …hidden reversed → input).
///
/// Hidden layers use `hiddenActivation` (ReLU by default); the latent layer and the output layer are
/// linear, as in the DCN paper's networks and the earlier implementation. For hidden sizes
/// `[100, 50, 10]` and latent dimension 2 on 100-D input the layers are
/// 100→100→50→10→2 (encoder) and 2→10→50→100→100 (decoder).
public final class Autoencoder {
    /// Encoder layers, input first.
    public let encoder: [Dense]
    /// Decoder layers, latent first.
    public let decoder: [Dense]
    /// Largest batch size of ``forward(_:rows:)``.
    public let capacity: Int

    /// Creates an autoencoder with freshly initialised weights.
    /// - Parameters:
    ///   - inputDimensions: Width of the data.
    ///   - hidden: Hidden layer widths of the encoder, outermost first (the decoder mirrors them).
    ///   - latentDimensions: Width of the code f(x).
    ///   - hiddenActivation: Non-linearity of hidden layers.
    ///   - capacity: Largest batch size.
    ///   - generator: Source of the initial weights.
    public init<G: RandomNumberGenerator>(
        inputDimensions: Int, hidden: [Int], latentDimensions: Int, hiddenActivation: Activation = .relu,
        initialization: WeightInitialization = .fanIn, batchNormalization: Bool = false, capacity: Int,
        using generator: inout G
    ) {
        let widths = [inputDimensions] + hidden + [latentDimensions]
        var encoder: [Dense] = []
        for i in 0..<(widths.count - 1) {
            let isLatent = i == widths.count - 2
            encoder.append(
                Dense(
                    widths[i], widths[i + 1], activation: isLatent ? .linear : hiddenActivation,
                    capacity: capacity, initialization: initialization,
                    batchNormalization: batchNormalization && !isLatent, using: &generator))
        }
        let reversed = Array(widths.reversed())
        var decoder: [Dense] = []
        for i in 0..<(reversed.count - 1) {
            let isOutput = i == reversed.count - 2
            decoder.append(
                Dense(
                    reversed[i], reversed[i + 1], activation: isOutput ? .linear : hiddenActivation,
                    capacity: capacity, initialization: initialization,
                    batchNormalization: batchNormalization && !isOutput, using: &generator))
        }
        self.encoder = encoder
        self.decoder = decoder
        self.capacity = capacity
    }

    /// Puts every batch-normalised layer in training mode (batch statistics) or evaluation mode
    /// (running statistics). ``encode(_:)`` always uses evaluation mode.
    public var isTraining: Bool {
        get { encoder[0].isTraining }
        set {
            for layer in encoder { layer.isTraining = newValue }
            for layer in decoder { layer.isTraining = newValue }
        }
    }

    /// Width of the data.
    public var inputDimensions: Int { encoder[0].inputDimensions }
    /// Width of the code.
    public var latentDimensions: Int { encoder[encoder.count - 1].outputDimensions }

    /// The codes f(x) of the last forward pass, `rows × latentDimensions`.
    public var latent: FloatBuffer { encoder[encoder.count - 1].output }
    /// The reconstructions g(f(x)) of the last forward pass, `rows × inputDimensions`.
    public var reconstruction: FloatBuffer { decoder[decoder.count - 1].output }

    /// Runs the encoder only; the codes land in ``latent``.
    /// - Parameters:
    ///   - input: `rows × inputDimensions` values.
    ///   - rows: Batch size, at most ``capacity``.
    public func encodeBatch(_ input: UnsafePointer<Float>, rows: Int) {
        var current = input
        for layer in encoder {
            layer.forward(current, rows: rows)
            current = UnsafePointer(layer.output.pointer)
        }
    }

    /// Runs encoder and decoder; codes land in ``latent`` and reconstructions in ``reconstruction``.
    /// - Parameters:
    ///   - input: `rows × inputDimensions` values.
    ///   - rows: Batch size, at most ``capacity``.
    public func forward(_ input: UnsafePointer<Float>, rows: Int) {
        encodeBatch(input, rows: rows)
        var current = UnsafePointer(latent.pointer)
        for layer in decoder {
            layer.forward(current, rows: rows)
            current = UnsafePointer(layer.output.pointer)
        }
    }

    /// Back-propagates loss gradients of the last ``forward(_:rows:)`` into every layer's gradients.
    /// - Parameters:
    ///   - input: The input of that forward pass.
    ///   - rows: Its batch size.
    ///   - reconstructionGradient: ∂L/∂g(f(x)), `rows × inputDimensions`; overwritten.
    ///   - latentGradient: An extra ∂L/∂f(x) added to what flows back from the decoder
    ///     (the clustering term of DCN), or nil.
    public func backward(
        input: UnsafePointer<Float>, rows: Int, reconstructionGradient: UnsafeMutablePointer<Float>,
        latentGradient: UnsafePointer<Float>?
    ) {
        var gradient = reconstructionGradient
        for index in stride(from: decoder.count - 1, through: 0, by: -1) {
            let layer = decoder[index]
            let layerInput = index == 0 ? UnsafePointer(latent.pointer) : UnsafePointer(decoder[index - 1].output.pointer)
            layer.backward(input: layerInput, rows: rows, outputGradient: gradient)
            gradient = layer.inputGradient.pointer
        }
        if let latentGradient {
            for i in 0..<(rows * latentDimensions) { gradient[i] += latentGradient[i] }
        }
        for index in stride(from: encoder.count - 1, through: 0, by: -1) {
            let layer = encoder[index]
            let layerInput = index == 0 ? input : UnsafePointer(encoder[index - 1].output.pointer)
            layer.backward(input: layerInput, rows: rows, outputGradient: gradient, computeInputGradient: index > 0)
            gradient = layer.inputGradient.pointer
        }
    }

    /// Every trainable buffer with its gradient, encoder first.
    public var parameters: [(value: FloatBuffer, gradient: FloatBuffer)] {
        (encoder + decoder).flatMap(\.parameters)
    }

    /// The codes f(x) of every row of `data`, computed in batches of ``capacity``.
    /// - Parameter data: `n × inputDimensions`.
    /// - Returns: `n × latentDimensions`.
    public func encode(_ data: Matrix) -> Matrix {
        precondition(data.columns == inputDimensions, "data has \(data.columns) columns, network expects \(inputDimensions)")
        return inBatches(data, outputWidth: latentDimensions) { input, rows in
            encodeBatch(input, rows: rows)
            return UnsafePointer(latent.pointer)
        }
    }

    /// The decoder's output g(z) for every row of `codes`, in evaluation mode, computed in batches of
    /// ``capacity`` (e.g. the images of the cluster centres).
    /// - Parameter codes: `n × latentDimensions`.
    /// - Returns: `n × inputDimensions`.
    public func decode(_ codes: Matrix) -> Matrix {
        precondition(codes.columns == latentDimensions, "codes have \(codes.columns) columns, network expects \(latentDimensions)")
        return inBatches(codes, outputWidth: inputDimensions) { input, rows in
            var current = input
            for layer in decoder {
                layer.forward(current, rows: rows)
                current = UnsafePointer(layer.output.pointer)
            }
            return current
        }
    }

    /// Runs `pass` over `input` in batches of ``capacity`` rows in evaluation mode, copying each batch's
    /// output (`rows × outputWidth`, where `pass` returns it) into the result.
    private func inBatches(_ input: Matrix, outputWidth: Int, pass: (UnsafePointer<Float>, Int) -> UnsafePointer<Float>) -> Matrix {
        let wasTraining = isTraining
        isTraining = false
        defer { isTraining = wasTraining }
        var output = Matrix(rows: input.rows, columns: outputWidth)
        input.values.withUnsafeBufferPointer { source in
            output.values.withUnsafeMutableBufferPointer { destination in
                var start = 0
                while start < input.rows {
                    let rows = min(capacity, input.rows - start)
                    let result = pass(source.baseAddress! + start * input.columns, rows)
                    (destination.baseAddress! + start * outputWidth).update(from: result, count: rows * outputWidth)
                    start += rows
                }
            }
        }
        return output
    }
}
