public import DCNCore
public import Foundation
public import RunFormat
import Scoring

/// Runs grouped by setting, with mean ± std over seeds of every labelling's scores: the model behind
/// `dcn-report compare`. A setting is everything in a run's configuration but the seed, plus the input
/// scaling; runs must be of one data set.
public struct Comparison: Sendable {
    /// Mean and sample standard deviation of one score over a setting's seeds.
    public struct Statistic: Sendable, Equatable {
        public let mean: Double
        /// Sample standard deviation (n − 1); 0 for a single seed.
        public let std: Double
        public let count: Int

        init(_ values: [Double]) {
            let mean = values.reduce(0, +) / Double(max(values.count, 1))
            count = values.count
            self.mean = mean
            std = values.count > 1 ? (values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(values.count - 1)).squareRoot() : 0
        }

        /// `0.912 ± 0.013`, or the mean alone for one seed.
        public var printed: String {
            count > 1 ? String(format: "%.3f ± %.3f", mean, std) : String(format: "%.3f", mean)
        }
    }

    /// One setting: its runs (one per seed) and their statistics.
    public struct Setting: Sendable {
        /// The varied settings' values, e.g. `lambda 0.5 · pretrain-epochs 50` (or `all runs`).
        public let label: String
        /// Varied field → value as JSON text (e.g. `"lambda": "0.5"`).
        public let values: [String: String]
        /// The runs, by seed.
        public let runs: [RecordedRun]
        /// Labelling id → NMI, ARI, ACC statistics over the runs that record it.
        public let metrics: [String: (nmi: Statistic, ari: Statistic, acc: Statistic)]
        /// Runs that ended with a collapsed cluster (``CollapseRule``: empty, or under a tenth of the mean size).
        public let collapsed: Int
        /// Mean training seconds (from `timing.json`), when recorded.
        public let meanSeconds: Double?
    }

    /// The labellings shown and their order: DCN's own labelling first, as in the run report.
    public static let labellings: [Labelling] = [
        .dcnNearestCentre, .dcnFinalKMeans, .dcnOnline, .aeKMeans, .kmeansRaw
    ]

    /// The settings, in the order their first run was given.
    public let settings: [Setting]
    /// The labellings at least one run records.
    public let shownLabellings: [Labelling]
    /// The configuration fields (and `scaling`) that differ between settings, in configuration order.
    public let variedFields: [String]
    /// The data set every run clustered.
    public let dataset: DatasetInfo
    /// Run folders left out because they have not finished.
    public let unfinished: [URL]

    /// Groups finished runs by setting.
    /// - Parameter runs: Opened run folders (unfinished ones are listed in ``unfinished`` and left out).
    /// - Throws: ``ReportError`` when no run has finished or the runs are of different data sets.
    public init(runs: [RecordedRun]) throws {
        let finished = runs.filter { $0.manifest.summary != nil }
        unfinished = runs.filter { $0.manifest.summary == nil }.map(\.directory)
        guard let first = finished.first else { throw ReportError("compare: none of the \(runs.count) run folders has finished") }
        for run in finished.dropFirst() {
            let a = first.manifest.dataset, b = run.manifest.dataset
            guard a.name == b.name, a.samples == b.samples, a.dimensions == b.dimensions else {
                throw ReportError(
                    "compare: \(run.directory.path) is on \(b.name) (\(b.samples) × \(b.dimensions)) but "
                        + "\(first.directory.path) is on \(a.name) (\(a.samples) × \(a.dimensions)); compare runs of one data set")
            }
        }
        dataset = first.manifest.dataset
        let keyed = try finished.map { run in (run, try Self.settingFields(run)) }
        var order: [String] = [], groups: [String: [(RecordedRun, [String: String])]] = [:]
        for (run, fields) in keyed {
            let key = fields.filter { $0.key != "seed" }.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ";")
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append((run, fields))
        }
        let fieldOrder = Self.fieldOrder
        let varied = Set(order.flatMap { key in groups[key]![0].1.keys }).filter { field in
            field != "seed" && Set(order.map { groups[$0]![0].1[field] ?? "" }).count > 1
        }.sorted { (fieldOrder.firstIndex(of: $0) ?? 99, $0) < (fieldOrder.firstIndex(of: $1) ?? 99, $1) }
        variedFields = varied
        let settings = order.map { key in
            let members = groups[key]!.sorted { ($0.0.manifest.configuration.seed ?? 0) < ($1.0.manifest.configuration.seed ?? 0) }
            let values = Dictionary(uniqueKeysWithValues: varied.map { ($0, members[0].1[$0] ?? "") })
            return Self.setting(runs: members.map(\.0), values: values, varied: varied)
        }
        self.settings = settings
        shownLabellings = Self.labellings.filter { labelling in settings.contains { $0.metrics[labelling.id] != nil } }
    }

    /// Field order for labels: the configuration's own (``SettingSchema``; the seed is what a setting's
    /// runs differ in), then scaling and the recording tool.
    static let fieldOrder = SettingSchema.all.map(\.field).filter { $0 != "seed" } + ["scaling", "tool"]

    /// A run's configuration fields as compact JSON values, plus its scaling and the tool that wrote it.
    static func settingFields(_ run: RecordedRun) throws -> [String: String] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = try JSONSerialization.jsonObject(with: encoder.encode(run.manifest.configuration)) as? [String: Any] ?? [:]
        var fields: [String: String] = [:]
        // A run has only the settings it recorded (another trainer's may give a few): absent keys stay absent.
        for (key, value) in json {
            let data = try JSONSerialization.data(withJSONObject: value, options: [.fragmentsAllowed, .sortedKeys])
            let text = String(decoding: data, as: UTF8.self).replacingOccurrences(of: "\"", with: "")
            fields[key] = SettingSchema.setting(field: key)?.flagValue(text) ?? text
        }
        fields["scaling"] = run.manifest.dataset.scaling
        // Runs of another trainer (the Python package) never share a setting with dcn-report's own.
        fields["tool"] = run.manifest.tool.name
        return fields
    }

    /// The display name of a field: the command line's flag.
    public static func displayName(_ field: String) -> String {
        DCNConfiguration.flagNames[field] ?? field
    }

    /// A column's title. Runs another trainer recorded have no nearest-centre labelling: their final
    /// assignments share DCN's column, which is then titled for both.
    public func title(of labelling: Labelling) -> String {
        let foreign = settings.contains { $0.runs.contains(where: \.isForeign) }
        return labelling == .dcnNearestCentre && foreign ? "Final labelling (DCN: nearest centre)" : labelling.title
    }

    static func setting(runs: [RecordedRun], values: [String: String], varied: [String]) -> Setting {
        var metrics: [String: (nmi: Statistic, ari: Statistic, acc: Statistic)] = [:]
        for labelling in labellings {
            let scores = runs.compactMap { run in
                run.manifest.baselines.first { $0.id == labelling.id }?.metrics
                    ?? (labelling == .dcnNearestCentre ? run.manifest.summary?.finalMetrics : nil)
            }
            guard !scores.isEmpty else { continue }
            metrics[labelling.id] = (Statistic(scores.map(\.nmi)), Statistic(scores.map(\.ari)), Statistic(scores.map(\.acc)))
        }
        let collapsed = runs.filter { run in
            guard let summary = run.manifest.summary else { return false }
            if let collapsed = summary.collapsedClusters { return collapsed > 0 }
            let k = run.manifest.configuration.clusterCount
            return summary.emptyClusters > 0
                || Double(summary.smallestCluster) < CollapseRule.minimumSize(samples: run.manifest.dataset.samples, clusters: k)
        }.count
        let seconds = runs.compactMap { $0.timing?.totalSeconds }
        // A field a run did not record (another trainer's) is left out of its label.
        let label =
            varied.isEmpty
            ? "all runs"
            : varied.compactMap { field in values[field].flatMap { $0.isEmpty ? nil : "\(displayName(field)) \($0)" } }.joined(separator: " · ")
        return Setting(
            label: label, values: values, runs: runs, metrics: metrics, collapsed: collapsed,
            meanSeconds: seconds.isEmpty ? nil : seconds.reduce(0, +) / Double(seconds.count))
    }
}
