import DCNCore
import Datasets
public import Foundation
public import SettingFiles
import Training

/// A sweep's runs, each checked as `train` would check it: its typed request, its pretraining group (runs
/// that pretrain identically share one pretraining) and the BLAS threads it will use.
public struct SweepPlan {
    /// One run of the plan.
    public struct Entry {
        /// Name, `train` flags (built from ``request``), swept values and seed, as `sweep.json` lists them.
        public let run: SweepRun
        public let request: RunRequest
        public let pretrainingGroup: String
        public let threads: Int
    }

    public let entries: [Entry]
    /// The flags with more than one alternative (the seed excluded), in the order given.
    public let sweptFlags: [String]

    /// Parses and checks every cell of `grid`, loading each distinct data set once.
    /// - Parameters:
    ///   - grid: The sweep's cells.
    ///   - parse: The command line's parser for `train`'s flags.
    /// - Throws: ``FlagValueError`` naming the first run whose flags or settings do not fit.
    public init(grid: SweepGrid, parse: ([String]) throws -> RunRequest) throws {
        var data: [String: (Dataset, DatasetSource)] = [:]
        // The scaling each distinct data set, scaling flag, k and restart count resolves to: a judged table's
        // scaling check (a k-means on each view) runs once for every cell that shares them.
        var scalings: [String: FeatureScaling] = [:]
        entries = try grid.cells.map { cell in
            let request: RunRequest
            let configuration: DCNConfiguration
            let dataset: Dataset
            do {
                request = try parse(cell.flags)
                let key = request.dataIdentity
                if data[key] == nil { data[key] = try request.loadData() }
                let source: DatasetSource
                (dataset, source) = data[key]!
                configuration = try request.configuration(for: dataset, source: source)
            } catch let error as FlagValueError {
                throw FlagValueError("sweep run \(cell.name): \(error.description)")
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = .sortedKeys
            let settings = String(decoding: try encoder.encode(PretrainingSettings(configuration)), as: UTF8.self)
            var hash = FNV1a()
            let scalingKey = "\(request.dataIdentity)|\(request.scaling.rawValue)|\(configuration.clusterCount)|\(configuration.kmeansRestarts)"
            if scalings[scalingKey] == nil {
                do {
                    scalings[scalingKey] = try request.resolvedScaling(for: dataset, configuration: configuration).scaling
                } catch let error as FlagValueError {
                    throw FlagValueError("sweep run \(cell.name): \(error.description)")
                }
            }
            hash.mix("\(request.dataIdentity)|\(scalings[scalingKey]!.rawValue)|\(settings)")
            return Entry(
                run: SweepRun(name: cell.name, arguments: request.arguments, setting: cell.setting, seed: cell.seed),
                request: request, pretrainingGroup: "pretrain-seed\(configuration.seed)-" + hash.hex,
                threads: BLASThreadPolicy.threads(for: configuration, inputDimensions: dataset.dimensions))
        }
        sweptFlags = grid.sweptFlags
    }

    /// The `train` command line of a run that pretrains itself, for an external scheduler.
    /// - Parameters:
    ///   - entry: The run.
    ///   - executable: The `dcn-report` binary.
    ///   - folder: The run's folder.
    public static func commandLine(_ entry: Entry, executable: URL, folder: URL) -> String {
        ([executable.path, "train"] + childRequest(entry.request, folder: folder).arguments).map(shellQuoted).joined(separator: " ")
    }

    /// The request a sweep's child runs: the run's, into its own folder, quiet, replacing an unfinished folder.
    static func childRequest(_ request: RunRequest, folder: URL) -> RunRequest {
        var child = request
        child.out = folder.path
        child.quiet = true
        child.force = true
        return child
    }

    static func shellQuoted(_ word: String) -> String {
        guard word.contains(where: { !($0.isLetter || $0.isNumber || "-_./=,:+@%".contains($0)) }) else { return word }
        return "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
