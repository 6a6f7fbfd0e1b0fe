import CairoRendering
import DCNCore
public import Foundation
import Plotting
public import RunFormat

/// Renders a recorded run's frames, animations and figures (final frame and charts).
public enum FigureRenderer {
    /// Renders every available epoch of `run` into `directory`.
    /// - Parameters:
    ///   - run: The recording.
    ///   - directory: The report folder; `frames/`, `figures/`, `animation.gif` and `animation.png` go there.
    ///   - options: Sizes, formats and timings.
    ///   - progress: Called after each frame with (done, total), from any thread.
    ///   - embeddingProgress: Called after each epoch's t-SNE with (done, total), when the view is t-SNE.
    /// - Returns: The written files.
    /// - Throws: ``RunFormat/RecordingError``, ``CairoRendering/RenderError`` or `AnimationError` naming the file.
    public static func render(
        run: RecordedRun, into directory: URL, options: RenderOptions = RenderOptions(),
        progress: (@Sendable (Int, Int) -> Void)? = nil, embeddingProgress: ((Int, Int) -> Void)? = nil,
        clock: RenderStageClock? = nil
    ) throws -> RenderedFigures {
        let panel = FrameLayout(
            width: Double(options.width), height: Double(options.height),
            panelCount: run.labels == nil ? 1 : 2
        ).panels[0]
        let sequence = try clock.time("read and project epochs") {
            try FrameSequence(
                run: run, pointCap: options.pointCap,
                equalAspectPanel: options.equalAspect ? (panel.width, panel.height) : nil,
                view: options.view, tsnePointCap: options.tsnePointCap, maxFrames: options.maxFrames, progress: embeddingProgress)
        }
        guard !sequence.frames.isEmpty else {
            throw RecordingError(run.directory.path, "has no complete epoch to render")
        }
        for folder in ["frames", "figures"] {
            let url = directory.appendingPathComponent(folder)
            do {
                try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            } catch {
                throw RenderError("\(url.path): cannot create the folder (\(error.localizedDescription))")
            }
        }
        let frames = try clock.time("frames") { try FrameFiles.write(sequence, into: directory, options: options, progress: progress) }
        let startKeptThrough = sequence.startKeptThrough
        // The animations and the figures are independent files: written side by side, each spreading its own
        // parts (GIF and APNG; the formats of a figure; the centre strips) over the cores.
        typealias Figures = (figures: [FigureFiles], centres: (strips: [String], figure: FigureFiles)?, warnings: [String])
        let animations = ResultSlots<Result<Void, any Error>>(count: 1)
        let drawn = ResultSlots<Result<Figures, any Error>>(count: 1)
        DispatchQueue.concurrentPerform(iterations: 2) { task in
            if task == 0 {
                animations.set(
                    0, Result { try clock.time("animations") { try AnimationFiles.write(frames.images, into: directory, options: options) } })
                return
            }
            drawn.set(
                0,
                Result {
                    var figures = try clock.time("charts") {
                        try ChartFiles.write(run: run, sequence: sequence, startKeptThrough: startKeptThrough, into: directory, options: options)
                    }
                    let centres = try clock.time("decoded centres") {
                        try CentreFiles.write(run: run, sequence: sequence, into: directory, options: options)
                    }
                    if let centres { figures.append(centres.figure) }
                    var warnings = sequence.warning.map { [$0] } ?? []
                    figures += try clock.time("galleries") {
                        try GalleryFiles.write(run: run, sequence: sequence, into: directory, options: options, warnings: &warnings)
                    }
                    return (figures, centres, warnings)
                })
        }
        try animations.get(0)?.get()
        guard let (figures, centres, warnings) = try drawn.get(0)?.get() else { throw RenderError("the figures were not drawn") }
        var rendered = RenderedFigures(
            framePaths: frames.paths, entries: sequence.entries, animationPath: AnimationFiles.gifPath,
            apngPath: AnimationFiles.apngPath, figures: figures, centrePaths: centres?.strips)
        rendered.warnings = warnings
        rendered.startKeptThrough = startKeptThrough
        return rendered
    }
}
