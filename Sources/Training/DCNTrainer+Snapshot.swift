import Clustering
import DCNCore
import DCNMath
import RunFormat
import Scoring

/// What the trainer reports after an epoch: the whole data set's losses in the current state (epoch 0
/// and a kept start have no training pass to average) and the snapshot observers receive.
extension DCNTrainer {
    /// Losses of the whole data set in the current state (for epoch 0, which has no training pass).
    func measuredLosses(state: ClusterState) -> EpochLosses {
        autoencoder.isTraining = false
        defer { autoencoder.isTraining = true }
        var reconstruction = 0.0, clustering = 0.0
        let d = configuration.latentDimensions, width = data.columns
        data.values.withUnsafeBufferPointer { x in
            var start = 0
            while start < data.rows {
                let rows = min(autoencoder.capacity, data.rows - start)
                let input = x.baseAddress! + start * width
                autoencoder.forward(input, rows: rows)
                let output = autoencoder.reconstruction.pointer, codes = autoencoder.latent.pointer
                for i in 0..<(rows * width) {
                    let diff = Double(output[i] - input[i])
                    reconstruction += diff * diff / Double(dataVariance)
                }
                for r in 0..<rows {
                    let k = Int(state.assignments[start + r])
                    for j in 0..<d {
                        let diff = Double(codes[r * d + j] - state.centers.values[k * d + j])
                        clustering += diff * diff
                    }
                }
                start += rows
            }
        }
        let n = Double(data.rows)
        clustering /= Double(codeVariance)
        return EpochLosses(
            reconstruction: reconstruction / n, clustering: clustering / n,
            total: (reconstruction + Double(configuration.lambda) / 2 * clustering) / n)
    }

    func snapshot(
        epoch: Int, phase: TrainingPhase, state: ClusterState, losses: EpochLosses, seconds: Double,
        latent: Matrix? = nil
    ) -> EpochSnapshot {
        let latent = latent ?? autoencoder.encode(data)
        // A held start is shown as it is, not as the nearest-centre cells of its centres.
        let assignments = state.hold == .nearestCentre ? NearestCenter.assign(latent, to: state.centers).assignments : state.assignments
        var sizes = [Int](repeating: 0, count: configuration.clusterCount)
        for a in assignments { sizes[Int(a)] += 1 }
        let metrics = evaluationLabels.map { ClusteringMetrics(predicted: assignments, truth: $0) }
        return EpochSnapshot(
            epoch: epoch, phase: phase, latent: latent, assignments: assignments, centers: state.centers,
            decodedCenters: autoencoder.decode(state.centers), losses: losses, metrics: metrics,
            clusterSizes: sizes, seconds: seconds)
    }
}
