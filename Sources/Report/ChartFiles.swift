import CairoRendering
import Foundation
import Plotting
import RunFormat

/// Writes the figures for papers under `figures/`: the final frame and every chart, each as PNG, SVG and PDF.
enum ChartFiles {
    /// Writes the final frame and the charts of `run`.
    static func write(
        run: RecordedRun, sequence: FrameSequence, startKeptThrough: Int?, into directory: URL, options: RenderOptions
    ) throws -> [FigureFiles] {
        // The figure for papers frames its own epoch: the animation's limits cover every epoch, so a run whose
        // codes contract would end as dots under the centre rings.
        var finalFrame = sequence.frames[sequence.frames.count - 1]
        finalFrame.limits = AxisLimits.union(of: [(xs: finalFrame.xs + finalFrame.centers.map { Float($0.x) },
                                                   ys: finalFrame.ys + finalFrame.centers.map { Float($0.y) })])
        var figures = [try write(name: "latent-final", title: "Latent space, final epoch", size: (options.width, options.height),
                                 scale: options.scale, into: directory) { finalFrame.draw(on: $0, width: $1, height: $2) }]
        let finalArrays = try sequence.entries.last.map { try run.arrays(for: $0) }
        for chart in ChartSet(run: run, finalArrays: finalArrays, startKeptThrough: startKeptThrough).charts {
            figures.append(try write(name: chart.name, title: chart.title, size: (chart.width, chart.height),
                                     scale: max(options.scale, 1.5), into: directory, draw: chart.draw))
        }
        return figures
    }

    /// Writes one figure as PNG, SVG and PDF.
    static func write(
        name: String, title: String, size: (Int, Int), scale: Double, into directory: URL, draw: (Canvas, Double, Double) -> Void
    ) throws -> FigureFiles {
        let paths = CairoCanvas.Format.allCases.map { "figures/\(name).\($0.rawValue)" }
        for (format, relative) in zip(CairoCanvas.Format.allCases, paths) {
            try FigureFile.write(format, to: directory.appendingPathComponent(relative).path, width: size.0, height: size.1,
                                 scale: scale, draw: draw)
        }
        return FigureFiles(name: name, title: title, paths: paths)
    }
}
