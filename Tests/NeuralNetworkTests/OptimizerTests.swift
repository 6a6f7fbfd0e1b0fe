import Foundation
import NeuralNetwork
import Testing
import DCNCore

@Suite("Optimisers")
struct OptimizerTests {
    @Test("SGD with momentum follows v ← μv + g, w ← w − lr·v over two steps")
    func momentum() {
        let w = FloatBuffer([1]), g = FloatBuffer([2])
        let sgd = SGD(parameters: [(w, g)], learningRate: 0.1, momentum: 0.5)
        sgd.update()  // v = 2, w = 1 − 0.2 = 0.8
        #expect(abs(w.array[0] - 0.8) < 1e-6)
        sgd.update()  // v = 0.5·2 + 2 = 3, w = 0.8 − 0.3 = 0.5
        #expect(abs(w.array[0] - 0.5) < 1e-6)
    }

    @Test("Nesterov momentum steps by g + μv")
    func nesterov() {
        let w = FloatBuffer([1]), g = FloatBuffer([2])
        let sgd = SGD(parameters: [(w, g)], learningRate: 0.1, momentum: 0.5, nesterov: true)
        sgd.update()  // v = 2, step = 2 + 0.5·2 = 3, w = 0.7
        #expect(abs(w.array[0] - 0.7) < 1e-6)
    }

    @Test("weight decay adds decay·w to the gradient (SGD and Adam)")
    func weightDecay() {
        let w = FloatBuffer([2]), g = FloatBuffer([0])
        let sgd = SGD(parameters: [(w, g)], learningRate: 0.1, momentum: 0, weightDecay: 0.5)
        sgd.update()  // g' = 0 + 0.5·2 = 1, w = 2 − 0.1 = 1.9
        #expect(abs(w.array[0] - 1.9) < 1e-6)
        let w2 = FloatBuffer([2]), g2 = FloatBuffer([0])
        Adam(parameters: [(w2, g2)], learningRate: 0.1, weightDecay: 0.5).update()
        #expect(abs(w2.array[0] - 1.9) < 1e-5)  // Adam's first step moves by lr·sign(g')
    }

    @Test("the vectorised Adam update equals the scalar formula for every element, including the tail")
    func adamMatchesScalarFormula() {
        let count = 37  // two 16-lane blocks and a 5-element tail
        let values = (0..<count).map { Float($0) * 0.1 - 1 }, grads = (0..<count).map { Float(($0 * 7) % 11) - 5 }
        let w = FloatBuffer(values), g = FloatBuffer(grads)
        let adam = Adam(parameters: [(w, g)], learningRate: 0.01)
        adam.update()
        adam.update()
        for i in 0..<count {
            var m: Float = 0, v: Float = 0, x = values[i]
            for step in 1...2 {
                m = 0.9 * m + 0.1 * grads[i]
                v = 0.999 * v + 0.001 * grads[i] * grads[i]
                let mHat = m / (1 - Float(pow(0.9, Double(step)))), vHat = v / (1 - Float(pow(0.999, Double(step))))
                x -= 0.01 * mHat / (vHat.squareRoot() + 1e-8)
            }
            #expect(abs(w.array[i] - x) < 1e-5)
        }
    }

    @Test("a buffer large enough for two cores gets exactly the update each half would get alone")
    func adamSplitOverTwoCoresMatchesOneCore() {
        let count = 300_007  // above the two-core threshold, with an odd tail
        let values = (0..<count).map { Float($0 % 101) * 0.01 - 0.5 }, grads = (0..<count).map { Float(($0 * 7) % 13) - 6 }
        let large = FloatBuffer(values), largeGradient = FloatBuffer(grads)
        let adam = Adam(parameters: [(large, largeGradient)], learningRate: 0.01)
        // The same values in two small buffers, each below the threshold, updated on one core.
        let split = 150_000
        let low = FloatBuffer(Array(values[..<split])), lowGradient = FloatBuffer(Array(grads[..<split]))
        let high = FloatBuffer(Array(values[split...])), highGradient = FloatBuffer(Array(grads[split...]))
        let reference = Adam(parameters: [(low, lowGradient), (high, highGradient)], learningRate: 0.01)
        for _ in 0..<3 {
            adam.update()
            reference.update()
        }
        #expect(large.array == low.array + high.array)
    }

    @Test("ReLU and its derivative on a batch large enough for two cores equal the element-wise definitions")
    func reluOverTwoCores() {
        let count = 131_072 + 35  // just above the two-core threshold, with a tail
        let input = (0..<count).map { Float(($0 * 31) % 17) - 8 }
        let values = FloatBuffer(input)
        Activation.relu.apply(values.pointer, count: count)
        let output = values.array
        #expect(output == input.map { max($0, 0) })
        let gradient = FloatBuffer((0..<count).map { Float($0 % 5) + 1 })
        Activation.relu.backpropagate(gradient.pointer, output: values.pointer, count: count)
        #expect(gradient.array == (0..<count).map { output[$0] > 0 ? Float($0 % 5) + 1 : 0 })
    }

    @Test("He and Glorot initialisation stay within their limits")
    func initialisationLimits() {
        var generator = SplitMixForTests(seed: 1)
        let he = Dense(50, 20, activation: .linear, capacity: 1, initialization: .he, using: &generator)
        let glorot = Dense(50, 20, activation: .relu, capacity: 1, initialization: .glorot, using: &generator)
        #expect(he.weight.array.allSatisfy { abs($0) <= (6.0 / 50).squareRoot() })
        #expect(he.weight.array.contains { abs($0) > (6.0 / 70).squareRoot() })
        #expect(glorot.weight.array.allSatisfy { abs($0) <= (6.0 / 70).squareRoot() })
    }
}

/// A local seeded generator so this suite depends only on Network.
struct SplitMixForTests: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
