import DCNMath
import Foundation
import NeuralNetwork

/// The matrix products one training step performs at `batch` rows (forward, weight gradient and
/// input gradient of every layer), on scratch buffers: the reference the trainer is compared with.
final class StepProducts {
    private let layers: [(input: Int, output: Int)]
    private let batch: Int
    private let a: FloatBuffer, b: FloatBuffer, c: FloatBuffer
    /// Floating-point operations of one pass over all products.
    let flops: Double

    init(widths: [Int], batch: Int) {
        layers = Array(zip(widths, widths.dropFirst())) + Array(zip(widths.reversed(), widths.reversed().dropFirst()))
        self.batch = batch
        let largest = layers.map { max($0.input, $0.output) }.max()!
        a = FloatBuffer(count: batch * largest)
        b = FloatBuffer(count: largest * largest)
        c = FloatBuffer(count: max(batch, largest) * largest)
        for i in 0..<a.count { a.pointer[i] = Float(i % 7) * 0.1 }
        for i in 0..<b.count { b.pointer[i] = Float(i % 5) * 0.1 }
        flops = layers.reduce(0.0) { $0 + 3 * 2 * Double(batch * $1.input * $1.output) }
    }

    /// Runs every product once.
    func run() {
        for (input, output) in layers {
            BLAS.gemm(.none, a.pointer, .transposed, b.pointer, into: c.pointer, rows: batch, columns: output, inner: input)
            BLAS.gemm(.transposed, a.pointer, .none, a.pointer, into: c.pointer, rows: output, columns: input, inner: batch)
            BLAS.gemm(.none, a.pointer, .none, b.pointer, into: c.pointer, rows: batch, columns: input, inner: output)
        }
    }

    /// GFLOP/s of repeated passes lasting at least `seconds` (after one warm-up pass).
    func throughput(seconds: Double) -> Double {
        run()
        let start = now()
        var passes = 0
        repeat {
            run()
            passes += 1
        } while now() - start < seconds
        return flops * Double(passes) / (now() - start) / 1e9
    }
}
