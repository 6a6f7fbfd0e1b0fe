public import DCNMath
import Foundation
import DCNCore

/// The paper's motivating example (Yang et al. 2017, Fig. 1), as the earlier TensorFlow
/// implementation generated it.
///
/// Four Gaussian clusters in 2-D with centres (0,0), (10,0), (0,10), (10,10), standard deviation 1,
/// `pointsPerCluster` points each, mapped to 100-D by x ↦ U·σ(W·x) with W ∈ R^(10×2) and
/// U ∈ R^(100×10) drawn from N(0, 1) and σ the logistic sigmoid. Everything is drawn from one seed.
public struct SyntheticDataset: Sendable {
    /// Points per Gaussian cluster (the paper and the earlier implementation use 2,500).
    public var pointsPerCluster: Int = 2_500
    /// Dimension of the hidden sigmoid layer of the map (10).
    public var hiddenDimensions: Int = 10
    /// Dimension of the observed space (100).
    public var observedDimensions: Int = 100
    /// The 2-D cluster centres.
    public var centers: [(Double, Double)] = [(0, 0), (10, 0), (0, 10), (10, 10)]
    /// Standard deviation of every cluster.
    public var standardDeviation: Double = 1

    /// Creates the default configuration.
    public init() {}

    /// Creates a configuration with a different cluster size (for small tests).
    /// - Parameter pointsPerCluster: Points per cluster.
    public init(pointsPerCluster: Int) {
        self.pointsPerCluster = pointsPerCluster
    }

    /// Draws the data set.
    /// - Parameter seed: The seed that determines the points and the map.
    /// - Returns: `4 · pointsPerCluster` samples in 100-D with their cluster as label,
    ///   ordered cluster by cluster.
    public func generate(seed: UInt64) -> Dataset {
        var random = SplitMix64.stream(seed: seed, .syntheticData)
        let w = (0..<(hiddenDimensions * 2)).map { _ in random.nextGaussian() }
        let u = (0..<(observedDimensions * hiddenDimensions)).map { _ in random.nextGaussian() }
        let n = pointsPerCluster * centers.count
        var features = Matrix(rows: n, columns: observedDimensions)
        var labels = [Int32](repeating: 0, count: n)
        var hidden = [Double](repeating: 0, count: hiddenDimensions)
        for cluster in centers.indices {
            for i in 0..<pointsPerCluster {
                let row = cluster * pointsPerCluster + i
                let x0 = centers[cluster].0 + standardDeviation * random.nextGaussian()
                let x1 = centers[cluster].1 + standardDeviation * random.nextGaussian()
                for h in 0..<hiddenDimensions {
                    hidden[h] = 1 / (1 + exp(-(w[h * 2] * x0 + w[h * 2 + 1] * x1)))
                }
                for o in 0..<observedDimensions {
                    var sum = 0.0
                    for h in 0..<hiddenDimensions { sum += u[o * hiddenDimensions + h] * hidden[h] }
                    features[row, o] = Float(sum)
                }
                labels[row] = Int32(cluster)
            }
        }
        var dataset = Dataset(
            name: "synthetic",
            description: "4 Gaussian clusters in 2-D (σ = \(standardDeviation)), \(pointsPerCluster) points each, "
                + "mapped to \(observedDimensions)-D by x ↦ U·sigmoid(W·x), W and U ~ N(0,1), seed \(seed)",
            features: features, labels: labels)
        dataset.prefer(.standardize, because: "the synthetic generator's features: each standardised to mean 0 and variance 1")
        return dataset
    }
}
