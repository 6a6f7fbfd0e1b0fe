import Clustering
import DCNMath
import Datasets
import Foundation
import NPYFormat
import DCNCore
import Scoring

/// `dcn-bench --only kmeans --mnist FOLDER [--write-npy FILE]`: k-means (k = 10, 10 restarts) on the
/// 70,000 MNIST pixels scaled to [0, 1], as the pipeline's raw-input baseline runs it. With
/// `--write-npy` the scaled pixels are also written, so `docs/kmeans-vs-sklearn.sh` can run
/// scikit-learn on exactly the same float32 values.
func benchmarkKMeans(mnistFolder: String, npyPath: String?) throws {
    var data = try MNISTFolder.load(path: mnistFolder)
    _ = FeatureScaling.unit.apply(to: &data.features)
    let x = data.features
    if let npyPath {
        try NPYWriter.encode(x.values, shape: [x.rows, x.columns]).write(to: URL(fileURLWithPath: npyPath))
    }
    print("== k-means on MNIST pixels (\(x.rows) × \(x.columns), k = 10, 10 restarts, k-means++)")
    for seed in [UInt64(0), 1, 2] {
        var generator = SplitMix64(seed: seed)
        let start = now()
        let result = KMeans(clusterCount: 10, restarts: 10).fit(x, using: &generator)
        let seconds = now() - start
        let nmi = ClusteringMetrics(predicted: result.assignments, truth: data.labels!).nmi
        print(String(format: "seed %d: %.2f s  inertia %.1f  iterations %d  NMI %.4f", seed, seconds, result.inertia, result.iterations, nmi))
    }
}
