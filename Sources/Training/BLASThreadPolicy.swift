import DCNMath
import Network

/// How many OpenBLAS threads work with a network uses: training, the per-epoch snapshots, and
/// encoding with a saved model (so a model encodes new data exactly as it encoded its recording).
///
/// OpenBLAS's own threads only pay for products of several MFLOP: small products (the synthetic demo's
/// network) run no faster on two threads, and inside training the idle worker thread's spinning and
/// hand-offs make epochs slower and erratic, while the mnist network's products gain from the second
/// core (`dcn-bench` and docs/performance.md measure both).
enum BLASThreadPolicy {
    /// Networks whose largest product per minibatch is below this many floating-point operations
    /// run OpenBLAS on one thread.
    static let singleThreadBelow = 4_000_000

    /// Runs `body` with the thread count that suits `autoencoder` at `batchSize` rows.
    static func run<T>(for autoencoder: Autoencoder, batchSize: Int, _ body: () throws -> T) rethrows -> T {
        let layers = autoencoder.encoder + autoencoder.decoder
        let largestProduct = layers.map { 2 * batchSize * $0.inputDimensions * $0.outputDimensions }.max() ?? 0
        guard largestProduct < singleThreadBelow else { return try body() }
        return try BLAS.withThreadCount(atMost: 1, body)
    }
}
