import Scoring
import DCNCore
import Foundation
import RunFormat
import ServingRules

/// The view model of `templates/report.mustache`: every value already formatted, so the template
/// only places them. Strings are HTML-escaped by Mustache's `{{…}}`; only ``framesJSON`` is inserted
/// raw, and it is JSON with `<`, `>` and `&` escaped, safe inside a `<script>` element.
struct ReportPage {
    /// A run-table row: its value in plain words, and the numbers behind it (shown behind a toggle), if any.
    struct Row {
        let key: String
        let value: String
        let detail: String?
        init(key: String, value: String, detail: String? = nil) {
            self.key = key
            self.value = value
            self.detail = detail
        }
    }
    struct MetricRow {
        let method: String
        let nmi: String, ari: String, acc: String
        let bestNMI: Bool, bestARI: Bool, bestACC: Bool
    }
    struct FrameLink {
        let epoch: Int
        let path: String
    }
    struct GlossaryRow {
        let symbol: String
        let meaning: String
    }
    struct FigureLink {
        let format: String
        let path: String
    }
    struct Figure {
        let name: String
        let title: String
        let image: String
        let links: [FigureLink]
        /// Galleries and heat maps take the page's whole width: their labels are unreadable at half of it.
        /// (Stored, not computed: Mustache reads values by reflection.)
        let wide: Bool
    }

    let name: String
    /// "Deep Clustering Network", or a neutral name for a run another trainer recorded.
    let methodName: String
    /// Who assigned the clusters, in the frames' caption: "DCN" or "the recorded run".
    let assigner: String
    let toolVersion: String
    let datasetName: String
    var datasetDescription: String
    var summaryRows: [Row]
    let hasMetrics: Bool
    let metricRows: [MetricRow]
    var warnings: [String]
    /// Suggestions that are not problems (e.g. `--image-shape` for pixel data), shown in a neutral box.
    let notes: [String]
    let firstFrame: String
    /// The last frame's decoded-centre strip, when the recording has decoded centres.
    let lastCentres: String?
    let framesJSON: String
    let frameLinks: [FrameLink]
    let animationPath: String
    let apngPath: String
    /// The run folder relative to the page (a link), or nil on a served page, which names it by ``recordingLabel``.
    var recordingPath: String?
    var recordingLabel: String
    let charts: [Figure]
    let finalFigure: Figure?
    let configurationJSON: String
    /// The Methods paragraph (``MethodsDocument``), its glossary and BibTeX; the files sit beside the page.
    let methodsText: String
    let glossary: [GlossaryRow]
    let bibtex: String
    /// The tool that wrote the recording, when it was not dcn-report (e.g. the Python package).
    let recordedBy: String?
    let frameCount: Int
    let lastIndex: Int
}

extension ReportPage {
    init(run: RecordedRun, figures: RenderedFigures, recordingPath: String, methods document: MethodsDocument) {
        let manifest = run.manifest
        let config = manifest.configuration
        let dataset = manifest.dataset
        let seconds = run.timing?.totalSeconds
        let words = MethodWords(run)
        var rows = Self.summaryRows(run)
        if let seconds, seconds > 0 { rows.append(Row(key: "Training time", value: String(format: "%.1f s", seconds))) }
        if let kept = figures.startKeptThrough {
            rows.append(
                Row(
                    key: "Start's assignments",
                    value:
                        "kept through epoch \(kept) (shaded in the charts): a \(Self.heldStartName(manifest.start?.partition)) start is not a set of nearest-centre cells, so DCN keeps its assignments until 99 % of samples are nearest their own centre or half the epochs have passed, then assigns by nearest centre"
                ))
        }
        rows.append(Row(key: "Status", value: manifest.status.rawValue + (manifest.statusMessage.map { ": " + $0 } ?? "")))

        // DCN's own labelling first (the headline), then its other labellings, then the baselines.
        let ranked = manifest.baselines.enumerated().sorted {
            (Labelling.rank(of: $0.element.id), $0.offset) < (Labelling.rank(of: $1.element.id), $1.offset)
        }
        var methods: [(String, ClusteringMetrics)] = ranked.map { ($0.element.title, $0.element.metrics) }
        // A run cut short has no final baselines yet: show its last epoch and epoch 0.
        if !manifest.baselines.contains(where: { $0.labelling == .aeKMeans }) {
            if let last = manifest.epochs.last, last.epoch > 0, let m = last.metrics {
                methods.insert((words.finalTitle(epoch: last.epoch), m), at: 0)
            }
            if let first = manifest.epochs.first, let m = first.metrics {
                methods.append((words.startTitle, m))
            }
        }
        let best = (nmi: methods.map(\.1.nmi).max(), ari: methods.map(\.1.ari).max(), acc: methods.map(\.1.acc).max())
        let metricRows = methods.map { name, m in
            MetricRow(
                method: name, nmi: String(format: "%.4f", m.nmi), ari: String(format: "%.4f", m.ari),
                acc: String(format: "%.4f", m.acc), bestNMI: m.nmi == best.nmi, bestARI: m.ari == best.ari,
                bestACC: m.acc == best.acc)
        }

        var warnings: [String] = []
        if manifest.status == .running {
            let planned = run.plannedEpochs.map { " of \($0)" } ?? ""
            warnings.append(
                "This run is incomplete: the recording ends at epoch \(manifest.epochs.last?.epoch ?? 0)\(planned) (the process stopped before finishing)."
            )
        }
        if manifest.status == .diverged || manifest.status == .failed || manifest.status == .interrupted {
            warnings.append("Training stopped early: \(manifest.statusMessage ?? manifest.status.rawValue).")
        }
        if let lambda = config.lambda, let negligible = LossShare(manifest: manifest).warning(lambda: lambda) { warnings.append(negligible) }
        warnings += figures.warnings
        var notes = [
            ImageShapeHint.suggestion(
                dimensions: dataset.dimensions, imageShape: dataset.imageShape,
                pixelScaled: dataset.scaling == FeatureScaling.unit.rawValue)
        ].compactMap { $0 }
        let available = run.availableEpochs  // a file check per epoch: listed once
        let recorded = available.count
        if figures.entries.count < recorded, figures.entries.last?.epoch == available.last?.epoch {
            let shown = figures.entries.map { "\($0.epoch)" }
            let list = shown.count <= 12 ? shown.joined(separator: ", ") : (shown.prefix(6) + ["…"] + shown.suffix(3)).joined(separator: ", ")
            notes.append(
                "The player and the animations show \(figures.entries.count) of the \(recorded) recorded epochs, evenly spaced with the first and the last (epochs \(list); --max-frames sets how many); the charts use every epoch."
            )
        }
        if config.epochs == 0, manifest.status == .complete, manifest.epochs.last?.epoch == 0 {
            warnings.append("No DCN epochs were trained (--epochs 0): this report shows autoencoder pretraining and the start only.")
        }
        if let outcome = manifest.outcome { warnings += Self.outcomeLines(outcome, start: manifest.start?.partition) }
        if let refills = Self.refillWarning(manifest) { warnings.append(refills) }
        if let last = manifest.epochs.last {
            let empty = last.clusterSizes.filter { $0 == 0 }.count
            let smallest = last.clusterSizes.min() ?? 0
            if empty > 0 {
                warnings.append(
                    "Cluster collapse: \(empty) of \(config.clusterCount) clusters are empty at epoch \(last.epoch). "
                        + Self.weightHint(config.lambda, "is probably too large for this data"))
            } else if CollapseRule.hasCollapsed(sizes: last.clusterSizes, samples: dataset.samples) {
                warnings.append(
                    "Cluster collapse: the smallest cluster holds only \(smallest) of \(dataset.samples) samples at epoch \(last.epoch), under a tenth of the mean cluster size. "
                        + Self.weightHint(config.lambda, "may be too large for this data"))
            }
        }

        let frames = zip(figures.entries, figures.framePaths).enumerated().map { index, pair -> [String: Any] in
            let (entry, path) = pair
            var item: [String: Any] = ["epoch": entry.epoch, "src": path, "phase": entry.phase.rawValue]
            if let strips = figures.centrePaths, index < strips.count { item["centres"] = strips[index] }
            if let m = entry.metrics {
                item["nmi"] = m.nmi
                item["ari"] = m.ari
                item["acc"] = m.acc
            }
            return item
        }
        let json =
            (try? JSONSerialization.data(withJSONObject: frames, options: [.sortedKeys, .withoutEscapingSlashes])).map {
                String(decoding: $0, as: UTF8.self)
            } ?? "[]"

        self.init(
            name: manifest.name, methodName: words.method,
            assigner: words.assigner, toolVersion: ToolInfo.currentVersion, datasetName: dataset.name,
            datasetDescription: dataset.description, summaryRows: rows, hasMetrics: !metricRows.isEmpty,
            metricRows: metricRows, warnings: warnings, notes: notes, firstFrame: figures.framePaths.last ?? "",
            lastCentres: figures.centrePaths?.last,
            framesJSON: Self.scriptSafe(json),
            frameLinks: zip(figures.entries, figures.framePaths).map { FrameLink(epoch: $0.epoch, path: $1) },
            animationPath: figures.animationPath, apngPath: figures.apngPath, recordingPath: recordingPath, recordingLabel: recordingPath,
            charts: figures.figures.filter { $0.name != "latent-final" }.map(Self.figure),
            finalFigure: figures.figures.first { $0.name == "latent-final" }.map(Self.figure),
            configurationJSON: run.settingsText ?? Self.prettyJSON(manifest.configuration),
            methodsText: document.plainText, glossary: document.glossary.map { GlossaryRow(symbol: $0.symbol.unicode, meaning: $0.meaning) },
            bibtex: document.bibtex,
            recordedBy: words.recordedBy, frameCount: figures.framePaths.count,
            lastIndex: max(figures.framePaths.count - 1, 0))
    }

    /// The report's line on the run's refills, or nil when there were none: when, and what to suspect (a
    /// refill at the start is k-means giving a few outlying samples a cluster, before λ has acted).
    static func refillWarning(_ manifest: RunManifest) -> String? {
        let refills = manifest.epochs.filter { !($0.refilledClusters ?? []).isEmpty }
        guard !refills.isEmpty else { return nil }
        let epochs = refills.map { $0.epoch == 0 ? "at the start" : "after epoch \($0.epoch)" }.joined(separator: ", ")
        let cause =
            refills.contains { $0.epoch > 0 }
            ? weightHint(manifest.configuration.lambda, "may be too large for this data", suggestSmaller: false)
            : "The start gave a few outlying samples a cluster of their own."
        return "A cluster collapsed and was refilled by splitting a spread cluster (\(epochs)). " + cause
    }

    static func figure(_ files: FigureFiles) -> Figure {
        Figure(
            name: files.name, title: files.title, image: files.paths.first { $0.hasSuffix(".png") } ?? files.paths[0],
            links: files.paths.map { FigureLink(format: String($0.split(separator: ".").last ?? "").uppercased(), path: $0) },
            wide: ["gallery-", "misplaced-", "feature-means", "decoded-centres"].contains { files.name.hasPrefix($0) })
    }

    static func prettyJSON<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? ""
    }

    /// JSON made safe to embed in a `<script>` element.
    static func scriptSafe(_ json: String) -> String {
        json.replacingOccurrences(of: "<", with: "\\u003c").replacingOccurrences(of: ">", with: "\\u003e")
            .replacingOccurrences(of: "&", with: "\\u0026")
    }

    /// The page as `serve` shows it: the recording named by its path under the served folder (no link: the
    /// server does not serve run files), and every path of the server's disk replaced by a file name.
    func served(as runPath: String) -> ReportPage {
        var page = self
        page.recordingPath = nil
        page.recordingLabel = runPath
        page.datasetDescription = ServedText.fileNames(in: datasetDescription)
        page.summaryRows = summaryRows.map { Row(key: $0.key, value: ServedText.fileNames(in: $0.value), detail: $0.detail) }
        page.warnings = warnings.map(ServedText.fileNames)
        return page
    }
}
