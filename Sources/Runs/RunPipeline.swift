import AtomicWrite
import Clustering
import DCNMath
public import Datasets
public import Foundation
import SettingFiles
import Recording
import RunFormat
public import Report
import Training
public import DCNCore
import Scoring

/// The job of `generate` and `train`: baseline, training with recording; then rendering and the report.
public final class RunPipeline {
    public let data: Dataset
    public let configuration: DCNConfiguration
    public let scaling: FeatureScaling
    public let outDirectory: URL
    public let quiet: Bool
    public var runName: String?
    /// What was decided before training, printed before it starts (``RunBriefing``).
    public var briefing: [String] = []
    /// The method the configuration follows (recorded in `run.json`).
    public var method: DCNMethod = .dcnReport
    /// Why the input scaling is what it is (recorded and shown in the report).
    public var scalingReason: String?
    public var classNames: [String]?
    public var force = false
    /// A pretraining checkpoint to start from instead of pretraining.
    public var resumeFrom: URL?
    /// Where to save a pretraining checkpoint once pretraining ends.
    public var saveCheckpoint: URL?
    /// Why training stopped early, if it did; the recording is still complete up to that point.
    public private(set) var failure: Error?

    public init(data: Dataset, configuration: DCNConfiguration, scaling: FeatureScaling, outDirectory: URL, quiet: Bool) {
        self.data = data
        self.configuration = configuration
        self.scaling = scaling
        self.outDirectory = outDirectory
        self.quiet = quiet
    }

    /// Computes the baseline, trains and records into `OUT/run`; returns that folder.
    public func train() throws -> URL {
        let runDirectory = outDirectory.appendingPathComponent("run")
        var features = data.features
        let fittedScaling = scaling.apply(to: &features)
        let trainer = try DCNTrainer(configuration: configuration, data: features, evaluationLabels: data.labels)
        trainer.shouldStop = { StopSignal.requested }
        // A checkpoint that does not fit is refused before anything is written.
        if let resumeFrom { try trainer.restore(from: PretrainedCheckpoint(contentsOf: resumeFrom), source: resumeFrom.path) }
        try prepareOutput(runDirectory)
        var manifest = RunManifest(
            name: runName ?? outDirectory.lastPathComponent, configuration: configuration,
            dataset: DatasetInfo(
                name: data.name, description: data.description, samples: data.count,
                dimensions: data.dimensions, classes: data.classCount, scaling: scaling.rawValue))
        manifest.method = MethodInfo(method)
        manifest.dataset.classNames = classNames
        manifest.dataset.scalingReason = scalingReason
        manifest.dataset.imageShape = data.imageShape
        manifest.dataset.subsampledFrom = data.subsampledFrom
        let recorder = try RunRecorder(
            directory: runDirectory, manifest: manifest, labels: data.labels,
            galleryInputs: data.features)
        let progress = TrainingProgress(terminal: Terminal(quiet: quiet))
        for line in briefing {
            if line.hasPrefix("warning: ") { FileHandle.standardError.write(Data((line + "\n").utf8)) } else { progress.line(line) }
        }
        if let hint = ImageShapeHint.suggestion(dimensions: data.dimensions, imageShape: data.imageShape, pixelScaled: scaling == .unit) {
            Terminal(quiet: quiet).line("note: " + hint)
        }

        if let labels = data.labels {
            // The raw k-means baseline is the input start's partition (one function, one random stream).
            let raw = KMeansOnInputStart.kmeans(of: features, configuration: configuration)
            trainer.inputKMeansAssignments = raw.assignments
            let metrics = ClusteringMetrics(predicted: raw.assignments, truth: labels)
            try recorder.record(Baseline(.kmeansRaw, metrics: metrics))
            progress.line(String(format: "k-means on raw input: NMI %.4f  ARI %.4f  ACC %.4f", metrics.nmi, metrics.ari, metrics.acc))
        }

        let last: EpochSnapshot
        do {
            let observer = ObserverGroup([recorder, progress])
            if resumeFrom != nil {
                try trainer.replayPretraining(observer: observer)
            } else {
                try trainer.pretrain(observer: observer)
            }
            if let saveCheckpoint {
                try trainer.pretrainedCheckpoint(scaling: fittedScaling).write(to: saveCheckpoint)
            }
            last = try trainer.fit(observer: observer)
        } catch let error as TrainingError where error.endsTrainingEarly {
            let message = SettingFlags.message(for: error)
            if case .interrupted = error {
                try recorder.finish(status: .interrupted, message: message)
                failure = InterruptedError(message: message)
            } else {
                try recorder.finish(status: .diverged, message: message)
                failure = UserFacingError(message)
            }
            return runDirectory
        } catch {
            // A write error (e.g. a full disk): mark the run failed if we still can, and report it.
            try? recorder.finish(status: .failed, message: "\(error)")
            throw error
        }
        let model = TrainedModel(
            configuration: configuration, scaling: fittedScaling, autoencoder: trainer.autoencoder,
            centers: last.centers)
        try model.save(to: runDirectory.appendingPathComponent("model.dcn"))
        try recorder.finish(status: .complete)
        return runDirectory
    }

    /// Renders the frames and animation of a recording and writes `index.html`; returns its URL.
    public static func report(
        runDirectory: URL, into outDirectory: URL, templates: URL, render: RenderOptions, selfContained: Bool = false, quiet: Bool,
        clock: RenderStageClock? = nil
    ) throws -> URL {
        let run = try clock.time("read run folder") { try RecordedRun(directory: runDirectory) }
        // Everything is drawn into a staging folder and moved into place only when all of it succeeded,
        // so a failed render leaves an existing report as it was.
        let staging = outDirectory.appendingPathComponent(".dcn-report-staging-\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.removeItem(at: staging)
        do {
            try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
        } catch {
            throw UserFacingError("--out \(outDirectory.path): cannot create the folder: \(FolderProblem.describe(staging, error: error))")
        }
        defer { try? FileManager.default.removeItem(at: staging) }
        let total = run.availableEpochs.count
        let terminal = Terminal(quiet: quiet)
        if !terminal.interactive { terminal.line("rendering \(total) frames…") }
        let figures = try FigureRenderer.render(
            run: run, into: staging, options: render,
            progress: { done, all in
                guard terminal.interactive else { return }
                terminal.status("rendering frame \(done)/\(all)")
                if done == all { terminal.endStatus() }
            },
            embeddingProgress: { done, all in
                guard terminal.interactive || done == 1 || done == all || done % 10 == 0 else { return }
                terminal.status(terminal.interactive ? "t-SNE view: epoch \(done)/\(all)" : "t-SNE view: \(done)/\(all) epochs")
                if done == all { terminal.endStatus() }
            }, clock: clock)
        for warning in figures.warnings { FileHandle.standardError.write(Data("warning: \(warning)\n".utf8)) }
        _ = try clock.time("report page") {
            try ReportWriter.write(
                run: run, figures: figures, to: staging, templates: templates, selfContained: selfContained,
                servedAs: render.servedAs,
                publishedIn: outDirectory)
        }
        try clock.time("publish") { try publish(staging, into: outDirectory) }
        return outDirectory.appendingPathComponent("index.html")
    }

    /// Moves everything in `staging` into `directory`, each item replacing the one of the same name.
    public static func publish(_ staging: URL, into directory: URL) throws {
        let files = FileManager.default
        for name in try files.contentsOfDirectory(atPath: staging.path) {
            let target = directory.appendingPathComponent(name)
            do {
                if files.fileExists(atPath: target.path) { try files.removeItem(at: target) }
                try files.moveItem(at: staging.appendingPathComponent(name), to: target)
            } catch {
                throw UserFacingError("\(target.path): cannot be replaced (\(error.localizedDescription))")
            }
        }
    }

    /// Creates the output folder; refuses a non-empty folder that is not a previous report.
    func prepareOutput(_ runDirectory: URL) throws {
        let fileManager = FileManager.default
        var isDirectory: ObjCBool = false
        if fileManager.fileExists(atPath: outDirectory.path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw UserFacingError("--out \(outDirectory.path): exists and is not a folder") }
            let contents = (try? fileManager.contentsOfDirectory(atPath: outDirectory.path)) ?? []
            let isPreviousReport =
                contents.isEmpty
                || FileManager.default.fileExists(atPath: outDirectory.appendingPathComponent("run/run.json").path)
            guard isPreviousReport || force else {
                throw UserFacingError(
                    "--out \(outDirectory.path): folder is not empty and is not a dcn-report output; choose another --out or add --force")
            }
            // Replace only what a previous report wrote.
            for item in [
                "run", "frames", "figures", "centres", "index.html", "animation.gif", "animation.png", "methods.md", "methods.tex", "methods.bib"
            ] {
                try? fileManager.removeItem(at: outDirectory.appendingPathComponent(item))
            }
        }
        do {
            try fileManager.createDirectory(at: outDirectory, withIntermediateDirectories: true)
        } catch {
            throw UserFacingError(
                "--out \(outDirectory.path): cannot create the folder: \(FolderProblem.describe(URL(fileURLWithPath: outDirectory.path), error: error))"
            )
        }
        guard fileManager.isWritableFile(atPath: outDirectory.path) else {
            throw UserFacingError("--out \(outDirectory.path): folder is not writable")
        }
    }

    /// A file-name-safe version of a data set name.
    public static func safeName(_ name: String) -> String {
        var base = name
        for suffix in [".gz", ".csv", ".npy"] where base.lowercased().hasSuffix(suffix) { base = String(base.dropLast(suffix.count)) }
        let safe = String(base.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "-" })
        return safe.isEmpty ? "run" : safe
    }
}
