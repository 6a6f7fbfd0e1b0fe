import Clustering
import Foundation
public import Plotting
public import Recording

/// The scatter frames of a recorded run: fixed axis limits, stable colours, titles with the metrics.
///
/// Built from the recording alone, so any run folder (complete or cut short) can be re-rendered.
public struct FrameSequence: Sendable {
    /// One frame per available epoch, in order.
    public let frames: [ScatterFrame]
    /// The epochs the frames show.
    public let entries: [EpochEntry]

    /// Loads every available epoch and builds its frame.
    /// - Parameter run: The opened run folder.
    /// - Throws: ``RecordingError`` for unreadable arrays.
    public init(run: RecordedRun) throws {
        let entries = run.availableEpochs
        let arrays = try entries.map { try run.arrays(for: $0) }
        let projected = arrays.map { Self.project($0) }
        let limits = AxisLimits.union(of: projected.map { zip($0.xs, $0.ys).map { (Double($0), Double($1)) } })
        let labels = run.labels
        let classIds = labels.map { Array(Set($0)).sorted() } ?? []
        let k = run.manifest.configuration.clusterCount
        let totalEpochs = run.manifest.configuration.epochs
        var frames: [ScatterFrame] = []
        for (index, entry) in entries.enumerated() {
            let epochArrays = arrays[index]
            let coloring = ClusterColoring(assignments: epochArrays.assignments, labels: labels, classIds: classIds, clusterCount: k)
            let centers = (0..<epochArrays.centers.rows).map { c in
                (x: Double(epochArrays.centers[c, 0]), y: Double(epochArrays.centers.columns > 1 ? epochArrays.centers[c, 1] : 0))
            }
            frames.append(ScatterFrame(
                title: Self.title(entry, totalEpochs: totalEpochs),
                subtitle: Self.subtitle(entry, manifest: run.manifest),
                xs: projected[index].xs, ys: projected[index].ys, predicted: epochArrays.assignments, truth: labels,
                classIds: classIds, centers: centers, coloring: coloring, limits: limits))
        }
        self.frames = frames
        self.entries = entries
    }

    /// The first two latent dimensions (a 1-D latent is drawn against zero).
    static func project(_ arrays: EpochArrays) -> (xs: [Float], ys: [Float]) {
        let latent = arrays.latent
        let xs = (0..<latent.rows).map { latent[$0, 0] }
        let ys = latent.columns > 1 ? (0..<latent.rows).map { latent[$0, 1] } : [Float](repeating: 0, count: latent.rows)
        return (xs, ys)
    }

    static func title(_ entry: EpochEntry, totalEpochs: Int) -> String {
        entry.phase == .pretrain
            ? "Epoch 0 · after autoencoder pretraining and k-means initialisation"
            : "Epoch \(entry.epoch) of \(totalEpochs) · DCN training"
    }

    static func subtitle(_ entry: EpochEntry, manifest: RunManifest) -> String {
        var parts: [String] = []
        if let m = entry.metrics {
            parts.append(String(format: "NMI %.3f · ARI %.3f · ACC %.3f", m.nmi, m.ari, m.acc))
        }
        parts.append(String(format: "loss %.4g", entry.losses.total))
        let empty = entry.clusterSizes.filter { $0 == 0 }.count
        if empty > 0 { parts.append("\(empty) empty cluster\(empty == 1 ? "" : "s")!") }
        parts.append("\(manifest.dataset.name), N = \(manifest.dataset.samples), λ = \(formatNumber(Double(manifest.configuration.lambda)))")
        return parts.joined(separator: "   ")
    }
}

/// A number in its shortest readable form: `1`, `0.05`, `2.5e-05`.
func formatNumber(_ value: Double) -> String {
    if value == value.rounded() && abs(value) < 1e9 { return String(Int(value)) }
    return String(format: "%g", value)
}
