import Animation
public import CairoRendering
import Foundation
import Plotting
public import RunFormat

/// Settings for rendering a run's figures.
public struct RenderOptions: Sendable {
    /// Frame width in layout units (pixels at scale 1).
    public var width = 1200
    /// Frame height in layout units.
    public var height = 560
    /// Pixels per layout unit for PNG output (2 doubles the resolution; 300 dpi ≈ scale 3.125 for a
    /// figure laid out at 96 units per inch).
    public var scale = 1.0
    /// Formats of the per-epoch frames and the charts; the final frame is always also SVG and PDF.
    public var formats: [CairoCanvas.Format] = [.png]
    /// Seconds per animation frame.
    public var frameDelay = 0.25
    /// Seconds the last animation frame stays up.
    public var lastFrameDelay = 2.5
    /// Most points drawn per panel; larger runs are subsampled, stratified by class.
    public var pointCap = 30_000
    /// One scale for both axes of the scatter panels.
    public var equalAspect = false
    /// Creates the defaults.
    public init() {}
}

/// One figure in every format it was written in.
public struct FigureFiles: Sendable {
    /// Short name, e.g. `losses`.
    public var name: String
    /// Human title.
    public var title: String
    /// Paths relative to the report folder, PNG first when present.
    public var paths: [String]
}

/// What rendering produced, as paths relative to the report folder.
public struct RenderedFigures: Sendable {
    /// PNG frame per epoch, e.g. `frames/epoch_0003.png`.
    public var framePaths: [String]
    /// The epochs shown.
    public var entries: [EpochEntry]
    /// `animation.gif`.
    public var animationPath: String
    /// `animation.png` (APNG).
    public var apngPath: String
    /// The final frame and the charts, each in several formats.
    public var figures: [FigureFiles]
}

/// Renders a recorded run's frames, charts and animations, frames in parallel on all cores.
public enum FigureRenderer {
    /// Renders every available epoch of `run` into `directory`.
    /// - Parameters:
    ///   - run: The recording.
    ///   - directory: The report folder; `frames/`, `figures/`, `animation.gif` and `animation.png` go there.
    ///   - options: Sizes, formats and timings.
    ///   - progress: Called after each frame with (done, total), from any thread.
    /// - Returns: The written files.
    /// - Throws: ``RecordingError``, ``RenderError`` or ``AnimationError`` naming the file.
    public static func render(
        run: RecordedRun, into directory: URL, options: RenderOptions = RenderOptions(),
        progress: (@Sendable (Int, Int) -> Void)? = nil
    ) throws -> RenderedFigures {
        let panel = FrameLayout(width: Double(options.width), height: Double(options.height),
                                panelCount: run.labels == nil ? 1 : 2).panels[0]
        let sequence = try FrameSequence(run: run, pointCap: options.pointCap,
                                         equalAspectPanel: options.equalAspect ? (panel.width, panel.height) : nil)
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
        let stems = sequence.entries.map { String(format: "frames/epoch_%04d", $0.epoch) }
        let width = Double(options.width), height = Double(options.height)
        let results = ResultSlots<[UInt8]>(count: sequence.frames.count)
        let counter = ResultSlots<Bool>(count: 1)
        DispatchQueue.concurrentPerform(iterations: sequence.frames.count) { index in
            do {
                let frame = sequence.frames[index]
                let canvas = try CairoCanvas(rasterWidth: options.width, height: options.height, scale: options.scale)
                frame.draw(on: canvas, width: width, height: height)
                let pixels = try canvas.writePNG(to: directory.appendingPathComponent(stems[index] + ".png").path)
                for format in options.formats where format != .png {
                    let path = directory.appendingPathComponent(stems[index] + "." + format.rawValue).path
                    if format == .svg {
                        let svg = SVGCanvas(width: width, height: height)
                        frame.draw(on: svg, width: width, height: height)
                        try svg.write(to: path)
                    } else {
                        let vector = try CairoCanvas(vector: format, path: path, width: width, height: height)
                        frame.draw(on: vector, width: width, height: height)
                        try vector.finish()
                    }
                }
                results.set(index, .success(pixels))
            } catch {
                results.set(index, .failure(error))
            }
            progress?(counter.increment(), sequence.frames.count)
        }
        let pixelWidth = Int((width * options.scale).rounded()), pixelHeight = Int((height * options.scale).rounded())
        var animation = AnimationFrames(width: pixelWidth, height: pixelHeight)
        let apng = try APNGWriter(path: directory.appendingPathComponent("animation.png").path,
                                  width: pixelWidth, height: pixelHeight, frameCount: sequence.frames.count)
        for index in 0..<sequence.frames.count {
            let pixels = try results.get(index)
            animation.append(rgb: pixels)
            try apng.append(rgb: pixels, delay: index == sequence.frames.count - 1 ? options.lastFrameDelay : options.frameDelay)
        }
        try apng.finish()
        try GIFWriter.write(animation, to: directory.appendingPathComponent("animation.gif").path,
                            delay: options.frameDelay, lastFrameDelay: options.lastFrameDelay)

        var figures: [FigureFiles] = []
        let finalFrame = sequence.frames[sequence.frames.count - 1]
        figures.append(try write(name: "latent-final", title: "Latent space, final epoch", size: (options.width, options.height),
                                 formats: [.png, .svg, .pdf], scale: options.scale, into: directory) {
            finalFrame.draw(on: $0, width: $1, height: $2)
        })
        let finalArrays = try sequence.entries.last.map { try run.arrays(for: $0) }
        for chart in ChartSet(run: run, finalArrays: finalArrays).charts {
            figures.append(try write(name: chart.name, title: chart.title, size: (chart.width, chart.height),
                                     formats: [.png, .svg, .pdf], scale: max(options.scale, 1.5), into: directory, draw: chart.draw))
        }
        return RenderedFigures(framePaths: stems.map { $0 + ".png" }, entries: sequence.entries, animationPath: "animation.gif",
                               apngPath: "animation.png", figures: figures)
    }

    /// Writes one figure in each format under `figures/`.
    static func write(
        name: String, title: String, size: (Int, Int), formats: [CairoCanvas.Format], scale: Double, into directory: URL,
        draw: (Canvas, Double, Double) -> Void
    ) throws -> FigureFiles {
        var paths: [String] = []
        for format in formats {
            let relative = "figures/\(name).\(format.rawValue)"
            let path = directory.appendingPathComponent(relative).path
            if format == .png {
                let canvas = try CairoCanvas(rasterWidth: size.0, height: size.1, scale: scale)
                draw(canvas, Double(size.0), Double(size.1))
                try canvas.writePNG(to: path)
            } else if format == .svg {
                let svg = SVGCanvas(width: Double(size.0), height: Double(size.1))
                draw(svg, Double(size.0), Double(size.1))
                try svg.write(to: path)
            } else {
                let canvas = try CairoCanvas(vector: format, path: path, width: Double(size.0), height: Double(size.1))
                draw(canvas, Double(size.0), Double(size.1))
                try canvas.finish()
            }
            paths.append(relative)
        }
        return FigureFiles(name: name, title: title, paths: paths)
    }
}

/// Thread-safe result slots for parallel work.
final class ResultSlots<Value>: @unchecked Sendable {
    private var slots: [Result<Value, Error>?]
    private var completed = 0
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ result: Result<Value, Error>) {
        lock.lock(); slots[index] = result; lock.unlock()
    }

    func get(_ index: Int) throws -> Value {
        lock.lock(); defer { lock.unlock() }
        guard let result = slots[index] else { throw RenderError("frame \(index) was not rendered") }
        return try result.get()
    }

    func increment() -> Int {
        lock.lock(); defer { lock.unlock() }
        completed += 1
        return completed
    }
}
