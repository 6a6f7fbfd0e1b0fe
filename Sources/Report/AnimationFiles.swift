import Animation
import DCNCore
import Foundation
import PNGEncoding

/// Writes the frame sequence as an animated GIF and an APNG.
enum AnimationFiles {
    /// The GIF, relative to the report folder.
    static let gifPath = "animation.gif"
    /// The APNG, relative to the report folder.
    static let apngPath = "animation.png"

    /// Writes both animations from the frames as encoded for `frames/` (all of one size). The APNG takes
    /// each frame's compressed scanlines as they are; the GIF reduces the pixels to 15-bit colour, frames
    /// in parallel, and is then written with giflib while the APNG is assembled beside it.
    static func write(_ frames: [EncodedImage], into directory: URL, options: RenderOptions) throws {
        guard let first = frames.first else { return }
        let keys = ResultSlots<[UInt16]>(count: frames.count)
        DispatchQueue.concurrentPerform(iterations: frames.count) { index in
            keys.set(index, AnimationFrames.keys(rgb: frames[index].rgb))
        }
        var collected = AnimationFrames(width: first.width, height: first.height)
        for index in frames.indices { collected.append(keys: keys.get(index) ?? []) }
        let animation = collected
        let written = ResultSlots<Result<Void, any Error>>(count: 2)
        DispatchQueue.concurrentPerform(iterations: 2) { task in
            written.set(
                task,
                Result {
                    if task == 0 {
                        try GIFWriter.write(
                            animation, to: directory.appendingPathComponent(gifPath).path,
                            delay: options.frameDelay, lastFrameDelay: options.lastFrameDelay)
                    } else {
                        let apng = try APNGWriter(
                            path: directory.appendingPathComponent(apngPath).path,
                            width: first.width, height: first.height, frameCount: frames.count)
                        for (index, frame) in frames.enumerated() {
                            try apng.append(
                                scanlines: frame.scanlines,
                                delay: index == frames.count - 1 ? options.lastFrameDelay : options.frameDelay)
                        }
                        try apng.finish()
                    }
                })
        }
        for task in 0..<2 { try written.get(task)?.get() }
    }
}
