import CairoRendering
public import Foundation
public import RunFormat

/// One epoch's frame on its own — projected (PCA of that epoch's codes when they are wider than 2-D) and
/// framed on that epoch alone — as PNG bytes: what a server draws for a growing run, where the report's
/// view (one basis and one set of limits over every epoch) would change every frame with each new epoch.
public enum SingleFrame {
    /// The frame of `epoch`.
    /// - Throws: ``RunFormat/RecordingError`` when the epoch is not available or its arrays fail their checks,
    ///   ``CairoRendering/RenderError`` when drawing fails.
    public static func png(of run: RecordedRun, epoch: Int, options: RenderOptions = RenderOptions()) throws -> Data {
        let sequence = try FrameSequence(run: run, pointCap: options.pointCap, onlyEpoch: epoch)
        guard let frame = sequence.frames.first, sequence.entries.first?.epoch == epoch else {
            throw RecordingError(run.directory.path, "has no epoch \(epoch)")
        }
        let canvas = try CairoCanvas(rasterWidth: options.width, height: options.height, scale: options.scale)
        frame.draw(on: canvas, width: Double(options.width), height: Double(options.height))
        return try canvas.encodedImage().pngFile
    }
}
