import DCNCore
import DCNMath
import Foundation
import NeuralNetwork

/// How many OpenBLAS threads work with a network uses: training, the per-epoch snapshots, and
/// encoding with a saved model (so a model encodes new data exactly as it encoded its recording).
///
/// OpenBLAS's own threads only pay for products of several MFLOP: small products (the synthetic demo's
/// network) run no faster on two threads, and inside training the idle worker thread's spinning and
/// hand-offs make epochs slower and erratic, while the mnist network's products gain from the second
/// core (`dcn-bench` and docs/performance.md measure both).
public enum BLASThreadPolicy {
    /// Networks whose largest product per minibatch is below this many floating-point operations
    /// run OpenBLAS on one thread.
    static let singleThreadBelow = 4_000_000

    /// How many OpenBLAS threads a run with `configuration` on data of `inputDimensions` columns keeps busy:
    /// 1 for small networks, else every core (OpenBLAS's default). A sweep runs cores / this many at a time.
    public static func threads(for configuration: DCNConfiguration, inputDimensions: Int) -> Int {
        let widths = [inputDimensions] + configuration.hiddenLayers + [configuration.latentDimensions]
        let largest = zip(widths, widths.dropFirst()).map { 2 * configuration.batchSize * $0 * $1 }.max() ?? 0
        return largest < singleThreadBelow ? 1 : ProcessInfo.processInfo.activeProcessorCount
    }

    /// Runs `body` with the thread count that suits `autoencoder` at `batchSize` rows.
    static func run<T>(for autoencoder: Autoencoder, batchSize: Int, _ body: () throws -> T) rethrows -> T {
        let layers = autoencoder.encoder + autoencoder.decoder
        let largestProduct = layers.map { 2 * batchSize * $0.inputDimensions * $0.outputDimensions }.max() ?? 0
        guard largestProduct < singleThreadBelow else { return try body() }
        return try BLAS.withThreadCount(atMost: 1, body)
    }
}
