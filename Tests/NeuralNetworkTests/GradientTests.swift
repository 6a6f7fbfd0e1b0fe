import DCNMath
import NeuralNetwork
import TestSupport
import Testing
import DCNCore

/// Finite-difference checks of every layer's backward pass.
@Suite("Network gradients")
struct GradientTests {
    /// The DCN objective on a batch, in Double from the network's float outputs:
    /// (1/B) Σ ‖x − x̂‖² + (λ/2)‖z − m‖².
    func objective(_ net: Autoencoder, _ x: [Float], rows: Int, targets: [Float], lambda: Double) -> Double {
        x.withUnsafeBufferPointer { net.forward($0.baseAddress!, rows: rows) }
        let d = net.inputDimensions, k = net.latentDimensions
        var loss = 0.0
        for i in 0..<(rows * d) {
            let e = Double(net.reconstruction.pointer[i] - x[i])
            loss += e * e
        }
        for i in 0..<(rows * k) {
            let e = Double(net.latent.pointer[i] - targets[i])
            loss += lambda / 2 * e * e
        }
        return loss / Double(rows)
    }

    /// Analytic gradients of ``objective`` through ``Autoencoder/backward``.
    func analyticGradients(_ net: Autoencoder, _ x: [Float], rows: Int, targets: [Float], lambda: Float) -> [[Float]] {
        x.withUnsafeBufferPointer { net.forward($0.baseAddress!, rows: rows) }
        let d = net.inputDimensions, k = net.latentDimensions
        var outputGradient = (0..<(rows * d)).map { 2 / Float(rows) * (net.reconstruction.pointer[$0] - x[$0]) }
        let latentGradient = (0..<(rows * k)).map { lambda / Float(rows) * (net.latent.pointer[$0] - targets[$0]) }
        x.withUnsafeBufferPointer { input in
            outputGradient.withUnsafeMutableBufferPointer { og in
                latentGradient.withUnsafeBufferPointer { lg in
                    net.backward(
                        input: input.baseAddress!, rows: rows, reconstructionGradient: og.baseAddress!,
                        latentGradient: lg.baseAddress!)
                }
            }
        }
        return net.parameters.map { $0.gradient.array }
    }

    @Test("autoencoder gradients of the DCN loss match central finite differences", arguments: Activation.allCases)
    func autoencoderGradients(activation: Activation) {
        var generator = SplitMix64(seed: 42)
        let net = Autoencoder(
            inputDimensions: 5, hidden: [7, 4], latentDimensions: 2, hiddenActivation: activation,
            capacity: 8, using: &generator)
        // Non-zero biases: with zero biases a row whose inputs are all cut by ReLU sits exactly on the
        // next layer's kink, where the one-sided derivatives differ and finite differences are meaningless.
        for layer in net.encoder + net.decoder {
            for j in 0..<layer.outputDimensions { layer.bias.pointer[j] = Float(generator.nextGaussian()) * 0.3 }
        }
        let rows = 6
        let x = (0..<(rows * 5)).map { _ in Float(generator.nextGaussian()) }
        let targets = (0..<(rows * 2)).map { _ in Float(generator.nextGaussian()) }
        let lambda: Float = 0.7
        let analytic = analyticGradients(net, x, rows: rows, targets: targets, lambda: lambda)
        var worst = 0.0
        for (p, parameter) in net.parameters.enumerated() {
            for i in 0..<parameter.value.count {
                let original = parameter.value.pointer[i]
                // Smooth activations tolerate a large step; ReLU kinks need a small one.
                let h: Float = activation == .relu || activation == .leakyRelu ? 1e-3 : 1e-2
                parameter.value.pointer[i] = original + h
                let plus = objective(net, x, rows: rows, targets: targets, lambda: Double(lambda))
                parameter.value.pointer[i] = original - h
                let minus = objective(net, x, rows: rows, targets: targets, lambda: Double(lambda))
                parameter.value.pointer[i] = original
                let numeric = (plus - minus) / (2 * Double(h))
                let error = abs(numeric - Double(analytic[p][i])) / max(1, abs(numeric))
                worst = max(worst, error)
            }
        }
        #expect(worst < 2e-2, "largest relative gradient error \(worst) for \(activation)")
    }

    @Test("batch-normalised autoencoder gradients (training mode) match finite differences", arguments: [Activation.tanh, .relu])
    func batchNormGradients(activation: Activation) {
        var generator = SplitMix64(seed: 8)
        let net = Autoencoder(
            inputDimensions: 4, hidden: [6, 5], latentDimensions: 2, hiddenActivation: activation,
            batchNormalization: true, capacity: 8, using: &generator)
        for layer in net.encoder + net.decoder {
            for j in 0..<layer.outputDimensions { layer.bias.pointer[j] = Float(generator.nextGaussian()) * 0.3 }
            if let norm = layer.batchNormalization {
                for j in 0..<norm.width {
                    norm.gamma.pointer[j] = 1 + Float(generator.nextGaussian()) * 0.2
                    norm.beta.pointer[j] = Float(generator.nextGaussian()) * 0.3
                }
            }
        }
        let rows = 7
        let x = (0..<(rows * 4)).map { _ in Float(generator.nextGaussian()) }
        let targets = (0..<(rows * 2)).map { _ in Float(generator.nextGaussian()) }
        let analytic = analyticGradients(net, x, rows: rows, targets: targets, lambda: 0.5)
        #expect(net.parameters.count == 6 * 2 + 4 * 2)  // W, b per layer; γ, β per hidden layer
        var worst = 0.0
        for (p, parameter) in net.parameters.enumerated() {
            for i in 0..<parameter.value.count {
                let original = parameter.value.pointer[i]
                let h: Float = 1e-3
                parameter.value.pointer[i] = original + h
                let plus = objective(net, x, rows: rows, targets: targets, lambda: 0.5)
                parameter.value.pointer[i] = original - h
                let minus = objective(net, x, rows: rows, targets: targets, lambda: 0.5)
                parameter.value.pointer[i] = original
                let numeric = (plus - minus) / (2 * Double(h))
                worst = max(worst, abs(numeric - Double(analytic[p][i])) / max(1, abs(numeric)))
            }
        }
        #expect(worst < 2e-2, "largest relative gradient error \(worst)")
    }

    @Test("batch normalisation uses running statistics when encoding")
    func batchNormEvaluationMode() {
        var generator = SplitMix64(seed: 2)
        let net = Autoencoder(
            inputDimensions: 3, hidden: [4], latentDimensions: 2, batchNormalization: true,
            capacity: 8, using: &generator)
        let data = Matrix(rows: 5, columns: 3, values: (0..<15).map { _ in Float(generator.nextGaussian()) })
        // Encoding one row alone must equal encoding it within the whole set: no batch statistics.
        let all = net.encode(data)
        let single = net.encode(Matrix(rows: 1, columns: 3, values: data.row(4)))
        #expect(abs(all[4, 0] - single[0, 0]) < 1e-6 && abs(all[4, 1] - single[0, 1]) < 1e-6)
        #expect(net.isTraining)
    }

    @Test("a dense layer computes x·Wᵀ + b")
    func denseForward() {
        var generator = SplitMix64(seed: 1)
        let layer = Dense(3, 2, activation: .linear, capacity: 2, using: &generator)
        let w: [Float] = [1, 2, 3, -1, 0, 1]
        for i in 0..<6 { layer.weight.pointer[i] = w[i] }
        layer.bias.pointer[0] = 0.5
        layer.bias.pointer[1] = -1
        let x: [Float] = [1, 1, 1, 2, 0, -1]
        x.withUnsafeBufferPointer { layer.forward($0.baseAddress!, rows: 2) }
        #expect(Array(layer.output.array.prefix(4)) == [6.5, -1, -0.5, -4])
    }

    @Test("Adam's first step moves each parameter by the learning rate against the gradient's sign")
    func adamFirstStep() {
        let value = FloatBuffer([1, 1, 1]), gradient = FloatBuffer([0.5, -3, 0])
        let adam = Adam(parameters: [(value, gradient)], learningRate: 0.1)
        adam.update()
        // With bias correction, step 1 is lr · g / (|g| + ε): −0.1, +0.1 and 0.
        #expect(abs(value.array[0] - 0.9) < 1e-6)
        #expect(abs(value.array[1] - 1.1) < 1e-6)
        #expect(value.array[2] == 1)
    }

    @Test("encode in batches equals one forward pass per row")
    func batchedEncoding() {
        var generator = SplitMix64(seed: 3)
        let net = Autoencoder(inputDimensions: 4, hidden: [5], latentDimensions: 2, capacity: 3, using: &generator)
        let data = Matrix(rows: 7, columns: 4, values: (0..<28).map { _ in Float(generator.nextGaussian()) })
        let codes = net.encode(data)
        for r in 0..<7 {
            let row = data.row(r)
            row.withUnsafeBufferPointer { net.encodeBatch($0.baseAddress!, rows: 1) }
            #expect(abs(net.latent.pointer[0] - codes[r, 0]) < 1e-5)
            #expect(abs(net.latent.pointer[1] - codes[r, 1]) < 1e-5)
        }
    }
}
