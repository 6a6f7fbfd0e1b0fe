import AtomicWrite
import ArgumentParser
import Foundation
import Runs
import RunFormat
import Report

/// `dcn-report render`: frames, charts, animations and report from an existing recording.
struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Render the figures and the HTML report of a recorded run, without retraining.",
        discussion: """
            Works on any run folder (see docs/recording-format.md), including one whose \
            process was killed: it renders the epochs recorded so far and says the run \
            is incomplete.

            Examples:
              # rewrites reports/demo
              dcn-report render reports/demo/run
              dcn-report render reports/demo/run --out /tmp/restyled \\
                  --scale 2 --formats png,pdf
            """)

    @Argument(help: "The run folder (the one holding run.json), or the folder given to train --out (its run/ is used).")
    var runDirectory: String

    @Option(help: "Report folder (default: the run folder's parent when it is named 'run', else RUN_DIR/report).")
    var out: String?

    @OptionGroup var renderFlags: RenderFlags

    @Flag(help: "Print only errors and the report path.")
    var quiet = false

    mutating func run() throws {
        let render = renderFlags.options
        let templates = try TemplateLocator.locate(explicit: renderFlags.templates)
        let runURL = Self.runFolder(runDirectory)
        let recording = try RecordedRun(directory: runURL)
        let outURL = out.map { URL(fileURLWithPath: $0) }
            ?? (runURL.lastPathComponent == "run" ? runURL.deletingLastPathComponent() : runURL.appendingPathComponent("report"))
        if recording.manifest.status == .running, !quiet {
            let last = recording.availableEpochs.last?.epoch ?? 0
            FileHandle.standardError.write(Data(
                "note: the run is incomplete: epochs 0–\(last)\(recording.plannedEpochs.map { " of \($0)" } ?? "") were recorded\n".utf8))
        }
        do {
            try FileManager.default.createDirectory(at: outURL, withIntermediateDirectories: true)
        } catch {
            throw UserFacingError("--out \(outURL.path): cannot create the folder: \(FolderProblem.describe(URL(fileURLWithPath: outURL.path), error: error))")
        }
        let index = try RunPipeline.report(runDirectory: runURL, into: outURL, templates: templates, render: render,
                                           selfContained: renderFlags.selfContained, quiet: quiet)
        print(index.path)
    }

    /// The folder holding `run.json`: `path` itself, or its `run/` when `path` is the folder that
    /// `train --out` or `generate --out` wrote.
    static func runFolder(_ path: String) -> URL {
        let url = URL(fileURLWithPath: path).standardizedFileURL
        let inside = url.appendingPathComponent("run")
        let files = FileManager.default
        if !files.fileExists(atPath: url.appendingPathComponent("run.json").path),
           files.fileExists(atPath: inside.appendingPathComponent("run.json").path) {
            return inside
        }
        return url
    }
}
