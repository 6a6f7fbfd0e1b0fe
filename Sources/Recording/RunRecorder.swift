import Foundation
import NPYFormat
public import Training

/// Writes a run folder as training goes; a ``TrainingObserver``.
///
/// Each epoch's arrays are written into `epochs/NNNN.partial/`, which is renamed to `epochs/NNNN/`
/// once complete; only then is the epoch added to `run.json` (itself replaced atomically). A run
/// killed at any moment therefore leaves a folder that reads correctly up to its last complete epoch.
public final class RunRecorder: TrainingObserver {
    /// The run folder.
    public let directory: URL
    /// What has been recorded so far.
    public private(set) var manifest: RunManifest
    /// Timings recorded so far.
    public private(set) var timing = RunTiming()

    private let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return encoder
    }()

    /// Creates the run folder and writes `run.json` and `labels.npy`.
    /// - Parameters:
    ///   - directory: The run folder; created if missing.
    ///   - manifest: The run's description, without epochs yet.
    ///   - labels: Ground truth to store as `labels.npy`, or nil.
    /// - Throws: ``RecordingError`` when the folder or a file cannot be written.
    public init(directory: URL, manifest: RunManifest, labels: [Int32]?) throws {
        self.directory = directory
        self.manifest = manifest
        do {
            try FileManager.default.createDirectory(at: directory.appendingPathComponent("epochs"), withIntermediateDirectories: true)
        } catch {
            throw RecordingError(directory.path, "cannot create the run folder (\(error.localizedDescription))")
        }
        if let labels {
            try AtomicFile.write(NPYWriter.encode(labels, shape: [labels.count]), to: directory.appendingPathComponent("labels.npy"))
        }
        try writeManifest()
    }

    /// Adds a reference clustering to `run.json`.
    /// - Parameter baseline: The baseline and its scores.
    /// - Throws: ``RecordingError``.
    public func record(_ baseline: Baseline) throws {
        manifest.baselines.append(baseline)
        try writeManifest()
    }

    public func handle(_ event: TrainingEvent) throws {
        switch event {
        case .pretrainingEpochEnded(let epoch, _, let reconstruction, let seconds):
            manifest.pretraining.append(PretrainingEntry(epoch: epoch, reconstruction: reconstruction))
            timing.pretrainingSeconds.append(seconds)
            timing.totalSeconds += seconds
            if epoch % 10 == 0 { try writeManifest() }
        case .snapshot(let snapshot, _):
            try record(snapshot)
        case .finished(let final):
            try record(final)
        }
    }

    /// Marks the run finished (or failed) and writes the summary.
    /// - Parameters:
    ///   - status: `complete`, `diverged` or `failed`.
    ///   - message: Why it stopped early, if it did.
    /// - Throws: ``RecordingError``.
    public func finish(status: RunStatus, message: String? = nil) throws {
        manifest.status = status
        manifest.statusMessage = message
        if let last = manifest.epochs.last {
            manifest.summary = RunSummary(
                finalEpoch: last.epoch, finalMetrics: last.metrics,
                smallestCluster: last.clusterSizes.min() ?? 0,
                emptyClusters: last.clusterSizes.filter { $0 == 0 }.count)
        }
        try writeManifest()
    }

    private func record(_ snapshot: EpochSnapshot) throws {
        let name = String(format: "%04d", snapshot.epoch)
        let epochs = directory.appendingPathComponent("epochs")
        let partial = epochs.appendingPathComponent(name + ".partial")
        let final = epochs.appendingPathComponent(name)
        let fileManager = FileManager.default
        try? fileManager.removeItem(at: partial)
        do {
            try fileManager.createDirectory(at: partial, withIntermediateDirectories: true)
        } catch {
            throw RecordingError(partial.path, "cannot be created (\(error.localizedDescription))")
        }
        let latent = snapshot.latent, centers = snapshot.centers
        try AtomicFile.write(NPYWriter.encode(latent.values, shape: [latent.rows, latent.columns]),
                             to: partial.appendingPathComponent("latent.npy"))
        try AtomicFile.write(NPYWriter.encode(snapshot.assignments, shape: [snapshot.assignments.count]),
                             to: partial.appendingPathComponent("assignments.npy"))
        try AtomicFile.write(NPYWriter.encode(centers.values, shape: [centers.rows, centers.columns]),
                             to: partial.appendingPathComponent("centers.npy"))
        try? fileManager.removeItem(at: final)
        guard rename(partial.path, final.path) == 0 else {
            throw RecordingError(final.path, "cannot be written (\(String(cString: strerror(errno))))")
        }
        manifest.epochs.append(EpochEntry(
            epoch: snapshot.epoch, phase: snapshot.phase, losses: snapshot.losses, metrics: snapshot.metrics,
            clusterSizes: snapshot.clusterSizes, path: "epochs/\(name)"))
        timing.epochSeconds.append(snapshot.seconds)
        timing.totalSeconds += snapshot.seconds
        try writeManifest()
    }

    /// Writes `final/` (online assignments, final k-means) and adds their scores to the baselines.
    private func record(_ final: FinalClustering) throws {
        let folder = directory.appendingPathComponent("final")
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw RecordingError(folder.path, "cannot be created (\(error.localizedDescription))")
        }
        let online = final.onlineAssignments, kmeans = final.finalKMeans
        try AtomicFile.write(NPYWriter.encode(online, shape: [online.count]), to: folder.appendingPathComponent("online_assignments.npy"))
        try AtomicFile.write(NPYWriter.encode(kmeans.assignments, shape: [kmeans.assignments.count]),
                             to: folder.appendingPathComponent("kmeans_assignments.npy"))
        try AtomicFile.write(NPYWriter.encode(kmeans.centers.values, shape: [kmeans.centers.rows, kmeans.centers.columns]),
                             to: folder.appendingPathComponent("kmeans_centers.npy"))
        manifest.start = final.start
        if final.start?.partition == .merged {
            if let metrics = final.aeKMeansMetrics {
                manifest.baselines.append(Baseline(id: "ae-kmeans", title: "AE + k-means", metrics: metrics))
            }
            if let first = manifest.epochs.first, let metrics = first.metrics {
                manifest.baselines.append(Baseline(id: "ae-merged-start", title: "AE + boundary-merge start (epoch 0)", metrics: metrics))
            }
        } else if let metrics = final.aeKMeansMetrics ?? manifest.epochs.first?.metrics {
            manifest.baselines.append(Baseline(id: "ae-kmeans", title: "AE + k-means (epoch 0)", metrics: metrics))
        }
        if let metrics = final.onlineMetrics {
            manifest.baselines.append(Baseline(id: "dcn-online", title: "DCN online assignments", metrics: metrics))
        }
        if let last = manifest.epochs.last, last.epoch > 0, let metrics = last.metrics {
            manifest.baselines.append(Baseline(id: "dcn-nearest-centre", title: "DCN (nearest centre, epoch \(last.epoch))", metrics: metrics))
        }
        if let metrics = final.finalKMeansMetrics {
            manifest.baselines.append(Baseline(id: "dcn-final-kmeans", title: "DCN + final k-means", metrics: metrics))
        }
        try writeManifest()
    }

    private func writeManifest() throws {
        do {
            try AtomicFile.write(try encoder.encode(manifest) + Data("\n".utf8), to: directory.appendingPathComponent("run.json"))
            try AtomicFile.write(try encoder.encode(timing) + Data("\n".utf8), to: directory.appendingPathComponent("timing.json"))
        } catch let error as RecordingError {
            throw error
        } catch {
            throw RecordingError(directory.appendingPathComponent("run.json").path, "cannot be encoded (\(error))")
        }
    }
}
