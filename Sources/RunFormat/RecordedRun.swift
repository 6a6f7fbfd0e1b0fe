public import DCNCore
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
    /// `run.json`'s `settings`, pretty-printed: another trainer's own settings as it gave them, or nil.
    public let settingsText: String?

    /// Opens a run folder.
    /// - Parameter directory: The folder holding `run.json`.
    /// - Throws: ``RecordingError`` for a missing or malformed `run.json` or `labels.npy`.
    public init(directory: URL) throws {
        self.directory = directory
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isFolder) else {
            throw RecordingError(directory.path, "no such folder")
        }
        guard isFolder.boolValue else { throw RecordingError(directory.path, "is a file; give the run folder (the one holding run.json)") }
        let data: Data
        (manifest, data) = try Self.readManifest(in: directory)
        try RunFolderChecks.checkDistinctFolders(manifest.epochs, in: directory, file: directory.appendingPathComponent("run.json").path)
        let raw = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
        settingsText = (raw?["settings"] as? [String: Any])
            .flatMap { try? JSONSerialization.data(withJSONObject: $0, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]) }
            .map { String(decoding: $0, as: UTF8.self) }
        timing = FileManager.default.contents(atPath: directory.appendingPathComponent("timing.json").path)
            .flatMap { try? JSONDecoder().decode(RunTiming.self, from: $0) }
        let labelsURL = directory.appendingPathComponent("labels.npy")
        if let labelData = FileManager.default.contents(atPath: labelsURL.path) {
            let values: [Double]
            do { values = try NPYReader.decode(labelData).values } catch { throw RecordingError(labelsURL.path, "\(error)") }
            labels = try RunFolderChecks.denseLabels(values, samples: manifest.dataset.samples, file: labelsURL.path)
        } else {
            labels = nil
        }
    }

    /// Reads and checks a run folder's `run.json` alone — what a list of many runs needs, without the labels,
    /// timings or epoch arrays.
    /// - Returns: The manifest and the file's bytes.
    /// - Throws: ``RecordingError`` for a missing or malformed `run.json`.
    public static func readManifest(in directory: URL) throws -> (manifest: RunManifest, data: Data) {
        let (manifest, data, file) = try decodeRunJSON(RunManifest.self, in: directory)
        let manifestURL = URL(fileURLWithPath: file)
        try RunFolderChecks.check(manifest, file: manifestURL.path)
        return (manifest, data)
    }

    /// `directory/run.json` decoded as `type` (the full manifest, or a listing's part of it).
    /// - Parameter shortened: What of the file to decode and what to tell the decoder (``RunJSONOutline``
    ///   for a listing); when it gives nil or its document fails to decode, the whole file is decoded, so
    ///   errors name what they name for the full reader.
    /// - Returns: The value, the file's bytes and its path.
    /// - Throws: ``RecordingError`` for a missing or malformed `run.json`.
    static func decodeRunJSON<T: Decodable>(
        _ type: T.Type, in directory: URL, shortened: ((Data) -> (document: Data, userInfo: [CodingUserInfoKey: any Sendable])?)? = nil
    ) throws -> (value: T, data: Data, file: String) {
        let manifestURL = directory.appendingPathComponent("run.json")
        if let size = (try? FileManager.default.attributesOfItem(atPath: manifestURL.path))?[.size] as? Int,
            size > RunFolderChecks.largestManifestBytes
        {
            throw RecordingError(
                manifestURL.path,
                "holds \(size) bytes, more than the \(RunFolderChecks.largestManifestBytes >> 20) MB a run manifest may hold (it lists epochs, not data)"
            )
        }
        guard let data = FileManager.default.contents(atPath: manifestURL.path) else {
            throw RecordingError(manifestURL.path, "not found; is \(directory.path) a dcn-report run folder?")
        }
        do {
            if let short = shortened?(data) {
                let decoder = JSONDecoder()
                for (key, value) in short.userInfo { decoder.userInfo[key] = value }
                if let value = try? decoder.decode(T.self, from: short.document) { return (value, data, manifestURL.path) }
            }
            return (try JSONDecoder().decode(T.self, from: data), data, manifestURL.path)
        } catch {
            throw RecordingError(manifestURL.path, "is not a valid run manifest (\(describe(error)))")
        }
    }

    /// Whether another tool than dcn-report wrote the folder (`tool.name`), e.g. the Python package.
    public var isForeign: Bool { manifest.tool.name != ToolInfo().name }

    /// λ, when the recording gives it.
    public var lambda: Double? { manifest.configuration.lambda.map(Double.init) }

    /// The number of training epochs the run was set to, when the recording gives it.
    public var plannedEpochs: Int? { manifest.configuration.epochs }

    /// What a decoding error says, without Swift's type names where a plain sentence exists.
    static func describe(_ error: Error) -> String {
        switch error {
        case DecodingError.dataCorrupted(let context): return context.debugDescription
        case DecodingError.keyNotFound(let key, let context):
            return "missing '\((context.codingPath + [key]).map(\.stringValue).joined(separator: "."))'"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            return "'\(context.codingPath.map(\.stringValue).joined(separator: "."))': \(context.debugDescription)"
        default: return "\(error)"
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
        func bytes(_ name: String) throws -> (URL, Data) {
            let url = folder.appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: url.path) else { throw RecordingError(url.path, "not found") }
            return (url, data)
        }
        // Codes and centres are float32 in the file and stay Float here (no wider copy).
        func matrix(_ name: String) throws -> Matrix {
            let (url, data) = try bytes(name)
            do {
                let (header, values) = try NPYReader.decodeFloats(data)
                guard header.shape.count == 2 else { throw RecordingError(url.path, "expected a 2-D array, found shape \(header.shape)") }
                return Matrix(rows: header.shape[0], columns: header.shape[1], values: values)
            } catch let error as RecordingError { throw error } catch { throw RecordingError(url.path, "\(error)") }
        }
        let latent = try matrix("latent.npy"), centers = try matrix("centers.npy")
        let (assignmentsURL, assignmentBytes) = try bytes("assignments.npy")
        let assignments: NPYArray
        do { assignments = try NPYReader.decode(assignmentBytes) } catch { throw RecordingError(assignmentsURL.path, "\(error)") }
        guard assignments.shape.count == 1 else {
            throw RecordingError(assignmentsURL.path, "expected a 1-D array, found shape \(assignments.shape)")
        }
        try RunFolderChecks.check(latent: latent, assignments: assignments.values, centers: centers, manifest: manifest, folder: folder.path)
        // Format 3 adds the decoded centres; older folders have none. They are optional: unusable ones are left out.
        var decoded: Matrix?
        if FileManager.default.fileExists(atPath: folder.appendingPathComponent("decoded_centers.npy").path),
            let matrix = try? matrix("decoded_centers.npy"), matrix.rows == centers.rows, matrix.columns >= 1,
            matrix.values.allSatisfy(\.isFinite)
        {
            decoded = matrix
        }
        return EpochArrays(latent: latent, assignments: assignments.values.map { Int32($0) }, centers: centers, decodedCenters: decoded)
    }
}

extension RecordedRun {
    /// The available epochs whose arrays pass every check, loaded: all of them, or those before the first
    /// that fails, with a warning naming it (a bad later epoch ends the report there, as a killed run does).
    /// - Parameters:
    ///   - lastOnly: Only the last available epoch.
    ///   - epoch: Only this epoch (none when it is not available).
    /// - Throws: ``RecordingError`` when there is no epoch, or the first one fails.
    ///   - maxEpochs: At most this many, chosen before any array is read (``evenlySpaced(_:atMost:)``).
    public func checkedEpochs(lastOnly: Bool = false, epoch: Int? = nil, maxEpochs: Int? = nil) throws -> (
        entries: [EpochEntry], arrays: [EpochArrays], warning: String?
    ) {
        let available = availableEpochs
        let candidates =
            epoch.map { wanted in available.filter { $0.epoch == wanted } }
            ?? (lastOnly ? Array(available.suffix(1)) : Self.evenlySpaced(available, atMost: maxEpochs))
        guard !candidates.isEmpty else { throw RecordingError(directory.path, "has no complete epoch to render") }
        var entries: [EpochEntry] = [], arrays: [EpochArrays] = []
        for entry in candidates {
            do {
                arrays.append(try self.arrays(for: entry))
                entries.append(entry)
            } catch {
                guard let last = entries.last else { throw error }
                return (entries, arrays, "\(error); the report ends at epoch \(last.epoch)")
            }
        }
        return (entries, arrays, missingEpochsWarning(available: available))
    }

    /// A warning naming the first listed epoch whose codes are missing (the recorder writes an epoch's
    /// arrays before listing it, so a listed epoch without them was damaged), or nil.
    /// - Parameter available: ``availableEpochs``, as the caller already read it.
    func missingEpochsWarning(available: [EpochEntry]) -> String? {
        let present = Set(available.map(\.epoch))
        let missing = manifest.epochs.filter { !present.contains($0.epoch) }
        guard let first = missing.first else { return nil }
        let file = directory.appendingPathComponent(first.path).appendingPathComponent("latent.npy").path
        let left = missing.count == 1 ? "epoch \(first.epoch)" : "\(missing.count) listed epochs"
        return "\(file): not found; the report leaves out \(left)"
    }
}

extension RecordedRun {
    /// At most `cap` of `epochs`, evenly spaced, always with the first (the start, epoch 0) and the last (the
    /// run's labelling); all of them when there are no more than `cap` (or no cap).
    public static func evenlySpaced(_ epochs: [EpochEntry], atMost cap: Int?) -> [EpochEntry] {
        guard let cap, epochs.count > max(cap, 2) else { return epochs }
        let count = max(cap, 2), last = epochs.count - 1
        var picked: [Int] = []
        for i in 0..<count {
            let index = Int((Double(i) * Double(last) / Double(count - 1)).rounded())
            if picked.last != index { picked.append(index) }
        }
        return picked.map { epochs[$0] }
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
    /// The decoder's image of each centre, `k × D` in the scaled input space (format 3 and later).
    public var decodedCenters: Matrix?
}

/// The samples a report's galleries show for one epoch (`gallery/NNNN/`, format 3, image data only).
public struct GalleryArrays: Sendable {
    /// Clusters k.
    public let clusters: Int
    /// Samples per group.
    public let perGroup: Int
    /// `k × 3 × perGroup` sample indices (nearest to the centre, random, least certain), −1 padded.
    public let members: [Int32]
    /// `classes × perGroup` sample indices placed in a cluster matched to another class, −1 padded.
    public let misplaced: [Int32]
    /// Classes in ``misplaced`` (0 without labels).
    public let classes: Int
    /// Input row of each selected sample, by sample index.
    public let inputs: [Int32: [Float]]
}

extension RecordedRun {
    /// The gallery recorded for `epoch`, or nil when there is none.
    /// - Throws: ``RecordingError`` for a malformed gallery.
    public func gallery(epoch: Int) throws -> GalleryArrays? {
        let folder = directory.appendingPathComponent(String(format: "gallery/%04d", epoch))
        guard FileManager.default.fileExists(atPath: folder.appendingPathComponent("members.npy").path) else { return nil }
        func load(_ name: String) throws -> NPYArray? {
            let url = folder.appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
            do { return try NPYReader.decode(data) } catch { throw RecordingError(url.path, "\(error)") }
        }
        guard let members = try load("members.npy"), members.shape.count == 3, members.shape[1] == 3,
            let samples = try load("samples.npy"),
            let inputData = FileManager.default.contents(atPath: folder.appendingPathComponent("inputs.npy").path)
        else { throw RecordingError(folder.path, "is not a complete gallery (members.npy, samples.npy, inputs.npy)") }
        let (header, values) = try { () throws -> (NPYHeader, [Float]) in
            do { return try NPYReader.decodeFloats(inputData) } catch {
                throw RecordingError(folder.appendingPathComponent("inputs.npy").path, "\(error)")
            }
        }()
        guard header.shape.count == 2, header.shape[0] == samples.values.count else {
            throw RecordingError(folder.path, "inputs.npy holds \(header.shape) for \(samples.values.count) samples")
        }
        let width = header.shape[1], samplesCount = manifest.dataset.samples
        guard width == manifest.dataset.dimensions, values.allSatisfy(\.isFinite) else {
            throw RecordingError(folder.appendingPathComponent("inputs.npy").path, "rows must hold \(manifest.dataset.dimensions) finite values")
        }
        guard members.shape[0] == manifest.configuration.clusterCount, (1...1_000).contains(members.shape[2]),
            members.values.allSatisfy({ $0 == $0.rounded() && $0 >= -1 && $0 < Double(samplesCount) })
        else {
            throw RecordingError(
                folder.appendingPathComponent("members.npy").path,
                "expected k × 3 × m sample indices (−1 pads) for k = \(manifest.configuration.clusterCount)")
        }
        guard samples.values.allSatisfy({ $0 == $0.rounded() && $0 >= 0 && $0 < Double(samplesCount) }) else {
            throw RecordingError(folder.appendingPathComponent("samples.npy").path, "holds an index outside 0…\(samplesCount - 1)")
        }
        var inputs: [Int32: [Float]] = [:]
        for (row, sample) in samples.values.enumerated() { inputs[Int32(sample)] = Array(values[(row * width)..<((row + 1) * width)]) }
        let misplaced = try load("misplaced.npy")
        if let misplaced {
            let classes = Set(labels ?? []).count
            guard misplaced.shape.count == 2, misplaced.shape[0] == classes, misplaced.shape[1] == members.shape[2],
                misplaced.values.allSatisfy({ $0 == $0.rounded() && $0 >= -1 && $0 < Double(samplesCount) })
            else {
                throw RecordingError(
                    folder.appendingPathComponent("misplaced.npy").path,
                    "expected \(classes) × \(members.shape[2]) sample indices (one row per class, −1 pads)")
            }
        }
        return GalleryArrays(
            clusters: members.shape[0], perGroup: members.shape[2], members: members.values.map { Int32($0) },
            misplaced: misplaced?.values.map { Int32($0) } ?? [], classes: misplaced?.shape.first ?? 0, inputs: inputs)
    }

    /// Each cluster's standardised feature means recorded for `epoch` (tabular data), or nil.
    /// - Throws: ``RecordingError`` for a malformed file.
    public func featureMeans(epoch: Int) throws -> Matrix? {
        let url = directory.appendingPathComponent(String(format: "gallery/%04d/feature_means.npy", epoch))
        guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
        do {
            let (header, values) = try NPYReader.decodeFloats(data)
            guard header.shape == [manifest.configuration.clusterCount, manifest.dataset.dimensions], values.allSatisfy(\.isFinite) else {
                throw RecordingError(
                    url.path,
                    "expected \(manifest.configuration.clusterCount) × \(manifest.dataset.dimensions) finite values (k × features), found shape \(header.shape)"
                )
            }
            return Matrix(rows: header.shape[0], columns: header.shape[1], values: values)
        } catch let error as RecordingError { throw error } catch { throw RecordingError(url.path, "\(error)") }
    }
}
