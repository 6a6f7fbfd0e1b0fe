public import DCNCore
public import Foundation
public import RunFormat
public import Training

/// Records a training run into a run folder as it goes: a ``TrainingObserver`` that turns the
/// trainer's events into the run format (``RunFolderWriter`` does the writing).
public final class RunRecorder: TrainingObserver {
    private let writer: RunFolderWriter
    /// The raw inputs and labels galleries are drawn from, when the data are images.
    private let galleryInputs: Matrix?
    private let galleryLabels: [Int32]?
    private var lastSnapshot: EpochSnapshot?

    /// The run folder.
    public var directory: URL { writer.directory }
    /// What has been recorded so far.
    public var manifest: RunManifest { writer.manifest }
    /// Timings recorded so far.
    public var timing: RunTiming { writer.timing }

    /// Creates the run folder and writes `run.json` and `labels.npy`.
    /// - Parameters:
    ///   - directory: The run folder; created if missing.
    ///   - manifest: The run's description, without epochs yet.
    ///   - labels: Ground truth to store as `labels.npy`, or nil.
    /// - Throws: ``RunFormat/RecordingError`` when the folder or a file cannot be written.
    ///   - galleryInputs: The unscaled input rows, to record at epoch 0 and the last epoch (`gallery/`) the
    ///     samples the galleries show (image data) or each cluster's standardised feature means (tabular data),
    ///     or nil for neither.
    public init(directory: URL, manifest: RunManifest, labels: [Int32]?, galleryInputs: Matrix? = nil) throws {
        writer = try RunFolderWriter(directory: directory, manifest: manifest, labels: labels)
        self.galleryInputs = galleryInputs
        galleryLabels = labels
    }

    /// Adds a reference clustering to `run.json`.
    /// - Parameter baseline: The baseline and its scores.
    /// - Throws: ``RunFormat/RecordingError``.
    public func record(_ baseline: Baseline) throws {
        writer.manifest.baselines.append(baseline)
        try writer.writeManifest()
    }

    public func handle(_ event: TrainingEvent) throws {
        switch event {
        case .pretrainingEpochEnded(let epoch, _, let reconstruction, let seconds):
            writer.manifest.pretraining.append(PretrainingEntry(epoch: epoch, reconstruction: reconstruction))
            writer.timing.pretrainingSeconds.append(seconds)
            writer.timing.totalSeconds += seconds
            if epoch % 10 == 0 { try writer.writeManifest() }
        case .snapshot(let snapshot, _):
            var entry = EpochEntry(
                epoch: snapshot.epoch, phase: snapshot.phase, losses: snapshot.losses,
                metrics: snapshot.metrics, clusterSizes: snapshot.clusterSizes)
            entry.refilledClusters = snapshot.refilledClusters.isEmpty ? nil : snapshot.refilledClusters
            try writer.appendEpoch(
                entry, latent: snapshot.latent, assignments: snapshot.assignments,
                centers: snapshot.centers, decodedCenters: snapshot.decodedCenters, seconds: snapshot.seconds)
            if snapshot.epoch == 0 { try recordGallery(snapshot) }
            lastSnapshot = snapshot
        case .finished(let final):
            if let last = lastSnapshot, last.epoch > 0 { try recordGallery(last) }
            try record(final)
        }
    }

    private func recordGallery(_ snapshot: EpochSnapshot) throws {
        guard let inputs = galleryInputs else { return }
        guard writer.manifest.dataset.imageShape != nil else {
            try writer.writeFeatureMeans(
                epoch: snapshot.epoch,
                means: Self.standardisedMeans(
                    inputs, assignments: snapshot.assignments,
                    clusterCount: snapshot.centers.rows))
            return
        }
        let selection = GallerySelection(
            latent: snapshot.latent, centers: snapshot.centers, assignments: snapshot.assignments,
            labels: galleryLabels, seed: (writer.manifest.configuration.seed ?? 0) &+ UInt64(snapshot.epoch))
        let samples = selection.samples
        try writer.writeGallery(
            epoch: snapshot.epoch,
            members: (selection.members, snapshot.centers.rows, GallerySelection.perGroup),
            misplaced: (selection.misplaced, selection.classCount), samples: samples,
            inputs: inputs.rows(samples.map(Int.init)))
    }

    /// Each cluster's mean of every input feature standardised over all samples (0 for a constant feature).
    static func standardisedMeans(_ inputs: Matrix, assignments: [Int32], clusterCount: Int) -> Matrix {
        let d = inputs.columns, n = inputs.rows
        var mean = [Double](repeating: 0, count: d), square = [Double](repeating: 0, count: d)
        var sums = [Double](repeating: 0, count: clusterCount * d), counts = [Int](repeating: 0, count: clusterCount)
        for i in 0..<n {
            let cluster = Int(assignments[i])
            counts[cluster] += 1
            for j in 0..<d {
                let v = Double(inputs.values[i * d + j])
                mean[j] += v
                square[j] += v * v
                sums[cluster * d + j] += v
            }
        }
        var means = Matrix(rows: clusterCount, columns: d)
        for j in 0..<d {
            let m = mean[j] / Double(max(n, 1))
            let sd = max(square[j] / Double(max(n, 1)) - m * m, 0).squareRoot()
            for c in 0..<clusterCount where counts[c] > 0 && sd > 0 {
                means.values[c * d + j] = Float((sums[c * d + j] / Double(counts[c]) - m) / sd)
            }
        }
        return means
    }

    /// Marks the run finished (or failed) and writes the summary.
    /// - Parameters:
    ///   - status: `complete`, `diverged`, `interrupted` or `failed`.
    ///   - message: Why it stopped early, if it did.
    /// - Throws: ``RunFormat/RecordingError``.
    public func finish(status: RunStatus, message: String? = nil) throws {
        try writer.finish(status: status, message: message)
    }

    /// Writes `final/` (online assignments, final k-means) and adds every labelling's scores to the baselines.
    private func record(_ final: FinalClustering) throws {
        try writer.writeFinal(
            onlineAssignments: final.onlineAssignments, kmeansAssignments: final.finalKMeans.assignments,
            kmeansCenters: final.finalKMeans.centers)
        var manifest = writer.manifest
        manifest.start = final.start
        if let partition = final.start?.partition, partition.isHeld {
            if let metrics = final.aeKMeansMetrics {
                manifest.baselines.append(Baseline(.aeKMeans, metrics: metrics))
            }
            // An input start is the raw k-means baseline's partition, already in the table.
            if partition != .input, let first = manifest.epochs.first, let metrics = first.metrics {
                manifest.baselines.append(Baseline(partition == .joint ? .aeJointStart : .aeMergedStart, epoch: 0, metrics: metrics))
            }
        } else if let metrics = final.aeKMeansMetrics ?? manifest.epochs.first?.metrics {
            manifest.baselines.append(Baseline(.aeKMeans, epoch: 0, metrics: metrics))
        }
        // Without DCN epochs (--epochs 0) there is no DCN labelling: only the start and its baselines.
        let trained = (manifest.epochs.last?.epoch ?? 0) > 0
        if trained, let metrics = final.onlineMetrics {
            manifest.baselines.append(Baseline(.dcnOnline, metrics: metrics))
        }
        manifest.outcome = final.outcome
        if let outcome = final.outcome, outcome.kept == .start {
            // The last epoch holds the kept start; DCN's own last epoch is the one before it.
            if let dcn = manifest.epochs.first(where: { $0.epoch == outcome.dcnEpoch }), let metrics = dcn.metrics {
                manifest.baselines.append(Baseline(.dcnNearestCentre, epoch: dcn.epoch, metrics: metrics))
            }
            if let last = manifest.epochs.last, let metrics = last.metrics {
                manifest.baselines.append(Baseline(.keptStart, epoch: last.epoch, metrics: metrics))
            }
        } else if let last = manifest.epochs.last, last.epoch > 0, let metrics = last.metrics {
            manifest.baselines.append(Baseline(.dcnNearestCentre, epoch: last.epoch, metrics: metrics))
        }
        if trained, let metrics = final.finalKMeansMetrics {
            manifest.baselines.append(Baseline(.dcnFinalKMeans, metrics: metrics))
        }
        writer.manifest = manifest
        try writer.writeManifest()
    }
}
