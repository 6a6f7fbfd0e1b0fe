import Animation
import Foundation

/// Writes the frame sequence as an animated GIF and an APNG.
enum AnimationFiles {
    /// The GIF, relative to the report folder.
    static let gifPath = "animation.gif"
    /// The APNG, relative to the report folder.
    static let apngPath = "animation.png"

    /// Writes both animations from the frames' RGB pixels (all of one size).
    static func write(_ frames: [[UInt8]], into directory: URL, options: RenderOptions) throws {
        let width = Int((Double(options.width) * options.scale).rounded())
        let height = Int((Double(options.height) * options.scale).rounded())
        var animation = AnimationFrames(width: width, height: height)
        let apng = try APNGWriter(path: directory.appendingPathComponent(apngPath).path,
                                  width: width, height: height, frameCount: frames.count)
        for (index, pixels) in frames.enumerated() {
            animation.append(rgb: pixels)
            try apng.append(rgb: pixels, delay: index == frames.count - 1 ? options.lastFrameDelay : options.frameDelay)
        }
        try apng.finish()
        try GIFWriter.write(animation, to: directory.appendingPathComponent(gifPath).path,
                            delay: options.frameDelay, lastFrameDelay: options.lastFrameDelay)
    }
}
