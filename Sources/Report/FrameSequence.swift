import Scoring
import DCNCore
import Embedding
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
    /// Whether the run started from a held partition (``StartPartition/isHeld``: boundary merge, joint or input k-means; see ``startKeptThrough``).
    public let startWasHeld: Bool
    /// Why the frames end before the last listed epoch, when an epoch's arrays failed their checks.
    public let warning: String?

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
    ///   - onlyEpoch: Build only this epoch's frame, framed and projected on that epoch alone (a served live view).
    ///   - view: How codes wider than 2-D are shown: one PCA basis, or t-SNE steady across epochs.
    ///   - tsnePointCap: Most points a t-SNE view embeds (a stratified subsample of the drawn points).
    ///   - progress: Called after each epoch's t-SNE with (done, total).
    ///   - maxFrames: At most this many frames, evenly spaced with the first and last, chosen before any array is
    ///     read: the axis limits, the PCA basis and the t-SNE come from the chosen epochs alone.
    public init(
        run: RecordedRun, pointCap: Int = 30_000, equalAspectPanel: (Double, Double)? = nil, lastEpochOnly: Bool = false,
        onlyEpoch: Int? = nil, view: LatentView = .pca, tsnePointCap: Int = 2_500, maxFrames: Int? = nil,
        progress: ((Int, Int) -> Void)? = nil
    ) throws {
        let (entries, arrays, warning) = try run.checkedEpochs(lastOnly: lastEpochOnly, epoch: onlyEpoch, maxEpochs: maxFrames)
        self.warning = warning
        let labels = run.labels
        let count = arrays.first?.latent.rows ?? 0
        let dimensions = arrays.last?.latent.columns ?? 2
        let useTSNE = view == .tsne && dimensions > 2 && count >= 4
        let drawn = Subsample.indices(labels: labels, count: count, cap: useTSNE ? min(pointCap, tsnePointCap) : pointCap)
        let projection =
            arrays.last.map { Projection.pca(codes: $0.latent.values, rows: $0.latent.rows, dimensions: $0.latent.columns) }
            ?? .identity(dimensions: 2)
        let projected: [(xs: [Float], ys: [Float])]
        var viewNote = ""
        if useTSNE {
            projected = Self.tsneViews(arrays, drawn: drawn, dimensions: dimensions, progress: progress)
            viewNote = "   t-SNE of the \(dimensions)-D codes; centres: members' mean"
        } else {
            projected = arrays.map { a -> (xs: [Float], ys: [Float]) in
                let (xs, ys) = projection.apply(codes: a.latent.values, rows: a.latent.rows)
                return (drawn.map { xs[$0] }, drawn.map { ys[$0] })
            }
        }
        var limits = AxisLimits.union(of: projected)
        if let (panelWidth, panelHeight) = equalAspectPanel {
            limits = limits.equalAspect(panelWidth: panelWidth, panelHeight: panelHeight)
        }
        let drawnLabels = labels.map { l in drawn.map { l[$0] } }
        let classIds = labels.map { Array(Set($0)).sorted() } ?? []
        let k = run.manifest.configuration.clusterCount
        let totalEpochs = run.plannedEpochs
        let sampleNote = drawn.count < count ? "   \(drawn.count) of \(count) points shown (stratified)" : ""
        var frames: [ScatterFrame] = []
        for (index, entry) in entries.enumerated() {
            let epochArrays = arrays[index]
            // Colours from the matching over all samples, so subsampling never changes a colour.
            let coloring = ClusterColoring(assignments: epochArrays.assignments, labels: labels, classIds: classIds, clusterCount: k)
            let centers: [(x: Double, y: Double)]
            if useTSNE {
                centers = Self.memberMeans(projected[index], assignments: drawn.map { epochArrays.assignments[$0] }, clusterCount: k)
            } else {
                let (cx, cy) = projection.apply(codes: epochArrays.centers.values, rows: epochArrays.centers.rows)
                centers = zip(cx, cy).map { (x: Double($0), y: Double($1)) }
            }
            var frame = ScatterFrame(
                title: Self.title(
                    entry, totalEpochs: totalEpochs, start: run.manifest.start?.partition ?? run.manifest.configuration.startPartition,
                    foreign: run.isForeign),
                subtitle: Self.subtitle(entry, manifest: run.manifest, lambda: run.lambda) + sampleNote + viewNote,
                xs: projected[index].xs, ys: projected[index].ys, predicted: drawn.map { epochArrays.assignments[$0] },
                truth: drawnLabels, classIds: classIds,
                centers: centers, coloring: coloring, limits: limits)
            frame.axisTitles = useTSNE ? ("t-SNE 1", "t-SNE 2") : projection.axisTitles
            if let names = run.manifest.dataset.classNames, names.count == classIds.count {
                frame.classNames = Dictionary(uniqueKeysWithValues: zip(classIds, names))
            }
            frames.append(frame)
        }
        self.frames = frames
        self.entries = entries
        startWasHeld = run.manifest.start?.partition.isHeld ?? false
        self.projection = projection
        self.drawn = drawn
    }

    /// t-SNE views of the drawn points' codes, steady across epochs (see ``Embedding/SteadyEmbedding``),
    /// starting from the last epoch's PCA.
    static func tsneViews(_ arrays: [EpochArrays], drawn: [Int], dimensions: Int, progress: ((Int, Int) -> Void)?) -> [(xs: [Float], ys: [Float])] {
        let codes = arrays.map { a in drawn.flatMap { a.latent.values[($0 * dimensions)..<(($0 + 1) * dimensions)] } }
        let pca = Projection.pca(codes: codes[codes.count - 1], rows: drawn.count, dimensions: dimensions)
        let start = TSNE.pcaStart(
            points: codes[codes.count - 1], count: drawn.count, dimensions: dimensions,
            components: (pca.axes[0], pca.axes[1], pca.mean))
        let views = SteadyEmbedding.embed(epochs: codes, count: drawn.count, dimensions: dimensions, start: start, progress: progress)
        return views.map { view in
            (stride(from: 0, to: view.count, by: 2).map { Float(view[$0]) }, stride(from: 1, to: view.count, by: 2).map { Float(view[$0]) })
        }
    }

    /// Each cluster's centre in a view: the mean position of its drawn members (NaN, not drawn, when it has none).
    static func memberMeans(_ view: (xs: [Float], ys: [Float]), assignments: [Int32], clusterCount: Int) -> [(x: Double, y: Double)] {
        var sums = [(x: Double, y: Double, n: Int)](repeating: (0, 0, 0), count: clusterCount)
        for (index, cluster) in assignments.enumerated() where Int(cluster) < clusterCount {
            sums[Int(cluster)].x += Double(view.xs[index])
            sums[Int(cluster)].y += Double(view.ys[index])
            sums[Int(cluster)].n += 1
        }
        return sums.map { $0.n > 0 ? (x: $0.x / Double($0.n), y: $0.y / Double($0.n)) : (x: .nan, y: .nan) }
    }

    /// The frame's title; a run written by another trainer (`foreign`) is not called DCN. `start` is the
    /// start the run used, or while it trains the one it asked for.
    static func title(_ entry: EpochEntry, totalEpochs: Int?, start: StartPartition?, foreign: Bool = false) -> String {
        let epoch = "Epoch \(entry.epoch)" + (totalEpochs.map { " of \($0)" } ?? "")
        if foreign { return epoch + (entry.phase == .pretrain ? " · after pretraining" : " · training") }
        guard entry.phase == .pretrain else { return epoch + " · DCN training" }
        switch start {
        case .merged: return "Epoch 0 · after autoencoder pretraining and the boundary-merge start"
        case .joint: return "Epoch 0 · after autoencoder pretraining and the joint k-means start"
        case .input: return "Epoch 0 · after autoencoder pretraining and the input k-means start"
        // A live run records which start `auto` chose only when training ends.
        case .auto: return "Epoch 0 · after autoencoder pretraining and the start"
        default: return "Epoch 0 · after autoencoder pretraining and k-means initialisation"
        }
    }

    /// Scores, loss, data set and λ (when the recording gives it).
    static func subtitle(_ entry: EpochEntry, manifest: RunManifest, lambda: Double?) -> String {
        var parts: [String] = []
        if let m = entry.metrics {
            parts.append(String(format: "NMI %.3f · ARI %.3f · ACC %.3f", m.nmi, m.ari, m.acc))
        }
        if let total = entry.losses.total { parts.append(String(format: "loss %.4g", total)) }
        let empty = entry.clusterSizes.filter { $0 == 0 }.count
        if empty > 0 { parts.append("\(empty) empty cluster\(empty == 1 ? "" : "s")!") }
        parts.append("\(manifest.dataset.name), N = \(manifest.dataset.samples)" + (lambda.map { ", λ = \(formatNumber($0))" } ?? ""))
        return parts.joined(separator: "   ")
    }
}

/// A number in its shortest readable form: `1`, `0.05`, `2.5e-05`.
func formatNumber(_ value: Double) -> String {
    if value == value.rounded() && abs(value) < 1e9 { return String(Int(value)) }
    return String(format: "%g", value)
}
