public import DCNCore
public import Scoring

/// The contents of `RUN/run.json`: everything about a run except the arrays and the timings.
///
/// The format is documented in `docs/recording-format.md`; later versions add keys but never change
/// or remove these. Timings live in `timing.json` so that the same inputs, flags and seed give a
/// byte-identical `run.json`.
public struct RunManifest: Codable, Equatable, Sendable {
    /// Version of the run-folder format (4: an epoch's losses may each be absent; 3: each epoch also holds
    /// `decoded_centers.npy` and the data set may give its `imageShape`; 2: reconstruction losses are relative to the data's variance, and `start`
    /// tells how DCN was initialised; 1 recorded summed squared errors).
    public var formatVersion: Int = 4
    /// The tool that wrote the folder.
    public var tool: ToolInfo = ToolInfo()
    /// The method a run trained with dcn-report followed (absent before release 0.2.0 and in other writers' folders).
    public var method: MethodInfo?
    /// `running` while training, then `complete`, `diverged`, `interrupted` or `failed`.
    public var status: RunStatus = .running
    /// Why the run stopped early, when it did.
    public var statusMessage: String?
    /// The run's name (the output folder's name).
    public var name: String
    /// The settings the run recorded (all of them for a run dcn-report trained).
    public var configuration: RecordedConfiguration
    /// What was clustered.
    public var dataset: DatasetInfo
    /// Reference clusterings scored against the labels, e.g. k-means on the raw input.
    public var baselines: [Baseline] = []
    /// Mean reconstruction loss per pretraining epoch.
    public var pretraining: [PretrainingEntry] = []
    /// One entry per recorded epoch, in order; epoch 0 is the state after pretraining and initialisation.
    public var epochs: [EpochEntry] = []
    /// Final results, filled when the run ends.
    public var summary: RunSummary?
    /// How DCN's starting partition was chosen, filled when the run ends (absent before version 2).
    public var start: StartChoice?
    /// How DCN's labelling compares with its start's and with k-means on the input, and which labelling
    /// the run kept; filled when a run with DCN epochs ends (absent in older recordings).
    public var outcome: RunOutcome?

    /// Creates a manifest for a new run.
    public init(name: String, configuration: DCNConfiguration, dataset: DatasetInfo) {
        self.name = name
        self.configuration = RecordedConfiguration(configuration)
        self.dataset = dataset
    }
}

/// Name and version of the writing tool.
public struct ToolInfo: Codable, Equatable, Sendable {
    /// `dcn-report`.
    public var name = "dcn-report"
    /// Semantic version.
    public var version = ToolInfo.currentVersion
    /// This build's version.
    public static let currentVersion = "0.13.0"
    /// Creates the current tool's description.
    public init() {}
}

/// Lifecycle state of a run folder.
public enum RunStatus: String, Codable, Sendable {
    case running, complete, diverged, interrupted, failed
}

/// Description of the clustered data.
public struct DatasetInfo: Codable, Equatable, Sendable {
    /// Short name.
    public var name: String
    /// Provenance in one line.
    public var description: String
    /// Number of samples N.
    public var samples: Int
    /// Input dimensions.
    public var dimensions: Int
    /// Distinct ground-truth classes, when labels exist.
    public var classes: Int?
    /// Input scaling applied before training.
    public var scaling: String
    /// Why that scaling was used, in words (absent in older recordings and other writers' folders).
    public var scalingReason: String?
    /// Display names of the classes in ascending label order, when given.
    public var classNames: [String]?
    /// Height, width and channels of each sample when the data are images (format 3 and later).
    public var imageShape: [Int]?
    /// The number of samples the data set had before `--limit` drew `samples` of them (absent: all used).
    public var subsampledFrom: Int?

    /// Creates a description.
    public init(name: String, description: String, samples: Int, dimensions: Int, classes: Int?, scaling: String) {
        self.name = name
        self.description = description
        self.samples = samples
        self.dimensions = dimensions
        self.classes = classes
        self.scaling = scaling
    }
}

/// A reference clustering and its scores.
public struct Baseline: Codable, Equatable, Sendable {
    /// Machine name, e.g. `kmeans-raw`.
    public var id: String
    /// Human name, e.g. `k-means on raw input`.
    public var title: String
    /// Scores against the labels.
    public var metrics: ClusteringMetrics

    /// Creates a baseline entry.
    public init(id: String, title: String, metrics: ClusteringMetrics) {
        self.id = id
        self.title = title
        self.metrics = metrics
    }
}

/// One pretraining epoch's loss.
public struct PretrainingEntry: Codable, Equatable, Sendable {
    /// 1-based pretraining epoch.
    public var epoch: Int
    /// Mean relative reconstruction error ‖x − g(f(x))‖²/V per sample (format 1: summed squared error).
    public var reconstruction: Double

    /// Creates an entry.
    public init(epoch: Int, reconstruction: Double) {
        self.epoch = epoch
        self.reconstruction = reconstruction
    }
}

/// One recorded epoch: the arrays live in `epochs/NNNN/`.
public struct EpochEntry: Codable, Equatable, Sendable {
    /// Epoch number (0 = after pretraining and initialisation).
    public var epoch: Int
    /// `pretrain` for epoch 0, `train` afterwards.
    public var phase: TrainingPhase
    /// Epoch-mean losses; each may be absent (format 4), and the whole object may be left out.
    public var losses: RecordedLosses
    /// Scores of the epoch's assignments, when labels exist.
    public var metrics: ClusteringMetrics?
    /// Samples per cluster.
    public var clusterSizes: [Int]
    /// The folder holding the arrays, relative to the run folder.
    public var path: String
    /// Clusters that collapsed during this epoch and were refilled before its arrays were taken
    /// (absent when none was).
    public var refilledClusters: [Int]?

    /// Creates an entry; ``RunFolderWriter`` sets `path` when it writes the arrays.
    public init(epoch: Int, phase: TrainingPhase, losses: EpochLosses, metrics: ClusteringMetrics?, clusterSizes: [Int], path: String = "") {
        self.epoch = epoch
        self.phase = phase
        self.losses = RecordedLosses(losses)
        self.metrics = metrics
        self.clusterSizes = clusterSizes
        self.path = path
    }
}

/// The outcome of a run.
public struct RunSummary: Codable, Equatable, Sendable {
    /// Last recorded epoch.
    public var finalEpoch: Int
    /// Scores of the final assignments, when labels exist.
    public var finalMetrics: ClusteringMetrics?
    /// Smallest cluster at the end; 0 means a cluster emptied (a sign of collapse, see λ).
    public var smallestCluster: Int
    /// Number of clusters with no samples at the end.
    public var emptyClusters: Int
    /// Number of clusters that have collapsed at the end (``DCNCore/CollapseRule``: empty, or under a
    /// tenth of the mean cluster size); absent in older recordings.
    public var collapsedClusters: Int?
}

extension RunManifest {
    enum CodingKeys: String, CodingKey {
        case formatVersion, tool, method, status, statusMessage, name, configuration, dataset, baselines, pretraining, epochs, summary,
            start, outcome
    }

    /// Decodes a manifest. `name`, `configuration`, `dataset` and `epochs` are required; the other keys
    /// may be absent (a folder written by another trainer), taking their defaults.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        configuration = try c.decode(RecordedConfiguration.self, forKey: .configuration)
        dataset = try c.decode(DatasetInfo.self, forKey: .dataset)
        epochs = try c.decode([EpochEntry].self, forKey: .epochs)
        formatVersion = try c.decodeIfPresent(Int.self, forKey: .formatVersion) ?? 1
        tool = try c.decodeIfPresent(ToolInfo.self, forKey: .tool) ?? ToolInfo()
        method = try c.decodeIfPresent(MethodInfo.self, forKey: .method)
        status = try c.decodeIfPresent(RunStatus.self, forKey: .status) ?? .running
        statusMessage = try c.decodeIfPresent(String.self, forKey: .statusMessage)
        baselines = try c.decodeIfPresent([Baseline].self, forKey: .baselines) ?? []
        pretraining = try c.decodeIfPresent([PretrainingEntry].self, forKey: .pretraining) ?? []
        summary = try c.decodeIfPresent(RunSummary.self, forKey: .summary)
        start = try c.decodeIfPresent(StartChoice.self, forKey: .start)
        outcome = try c.decodeIfPresent(RunOutcome.self, forKey: .outcome)
    }
}

extension EpochEntry {
    enum CodingKeys: String, CodingKey {
        case epoch, phase, losses, metrics, clusterSizes, path, refilledClusters
    }

    /// Decodes an entry; `losses` may be left out (format 4: a run with no losses to record).
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        epoch = try c.decode(Int.self, forKey: .epoch)
        phase = try c.decode(TrainingPhase.self, forKey: .phase)
        losses = try c.decodeIfPresent(RecordedLosses.self, forKey: .losses) ?? RecordedLosses()
        metrics = try c.decodeIfPresent(ClusteringMetrics.self, forKey: .metrics)
        clusterSizes = try c.decode([Int].self, forKey: .clusterSizes)
        path = try c.decode(String.self, forKey: .path)
        refilledClusters = try c.decodeIfPresent([Int].self, forKey: .refilledClusters)
    }
}
