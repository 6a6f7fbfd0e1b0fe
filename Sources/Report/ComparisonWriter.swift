import AtomicWrite
import CairoRendering
public import Foundation
import Plotting
import RunFormat

/// Writes a comparison report: `index.html` from `templates/compare.mustache`, its charts under
/// `figures/` (PNG, SVG, PDF), one final-frame thumbnail per setting under `tiles/`, and the table as
/// `results.csv` and `results.tex`.
public enum ComparisonWriter {
    /// Writes the comparison of `comparison` into `directory`.
    /// - Parameters:
    ///   - comparison: The grouped runs.
    ///   - directory: The report folder (created if missing).
    ///   - templates: The folder holding `compare.mustache`.
    ///   - selfContained: Inline every image so the page is one file.
    /// - Returns: The path of `index.html`.
    /// - Throws: ``ReportError``, `RecordingError` or `RenderError` naming the file.
    @discardableResult
    public static func write(_ comparison: Comparison, to directory: URL, templates: URL, selfContained: Bool = false) throws -> URL {
        for folder in ["figures", "tiles"] {
            do {
                try FileManager.default.createDirectory(at: directory.appendingPathComponent(folder), withIntermediateDirectories: true)
            } catch {
                throw ReportError("\(directory.path): cannot create \(folder)/ (\(error.localizedDescription))")
            }
        }
        let library = try ReportWriter.loadLibrary(templates, name: "compare")
        var charts: [FigureFiles] = []
        for chart in ComparisonCharts(comparison).charts {
            charts.append(
                try ChartFiles.write(
                    name: chart.name, title: chart.title, size: (chart.width, chart.height), scale: 1.5,
                    into: directory, draw: chart.draw))
        }
        var tiles: [(image: String, setting: Comparison.Setting, run: RecordedRun)] = []
        for (index, setting) in comparison.settings.enumerated() {
            let run = setting.runs[0]
            let options = RenderOptions()
            // A run whose last epoch fails its checks gets no thumbnail; its scores in run.json still count.
            guard
                let sequence = try? FrameSequence(
                    run: run, pointCap: 5_000, lastEpochOnly: true, view: options.view, tsnePointCap: options.tsnePointCap),
                let frame = sequence.frames.last
            else { continue }
            let image = String(format: "tiles/setting_%03d.png", index + 1)
            try FigureFile.write(.png, to: directory.appendingPathComponent(image).path, width: 900, height: 420) {
                frame.draw(on: $0, width: $1, height: $2)
            }
            tiles.append((image, setting, run))
        }
        do {
            try AtomicFile.write(Data(comparison.csv.utf8), to: directory.appendingPathComponent("results.csv"))
            try AtomicFile.write(Data(comparison.latex(.headline).utf8), to: directory.appendingPathComponent("results.tex"))
            try AtomicFile.write(Data(comparison.latex(.full).utf8), to: directory.appendingPathComponent("results-full.tex"))
        } catch {
            throw ReportError("\(error)")
        }
        let page = ComparisonPage(comparison: comparison, charts: charts, tiles: tiles, directory: directory)
        guard var html = library.render(page, withTemplate: "compare") else {
            throw ReportError("\(templates.path)/compare.mustache: template not found")
        }
        if selfContained {
            html = try ReportWriter.inline(charts.flatMap(\.paths).filter { $0.hasSuffix(".png") } + tiles.map(\.image), in: html, from: directory)
        }
        let url = directory.appendingPathComponent("index.html")
        do { try AtomicFile.write(Data(html.utf8), to: url) } catch { throw ReportError("\(error)") }
        return url
    }
}

/// A path from folder `base` to `target`, with `..` where needed (for links between report folders).
func relativeLink(from base: URL, to target: URL) -> String {
    let from = base.standardizedFileURL.pathComponents, to = target.standardizedFileURL.pathComponents
    var common = 0
    while common < min(from.count, to.count) && from[common] == to[common] { common += 1 }
    return (Array(repeating: "..", count: from.count - common) + to[common...]).joined(separator: "/")
}
