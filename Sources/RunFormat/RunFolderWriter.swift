import AtomicWrite
public import DCNCore
public import Foundation
import NPYFormat

/// Writes a run folder in the documented format (docs/recording-format.md), crash-safely.
///
/// Each epoch's arrays are written into `epochs/NNNN.partial/`, which is renamed to `epochs/NNNN/`
/// once complete; only then is the epoch added to `run.json` (itself replaced atomically). A run
/// killed at any moment therefore leaves a folder that reads correctly up to its last complete epoch.
public final class RunFolderWriter {
    /// The run folder.
    public let directory: URL
    /// What has been written so far; change it, then call ``writeManifest()``.
    public var manifest: RunManifest
    /// Timings written so far (to `timing.json`, beside `run.json`).
    public var timing = RunTiming()

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
            try write(NPYWriter.encode(labels, shape: [labels.count]), to: directory.appendingPathComponent("labels.npy"))
        }
        // Who writes the folder, so that `dcn-report serve` can tell a dead run from a training one.
        try write(encoder.encode(RunProcess.current()), to: directory.appendingPathComponent("process.json"))
        try writeManifest()
    }

    /// Writes one epoch's arrays, then lists the epoch in `run.json`.
    /// - Parameters:
    ///   - entry: The epoch's manifest entry; its `path` is set here.
    ///   - latent: f(x) per sample.
    ///   - assignments: Cluster per sample.
    ///   - centers: The centres.
    ///   - decodedCenters: The decoder's image of each centre, or nil.
    ///   - seconds: Wall-clock seconds of the epoch, for `timing.json`.
    /// - Throws: ``RecordingError``.
    public func appendEpoch(
        _ entry: EpochEntry, latent: Matrix, assignments: [Int32], centers: Matrix, decodedCenters: Matrix? = nil, seconds: Double
    ) throws {
        let name = String(format: "%04d", entry.epoch)
        let epochs = directory.appendingPathComponent("epochs")
        let partial = epochs.appendingPathComponent(name + ".partial")
        let final = epochs.appendingPathComponent(name)
        try? FileManager.default.removeItem(at: partial)
        try Self.createFolder(partial)
        try write(NPYWriter.encode(latent.values, shape: [latent.rows, latent.columns]), to: partial.appendingPathComponent("latent.npy"))
        try write(NPYWriter.encode(assignments, shape: [assignments.count]), to: partial.appendingPathComponent("assignments.npy"))
        try write(NPYWriter.encode(centers.values, shape: [centers.rows, centers.columns]), to: partial.appendingPathComponent("centers.npy"))
        if let decodedCenters {
            try write(
                NPYWriter.encode(decodedCenters.values, shape: [decodedCenters.rows, decodedCenters.columns]),
                to: partial.appendingPathComponent("decoded_centers.npy"))
        }
        try? FileManager.default.removeItem(at: final)
        do { try AtomicFile.commit(partial.path, to: final.path) } catch { throw RecordingError(final.path, "cannot be written (\(error.reason))") }
        var listed = entry
        listed.path = "epochs/\(name)"
        manifest.epochs.append(listed)
        timing.epochSeconds.append(seconds)
        timing.totalSeconds += seconds
        try writeManifest()
    }

    /// Writes `gallery/NNNN/` for one epoch: the samples a report's galleries show and their input rows.
    /// - Parameters:
    ///   - epoch: The epoch the selection belongs to.
    ///   - members: `k × 3 × m` sample indices (nearest to the centre, random, least certain), −1 padded.
    ///   - misplaced: `classes × m` sample indices, −1 padded (empty without labels).
    ///   - samples: Every selected sample once, ascending.
    ///   - inputs: Those samples' input rows (unscaled), `samples.count × D`.
    /// - Throws: ``RecordingError``.
    public func writeGallery(
        epoch: Int, members: (values: [Int32], clusters: Int, perGroup: Int),
        misplaced: (values: [Int32], classes: Int), samples: [Int32], inputs: Matrix
    ) throws {
        let folder = directory.appendingPathComponent(String(format: "gallery/%04d", epoch))
        try Self.createFolder(folder)
        try write(NPYWriter.encode(members.values, shape: [members.clusters, 3, members.perGroup]), to: folder.appendingPathComponent("members.npy"))
        if misplaced.classes > 0 {
            try write(
                NPYWriter.encode(misplaced.values, shape: [misplaced.classes, members.perGroup]), to: folder.appendingPathComponent("misplaced.npy"))
        }
        try write(NPYWriter.encode(samples, shape: [samples.count]), to: folder.appendingPathComponent("samples.npy"))
        try write(NPYWriter.encode(inputs.values, shape: [inputs.rows, inputs.columns]), to: folder.appendingPathComponent("inputs.npy"))
    }

    /// Writes `gallery/NNNN/feature_means.npy` for tabular data: each cluster's mean of every standardised
    /// input feature (feature minus its mean over all samples, over its standard deviation), `k × D`.
    /// - Throws: ``RecordingError``.
    public func writeFeatureMeans(epoch: Int, means: Matrix) throws {
        let folder = directory.appendingPathComponent(String(format: "gallery/%04d", epoch))
        try Self.createFolder(folder)
        try write(NPYWriter.encode(means.values, shape: [means.rows, means.columns]), to: folder.appendingPathComponent("feature_means.npy"))
    }

    /// Writes `final/`: the online assignments and a final k-means's assignments and centres.
    /// - Throws: ``RecordingError``.
    public func writeFinal(onlineAssignments: [Int32], kmeansAssignments: [Int32], kmeansCenters: Matrix) throws {
        let folder = directory.appendingPathComponent("final")
        try Self.createFolder(folder)
        try write(
            NPYWriter.encode(onlineAssignments, shape: [onlineAssignments.count]),
            to: folder.appendingPathComponent("online_assignments.npy"))
        try write(
            NPYWriter.encode(kmeansAssignments, shape: [kmeansAssignments.count]),
            to: folder.appendingPathComponent("kmeans_assignments.npy"))
        try write(
            NPYWriter.encode(kmeansCenters.values, shape: [kmeansCenters.rows, kmeansCenters.columns]),
            to: folder.appendingPathComponent("kmeans_centers.npy"))
    }

    /// Marks the run finished (or failed) and writes the summary.
    /// - Parameters:
    ///   - status: `complete`, `diverged`, `interrupted` or `failed`.
    ///   - message: Why it stopped early, if it did.
    /// - Throws: ``RecordingError``.
    public func finish(status: RunStatus, message: String? = nil) throws {
        manifest.status = status
        manifest.statusMessage = message
        if let last = manifest.epochs.last {
            manifest.summary = RunSummary(
                finalEpoch: last.epoch, finalMetrics: last.metrics,
                smallestCluster: last.clusterSizes.min() ?? 0,
                emptyClusters: last.clusterSizes.filter { $0 == 0 }.count,
                collapsedClusters: CollapseRule.collapsedClusters(sizes: last.clusterSizes).count)
        }
        try writeManifest()
    }

    /// Replaces `run.json` and `timing.json` with the current ``manifest`` and ``timing``.
    /// - Throws: ``RecordingError``.
    public func writeManifest() throws {
        let manifestURL = directory.appendingPathComponent("run.json")
        let json: Data, timingJSON: Data
        do {
            json = try encoder.encode(manifest) + Data("\n".utf8)
            timingJSON = try encoder.encode(timing) + Data("\n".utf8)
        } catch {
            throw RecordingError(manifestURL.path, "cannot be encoded (\(error))")
        }
        try write(json, to: manifestURL)
        try write(timingJSON, to: directory.appendingPathComponent("timing.json"))
    }

    private func write(_ data: Data, to url: URL) throws {
        do { try AtomicFile.write(data, to: url) } catch { throw RecordingError(url.path, "cannot be written (\(error.reason))") }
    }

    private static func createFolder(_ url: URL) throws {
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        } catch {
            throw RecordingError(url.path, "cannot be created (\(error.localizedDescription))")
        }
    }
}
