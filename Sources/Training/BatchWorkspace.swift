import Clustering
import DCNMath
import NeuralNetwork
import DCNCore

/// Preallocated minibatch storage and the DCN loss gradients, so a training step allocates nothing.
final class BatchWorkspace {
    let input: FloatBuffer
    let outputGradient: FloatBuffer
    let latentGradient: FloatBuffer
    let dimensions: Int
    let latentDimensions: Int

    init(batchSize: Int, dimensions: Int, latentDimensions: Int) {
        input = FloatBuffer(count: batchSize * dimensions)
        outputGradient = FloatBuffer(count: batchSize * dimensions)
        latentGradient = FloatBuffer(count: batchSize * latentDimensions)
        self.dimensions = dimensions
        self.latentDimensions = latentDimensions
    }

    /// Copies the given rows of `data` into ``input``.
    func gather(_ data: Matrix, indices: ArraySlice<Int>) {
        let d = dimensions
        data.values.withUnsafeBufferPointer { source in
            for (offset, row) in indices.enumerated() {
                (input.pointer + offset * d).update(from: source.baseAddress! + row * d, count: d)
            }
        }
    }

    /// Sets ``outputGradient`` to ∂/∂x̂ of (1/B)Σ‖x − x̂‖²/V = (2/(B·V))(x̂ − x), where V is the data's
    /// total variance (see ``DCNConfiguration``); returns Σ‖x − x̂‖²/V over the batch.
    func reconstructionGradient(_ reconstruction: UnsafePointer<Float>, rows: Int, variance: Float) -> Double {
        let scale = 2 / (Float(rows) * variance)
        var sum: Float = 0
        let x = input.pointer, g = outputGradient.pointer
        for i in 0..<(rows * dimensions) {
            let diff = reconstruction[i] - x[i]
            sum += diff * diff
            g[i] = scale * diff
        }
        return Double(sum) / Double(variance)
    }

    /// Sets ``latentGradient`` to ∂/∂z of (1/B)Σ(λ/2)‖z − m_s‖² = (λ/B)(z − m_s);
    /// returns Σ‖z − m_s‖² over the batch.
    func clusteringGradient(
        latent: UnsafePointer<Float>, rows: Int, indices: ArraySlice<Int>, state: DCNTrainer.ClusterState, lambda: Float
    ) -> Double {
        let d = latentDimensions
        let scale = lambda / Float(rows)
        var sum: Float = 0
        let g = latentGradient.pointer
        state.centers.values.withUnsafeBufferPointer { centers in
            for (offset, sample) in indices.enumerated() {
                let center = centers.baseAddress! + Int(state.assignments[sample]) * d
                for j in 0..<d {
                    let diff = latent[offset * d + j] - center[j]
                    sum += diff * diff
                    g[offset * d + j] = scale * diff
                }
            }
        }
        return Double(sum)
    }
}
