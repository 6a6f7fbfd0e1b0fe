import AtomicWrite
public import Foundation

/// One run of a sweep: its folder name, its `train` flags and the swept values it has.
public struct SweepRun: Codable, Equatable, Sendable {
    /// Folder name under `OUT/runs/`: the swept settings and the seed, e.g. `lambda-0.5_epochs-20-seed1`.
    public let name: String
    /// The `train` flags of this run (without `--out`).
    public let arguments: [String]
    /// The swept flags' values, e.g. `["lambda": "0.5"]` (the seed excluded).
    public let setting: [String: String]
    /// The seed.
    public let seed: String

    public init(name: String, arguments: [String], setting: [String: String], seed: String) {
        self.name = name
        self.arguments = arguments
        self.setting = setting
        self.seed = seed
    }
}

/// `OUT/sweep.json`: the runs of a sweep and their settings, for `compare` and for people.
public struct SweepManifest: Codable, Sendable {
    /// The flags with more than one alternative (the seed excluded), in the order given.
    public var sweptFlags: [String]
    /// Every run, in the sweep's order.
    public var runs: [SweepRun]

    public init(sweptFlags: [String], runs: [SweepRun]) {
        self.sweptFlags = sweptFlags
        self.runs = runs
    }

    /// Reads `sweep.json`; nil when it is missing or not a sweep manifest.
    public init?(contentsOf url: URL) {
        guard let data = FileManager.default.contents(atPath: url.path),
            let manifest = try? JSONDecoder().decode(SweepManifest.self, from: data)
        else { return nil }
        self = manifest
    }

    /// Writes the manifest atomically.
    public func write(to url: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try AtomicFile.write(try encoder.encode(self), to: url)
    }
}
