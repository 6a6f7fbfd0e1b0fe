import CairoRendering
import DCNCore
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
        var ownFrame = sequence.frames[sequence.frames.count - 1]
        ownFrame.limits = AxisLimits.union(of: [
            (
                xs: ownFrame.xs + ownFrame.centers.map { Float($0.x) },
                ys: ownFrame.ys + ownFrame.centers.map { Float($0.y) }
            )
        ])
        let finalFrame = ownFrame
        var figures = [
            try write(
                name: "latent-final", title: "Latent space, final epoch", size: (options.width, options.height),
                scale: options.scale, into: directory, formats: options.figureFormats
            ) { finalFrame.draw(on: $0, width: $1, height: $2) }
        ]
        let finalArrays = try sequence.entries.last.map { try run.arrays(for: $0) }
        for chart in ChartSet(run: run, finalArrays: finalArrays, startKeptThrough: startKeptThrough).charts {
            figures.append(
                try write(
                    name: chart.name, title: chart.title, size: (chart.width, chart.height),
                    scale: max(options.scale, 1.5), into: directory, formats: options.figureFormats, draw: chart.draw))
        }
        return figures
    }

    /// Writes one figure in `formats` (PNG, SVG and PDF unless told otherwise), the formats in parallel.
    static func write(
        name: String, title: String, size: (Int, Int), scale: Double, into directory: URL,
        formats: [CairoCanvas.Format] = CairoCanvas.Format.allCases, draw: @escaping @Sendable (Canvas, Double, Double) -> Void
    ) throws -> FigureFiles {
        let paths = formats.map { "figures/\(name).\($0.rawValue)" }
        let (width, height) = size
        let written = ResultSlots<Result<Void, any Error>>(count: formats.count)
        DispatchQueue.concurrentPerform(iterations: formats.count) { index in
            written.set(
                index,
                Result {
                    try FigureFile.write(
                        formats[index], to: directory.appendingPathComponent(paths[index]).path,
                        width: width, height: height, scale: scale, draw: draw)
                })
        }
        for index in formats.indices { try written.get(index)?.get() }
        return FigureFiles(name: name, title: title, paths: paths)
    }
}
