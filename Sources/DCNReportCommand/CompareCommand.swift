import ArgumentParser
import Foundation
import Runs
import Report
import RunFormat

/// `dcn-report compare`: one report over many runs, grouped by setting.
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare runs: mean ± std tables over seeds, metric-against-setting charts and side-by-side final frames.",
        discussion: """
            Give run folders (as for render) or a sweep folder (its runs/ are all taken). \
            Runs that differ only in their seed form one setting. Runs must be of one \
            data set; unfinished runs are left out and named. Writes OUT/index.html, \
            figures/ (PNG, SVG, PDF), results.csv and results.tex (booktabs), and renders \
            each run's own report where it is missing, so the page can link to it.

            Examples:
              # writes sweeps/lambda/report
              dcn-report compare sweeps/lambda
              dcn-report compare runs/a runs/b runs/c --out comparison
            """)

    @Argument(help: "Run folders, or a sweep folder.")
    var paths: [String]

    @Option(help: "Report folder (default: FOLDER/report when one folder is given).")
    var out: String?

    @Option(help: "Folder holding compare.mustache (default: found as for generate).")
    var templates: String?

    @Flag(help: "Inline every image into index.html so the report is a single file.")
    var selfContained = false

    @Flag(help: "Do not render the runs' own reports where they are missing (the thumbnails then link to run.json).")
    var noRunReports = false

    @Flag(help: "Print only errors and the report path.")
    var quiet = false

    mutating func run() throws {
        let templatesURL = try TemplateLocator.locate(explicit: templates)
        let folders = try paths.flatMap(Self.runFolders)
        guard !folders.isEmpty else { throw ValidationError("compare: no run folders found in \(paths.joined(separator: ", "))") }
        // A run folder that fails its checks is left out with a warning; the others are compared.
        var runs: [RecordedRun] = []
        for folder in folders {
            do { runs.append(try RecordedRun(directory: folder)) } catch {
                FileHandle.standardError.write(Data("warning: \(error); left out of the comparison\n".utf8))
            }
        }
        guard !runs.isEmpty else { throw ValidationError("compare: none of the \(folders.count) run folders could be read (see the warnings above)") }
        let comparison = try Comparison(runs: runs)
        if !noRunReports {
            for run in comparison.settings.flatMap(\.runs) where run.directory.lastPathComponent == "run" {
                let reportFolder = run.directory.deletingLastPathComponent()
                guard !FileManager.default.fileExists(atPath: reportFolder.appendingPathComponent("index.html").path) else { continue }
                if !quiet { print("rendering the report of \(reportFolder.lastPathComponent)…") }
                do {
                    _ = try RunPipeline.report(runDirectory: run.directory, into: reportFolder, templates: templatesURL,
                                               render: RenderOptions(), quiet: true)
                } catch {
                    FileHandle.standardError.write(Data("warning: \(error); \(reportFolder.lastPathComponent) has no report of its own\n".utf8))
                }
            }
        }
        guard let outPath = out ?? (paths.count == 1 ? URL(fileURLWithPath: paths[0]).appendingPathComponent("report").path : nil) else {
            throw ValidationError("compare: give --out for the report when comparing several folders")
        }
        let outURL = URL(fileURLWithPath: outPath).standardizedFileURL
        let index = try ComparisonWriter.write(comparison, to: outURL, templates: templatesURL, selfContained: selfContained)
        print(index.path)
    }

    /// The run folders a path names: a sweep folder's runs (in `sweep.json` order when present), or one run folder.
    static func runFolders(_ path: String) throws -> [URL] {
        let url = URL(fileURLWithPath: path).standardizedFileURL
        let runs = url.appendingPathComponent("runs")
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: runs.path, isDirectory: &isDirectory), isDirectory.boolValue,
              !FileManager.default.fileExists(atPath: url.appendingPathComponent("run.json").path) else {
            let folder = RenderCommand.runFolder(path)
            guard FileManager.default.fileExists(atPath: folder.appendingPathComponent("run.json").path) else {
                throw ValidationError("compare: \(path) is neither a run folder nor a sweep folder (no run.json, no runs/)")
            }
            return [folder]
        }
        var names = (try? FileManager.default.contentsOfDirectory(atPath: runs.path))?.sorted() ?? []
        if let manifest = SweepManifest(contentsOf: url.appendingPathComponent("sweep.json")) {
            names = manifest.runs.map(\.name).filter(names.contains)
        }
        return names.map { runs.appendingPathComponent($0).appendingPathComponent("run") }
            .filter { FileManager.default.fileExists(atPath: $0.appendingPathComponent("run.json").path) }
    }
}
