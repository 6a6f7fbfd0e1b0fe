import CairoRendering
import DCNCore
import Foundation
import PNGEncoding

/// Writes one file per frame (`frames/epoch_NNNN.png`, plus the other requested formats), frames in
/// parallel on all cores.
enum FrameFiles {
    /// Writes every frame of `sequence`.
    /// - Returns: The PNG paths relative to `directory`, and each PNG's pixels and encoding for the animations.
    static func write(
        _ sequence: FrameSequence, into directory: URL, options: RenderOptions, progress: (@Sendable (Int, Int) -> Void)?
    ) throws -> (paths: [String], images: [EncodedImage]) {
        let stems = sequence.entries.map { String(format: "frames/epoch_%04d", $0.epoch) }
        let formats = [.png] + options.formats.filter { $0 != .png }
        let results = ResultSlots<Result<EncodedImage?, any Error>>(count: sequence.frames.count)
        DispatchQueue.concurrentPerform(iterations: sequence.frames.count) { index in
            let frame = sequence.frames[index]
            results.set(
                index,
                Result {
                    var image: EncodedImage?
                    for format in formats {
                        let path = directory.appendingPathComponent(stems[index] + "." + format.rawValue).path
                        let written = try FigureFile.write(
                            format, to: path, width: options.width, height: options.height,
                            scale: options.scale
                        ) { frame.draw(on: $0, width: $1, height: $2) }
                        if let written { image = written }
                    }
                    return image
                })
            progress?(results.countCompletion(), sequence.frames.count)
        }
        let images = try (0..<sequence.frames.count).map { index in
            guard let result = results.get(index), let image = try result.get() else { throw RenderError("frame \(index) was not rendered") }
            return image
        }
        return (stems.map { $0 + ".png" }, images)
    }
}
