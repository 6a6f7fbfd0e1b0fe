import AtomicWrite
public import Foundation
import SettingFiles
public import Report
import RunFormat

/// The job of `render`: the figures and report of an existing recording, without retraining.
public struct RenderJob {
    /// The run folder, or the folder `train --out` wrote.
    public var runPath: String
    /// The report folder; nil for the run folder's parent when it is named `run`, else `RUN/report`.
    public var out: String?
    public var templates: URL
    public var render: RenderOptions
    public var selfContained = false
    public var quiet = false

    public init(runPath: String, out: String?, templates: URL, render: RenderOptions) {
        self.runPath = runPath
        self.out = out
        self.templates = templates
        self.render = render
    }

    /// Renders the report; returns its `index.html`. Notes on standard error when the run is incomplete.
    public func run() throws -> URL {
        let runURL = RunFolderLookup.runFolder(runPath)
        let recording = try RecordedRun(directory: runURL)
        let outURL =
            out.map { URL(fileURLWithPath: $0) }
            ?? (runURL.lastPathComponent == "run" ? runURL.deletingLastPathComponent() : runURL.appendingPathComponent("report"))
        if recording.manifest.status == .running, !quiet {
            let last = recording.availableEpochs.last?.epoch ?? 0
            FileHandle.standardError.write(
                Data(
                    "note: the run is incomplete: epochs 0–\(last)\(recording.plannedEpochs.map { " of \($0)" } ?? "") were recorded\n".utf8))
        }
        do {
            try FileManager.default.createDirectory(at: outURL, withIntermediateDirectories: true)
        } catch {
            throw UserFacingError(
                "--out \(outURL.path): cannot create the folder: \(FolderProblem.describe(URL(fileURLWithPath: outURL.path), error: error))")
        }
        return try RunPipeline.report(
            runDirectory: runURL, into: outURL, templates: templates, render: render,
            selfContained: selfContained, quiet: quiet)
    }
}
