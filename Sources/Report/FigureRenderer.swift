import Animation
import CairoRendering
import Foundation
import Plotting
public import Recording

/// Settings for rendering a run's figures.
public struct RenderOptions: Sendable {
    /// Frame width in layout units (pixels at scale 1).
    public var width = 1200
    /// Frame height in layout units.
    public var height = 560
    /// Pixels per layout unit for PNG frames.
    public var scale = 1.0
    /// Seconds per GIF frame.
    public var frameDelay = 0.25
    /// Seconds the last GIF frame stays up.
    public var lastFrameDelay = 2.5
    /// Creates the defaults.
    public init() {}
}

/// What rendering produced, as paths relative to the report folder.
public struct RenderedFigures: Sendable {
    /// PNG frame per epoch, e.g. `frames/epoch_0003.png`.
    public var framePaths: [String]
    /// The epochs shown.
    public var entries: [EpochEntry]
    /// `animation.gif`.
    public var animationPath: String
}

/// Renders a recorded run's frames (PNG) and animation (GIF), frames in parallel on all cores.
public enum FigureRenderer {
    /// Renders every available epoch of `run` into `directory`.
    /// - Parameters:
    ///   - run: The recording.
    ///   - directory: The report folder; `frames/` and `animation.gif` are written there.
    ///   - options: Sizes and timings.
    ///   - progress: Called after each frame with (done, total), from any thread.
    /// - Returns: The written files.
    /// - Throws: ``RecordingError``, ``RenderError`` or ``AnimationError`` naming the file.
    public static func render(
        run: RecordedRun, into directory: URL, options: RenderOptions = RenderOptions(),
        progress: (@Sendable (Int, Int) -> Void)? = nil
    ) throws -> RenderedFigures {
        let sequence = try FrameSequence(run: run)
        guard !sequence.frames.isEmpty else {
            throw RecordingError(run.directory.path, "has no complete epoch to render")
        }
        let framesDirectory = directory.appendingPathComponent("frames")
        do {
            try FileManager.default.createDirectory(at: framesDirectory, withIntermediateDirectories: true)
        } catch {
            throw RenderError("\(framesDirectory.path): cannot create the folder (\(error.localizedDescription))")
        }
        let paths = sequence.entries.map { String(format: "frames/epoch_%04d.png", $0.epoch) }
        let results = ResultSlots<[UInt8]>(count: sequence.frames.count)
        let counter = ResultSlots<Bool>(count: 1)
        DispatchQueue.concurrentPerform(iterations: sequence.frames.count) { index in
            do {
                let canvas = try CairoCanvas(rasterWidth: options.width, height: options.height, scale: options.scale)
                sequence.frames[index].draw(on: canvas, width: Double(options.width), height: Double(options.height))
                try canvas.writePNG(to: directory.appendingPathComponent(paths[index]).path)
                results.set(index, .success(canvas.rgbPixels().bytes))
            } catch {
                results.set(index, .failure(error))
            }
            progress?(counter.increment(), sequence.frames.count)
        }
        let pixelWidth = Int((Double(options.width) * options.scale).rounded())
        let pixelHeight = Int((Double(options.height) * options.scale).rounded())
        var animation = AnimationFrames(width: pixelWidth, height: pixelHeight)
        for index in 0..<sequence.frames.count {
            animation.append(rgb: try results.get(index))
        }
        try GIFWriter.write(animation, to: directory.appendingPathComponent("animation.gif").path,
                            delay: options.frameDelay, lastFrameDelay: options.lastFrameDelay)
        return RenderedFigures(framePaths: paths, entries: sequence.entries, animationPath: "animation.gif")
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
