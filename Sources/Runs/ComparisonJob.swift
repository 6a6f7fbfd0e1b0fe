import AtomicWrite
public import Foundation
import Report
import RunFormat

/// The job of `compare`: read the runs (leaving out, with a warning, those that fail their checks),
/// render each run's own report where it is missing, and write the comparison report.
public struct ComparisonJob {
    /// Run folders or sweep folders, as given.
    public var paths: [String]
    /// The report folder; nil for `PATH/report` when one path is given.
    public var out: String?
    public var templates: URL
    public var selfContained = false
    /// Render each run's own report where it is missing, so the page can link to it.
    public var renderRunReports = true
    public var quiet = false

    public init(paths: [String], out: String?, templates: URL) {
        self.paths = paths
        self.out = out
        self.templates = templates
    }

    /// Writes the comparison; returns its `index.html`.
    public func run() throws -> URL {
        let folders = try paths.flatMap(RunFolderLookup.runFolders)
        guard !folders.isEmpty else { throw FlagValueError("compare: no run folders found in \(paths.joined(separator: ", "))") }
        var runs: [RecordedRun] = []
        for folder in folders {
            do { runs.append(try RecordedRun(directory: folder)) } catch {
                FileHandle.standardError.write(Data("warning: \(error); left out of the comparison\n".utf8))
            }
        }
        guard !runs.isEmpty else { throw FlagValueError("compare: none of the \(folders.count) run folders could be read (see the warnings above)") }
        let comparison = try Comparison(runs: runs)
        if renderRunReports {
            for run in comparison.settings.flatMap(\.runs) where run.directory.lastPathComponent == "run" {
                renderReportIfMissing(run)
            }
        }
        guard let outPath = out ?? (paths.count == 1 ? URL(fileURLWithPath: paths[0]).appendingPathComponent("report").path : nil) else {
            throw FlagValueError("compare: give --out for the report when comparing several folders")
        }
        let outURL = URL(fileURLWithPath: outPath).standardizedFileURL
        return try ComparisonWriter.write(comparison, to: outURL, templates: templates, selfContained: selfContained)
    }

    private func renderReportIfMissing(_ run: RecordedRun) {
        let reportFolder = run.directory.deletingLastPathComponent()
        guard !FileManager.default.fileExists(atPath: reportFolder.appendingPathComponent("index.html").path) else { return }
        if !quiet { print("rendering the report of \(reportFolder.lastPathComponent)…") }
        do {
            _ = try RunPipeline.report(runDirectory: run.directory, into: reportFolder, templates: templates, render: RenderOptions(), quiet: true)
        } catch {
            FileHandle.standardError.write(Data("warning: \(error); \(reportFolder.lastPathComponent) has no report of its own\n".utf8))
        }
    }
}
