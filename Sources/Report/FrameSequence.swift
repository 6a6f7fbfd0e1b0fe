import Scoring
import Foundation
public import Plotting
public import RunFormat

/// The scatter frames of a recorded run: fixed axis limits, stable colours, titles with the metrics.
///
/// Built from the recording alone, so any run folder (complete or cut short) can be re-rendered.
public struct FrameSequence: Sendable {
    /// One frame per available epoch, in order.
    public let frames: [ScatterFrame]
    /// The epochs the frames show.
    public let entries: [EpochEntry]

    /// The projection shared by every frame (identity for 2-D codes, PCA otherwise).
    public let projection: Projection
    /// Indices of the samples drawn (all, or a stratified subsample above `pointCap`).
    public let drawn: [Int]

    /// Loads every available epoch and builds its frame.
    /// - Parameters:
    ///   - run: The opened run folder.
    ///   - pointCap: Most points drawn per panel; larger runs are subsampled, stratified by class.
    /// - Throws: ``RecordingError`` for unreadable arrays.
    ///   - equalAspectPanel: When given (panel width, height), the limits are widened so both axes share one scale.
    ///   - lastEpochOnly: Build only the last epoch's frame (for thumbnails of many runs).
    public init(run: RecordedRun, pointCap: Int = 30_000, equalAspectPanel: (Double, Double)? = nil, lastEpochOnly: Bool = false) throws {
        let entries = lastEpochOnly ? Array(run.availableEpochs.suffix(1)) : run.availableEpochs
        let arrays = try entries.map { try run.arrays(for: $0) }
        let labels = run.labels
        let count = arrays.first?.latent.rows ?? 0
        let drawn = Subsample.indices(labels: labels, count: count, cap: pointCap)
        let projection = arrays.last.map { Projection.pca(codes: $0.latent.values, rows: $0.latent.rows, dimensions: $0.latent.columns) }
            ?? .identity(dimensions: 2)
        let projected = arrays.map { a -> (xs: [Float], ys: [Float]) in
            let (xs, ys) = projection.apply(codes: a.latent.values, rows: a.latent.rows)
            return (drawn.map { xs[$0] }, drawn.map { ys[$0] })
        }
        var limits = AxisLimits.union(of: projected)
        if let (panelWidth, panelHeight) = equalAspectPanel {
            limits = limits.equalAspect(panelWidth: panelWidth, panelHeight: panelHeight)
        }
        let drawnLabels = labels.map { l in drawn.map { l[$0] } }
        let classIds = labels.map { Array(Set($0)).sorted() } ?? []
        let k = run.manifest.configuration.clusterCount
        let totalEpochs = run.manifest.configuration.epochs
        let sampleNote = drawn.count < count ? "   showing \(drawn.count) of \(count) points (stratified subsample)" : ""
        var frames: [ScatterFrame] = []
        for (index, entry) in entries.enumerated() {
            let epochArrays = arrays[index]
            // Colours from the matching over all samples, so subsampling never changes a colour.
            let coloring = ClusterColoring(assignments: epochArrays.assignments, labels: labels, classIds: classIds, clusterCount: k)
            let centerCodes = epochArrays.centers
            let (cx, cy) = projection.apply(codes: centerCodes.values, rows: centerCodes.rows)
            var frame = ScatterFrame(
                title: Self.title(entry, totalEpochs: totalEpochs, mergedStart: run.manifest.start?.partition == .merged),
                subtitle: Self.subtitle(entry, manifest: run.manifest) + sampleNote,
                xs: projected[index].xs, ys: projected[index].ys, predicted: drawn.map { epochArrays.assignments[$0] },
                truth: drawnLabels, classIds: classIds,
                centers: zip(cx, cy).map { (x: Double($0), y: Double($1)) }, coloring: coloring, limits: limits)
            frame.axisTitles = projection.axisTitles
            if let names = run.manifest.dataset.classNames, names.count == classIds.count {
                frame.classNames = Dictionary(uniqueKeysWithValues: zip(classIds, names))
            }
            frames.append(frame)
        }
        self.frames = frames
        self.entries = entries
        self.projection = projection
        self.drawn = drawn
    }

    static func title(_ entry: EpochEntry, totalEpochs: Int, mergedStart: Bool) -> String {
        guard entry.phase == .pretrain else { return "Epoch \(entry.epoch) of \(totalEpochs) · DCN training" }
        return "Epoch 0 · after autoencoder pretraining and " + (mergedStart ? "the boundary-merge start" : "k-means initialisation")
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
