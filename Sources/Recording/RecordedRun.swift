public import DCNMath
import Foundation
import NPYFormat

/// A run folder opened for reading: its manifest, labels, and epochs on demand.
///
/// Only epochs listed in `run.json` whose folder exists are offered, so a run killed midway reads
/// up to its last complete epoch.
public struct RecordedRun: Sendable {
    /// The folder.
    public let directory: URL
    /// `run.json`.
    public let manifest: RunManifest
    /// `timing.json`, when present.
    public let timing: RunTiming?
    /// `labels.npy`, when present.
    public let labels: [Int32]?

    /// Opens a run folder.
    /// - Parameter directory: The folder holding `run.json`.
    /// - Throws: ``RecordingError`` for a missing or malformed `run.json` or `labels.npy`.
    public init(directory: URL) throws {
        self.directory = directory
        let manifestURL = directory.appendingPathComponent("run.json")
        guard let data = FileManager.default.contents(atPath: manifestURL.path) else {
            throw RecordingError(manifestURL.path, "not found; is \(directory.path) a dcn-report run folder?")
        }
        do {
            manifest = try JSONDecoder().decode(RunManifest.self, from: data)
        } catch {
            throw RecordingError(manifestURL.path, "is not a valid run manifest (\(error))")
        }
        timing = FileManager.default.contents(atPath: directory.appendingPathComponent("timing.json").path)
            .flatMap { try? JSONDecoder().decode(RunTiming.self, from: $0) }
        let labelsURL = directory.appendingPathComponent("labels.npy")
        if let labelData = FileManager.default.contents(atPath: labelsURL.path) {
            do {
                labels = try NPYReader.decode(labelData).values.map { Int32($0) }
            } catch {
                throw RecordingError(labelsURL.path, "\(error)")
            }
        } else {
            labels = nil
        }
    }

    /// The recorded epochs whose arrays are present, in order.
    public var availableEpochs: [EpochEntry] {
        manifest.epochs.filter {
            FileManager.default.fileExists(atPath: directory.appendingPathComponent($0.path).appendingPathComponent("latent.npy").path)
        }
    }

    /// Loads one epoch's arrays.
    /// - Parameter entry: An entry of ``availableEpochs``.
    /// - Returns: Latent codes, assignments and centres.
    /// - Throws: ``RecordingError`` for a missing or malformed array.
    public func arrays(for entry: EpochEntry) throws -> EpochArrays {
        let folder = directory.appendingPathComponent(entry.path)
        func load(_ name: String) throws -> NPYArray {
            let url = folder.appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: url.path) else { throw RecordingError(url.path, "not found") }
            do { return try NPYReader.decode(data) } catch { throw RecordingError(url.path, "\(error)") }
        }
        let latent = try load("latent.npy"), assignments = try load("assignments.npy"), centers = try load("centers.npy")
        guard latent.shape.count == 2, centers.shape.count == 2, assignments.shape == [latent.shape[0]] else {
            throw RecordingError(folder.path, "arrays have inconsistent shapes \(latent.shape), \(assignments.shape), \(centers.shape)")
        }
        return EpochArrays(
            latent: Matrix(rows: latent.shape[0], columns: latent.shape[1], values: latent.values.map { Float($0) }),
            assignments: assignments.values.map { Int32($0) },
            centers: Matrix(rows: centers.shape[0], columns: centers.shape[1], values: centers.values.map { Float($0) }))
    }
}

/// One epoch's arrays.
public struct EpochArrays: Sendable {
    /// f(x) per sample, `n × d`.
    public var latent: Matrix
    /// Cluster per sample.
    public var assignments: [Int32]
    /// Centres, `k × d`.
    public var centers: Matrix
}
