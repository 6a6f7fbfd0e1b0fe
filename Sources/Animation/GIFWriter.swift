internal import CGIF
import AtomicWrite
import Foundation

/// Writes an animated GIF with giflib: one global palette built from the frames, a per-frame delay,
/// endless looping (the NETSCAPE2.0 extension), and the last frame held longer.
public enum GIFWriter {
    /// Writes `frames` to `path`.
    /// - Parameters:
    ///   - frames: The collected frames (at least one).
    ///   - path: Output file; written to a temporary name, then renamed.
    ///   - delay: Seconds per frame.
    ///   - lastFrameDelay: Seconds the last frame stays up before the loop restarts.
    /// - Throws: ``AnimationError`` naming the file on any giflib failure.
    public static func write(_ frames: AnimationFrames, to path: String, delay: Double, lastFrameDelay: Double) throws {
        guard frames.count > 0 else { throw AnimationError("\(path): no frames to write") }
        let palette = IndexedPalette(histogram: frames.histogram)
        let temporary = AtomicFile.temporarySibling(of: path)
        var error: Int32 = 0
        guard let gif = EGifOpenFileName(temporary, false, &error) else {
            throw AnimationError("\(path): cannot create the GIF (\(describe(error)))")
        }
        var closed = false
        defer {
            if !closed {
                var ignored: Int32 = 0
                EGifCloseFile(gif, &ignored)
            }
        }
        func check(_ result: Int32, _ step: String) throws {
            guard result == GIF_OK else {
                throw AnimationError("\(path): cannot write the GIF \(step) (\(describe(gif.pointee.Error)))")
            }
        }
        var colors = palette.colors.map { GifColorType(Red: $0.red, Green: $0.green, Blue: $0.blue) }
        let tableSize = 1 << max(1, Int(ceil(log2(Double(max(colors.count, 2))))))
        while colors.count < tableSize { colors.append(GifColorType(Red: 0, Green: 0, Blue: 0)) }
        guard let colorMap = GifMakeMapObject(Int32(tableSize), colors) else {
            throw AnimationError("\(path): cannot allocate the GIF palette")
        }
        defer { GifFreeMapObject(colorMap) }

        EGifSetGifVersion(gif, true)
        try check(EGifPutScreenDesc(gif, Int32(frames.width), Int32(frames.height), 8, 0, colorMap), "header")
        var loop: [UInt8] = Array("NETSCAPE2.0".utf8)
        try check(EGifPutExtensionLeader(gif, APPLICATION_EXT_FUNC_CODE), "loop extension")
        try check(EGifPutExtensionBlock(gif, Int32(loop.count), &loop), "loop extension")
        var loopCount: [UInt8] = [1, 0, 0]  // sub-block 1, loop count 0 = forever
        try check(EGifPutExtensionBlock(gif, 3, &loopCount), "loop extension")
        try check(EGifPutExtensionTrailer(gif), "loop extension")

        var line = [GifPixelType](repeating: 0, count: frames.width)
        for (index, keys) in frames.frames.enumerated() {
            let seconds = index == frames.count - 1 ? lastFrameDelay : delay
            var control = GraphicsControlBlock(
                DisposalMode: Int32(DISPOSE_DO_NOT), UserInputFlag: false,
                DelayTime: Int32((seconds * 100).rounded()), TransparentColor: Int32(NO_TRANSPARENT_COLOR))
            var extensionBytes = [GifByteType](repeating: 0, count: 4)
            let length = EGifGCBToExtension(&control, &extensionBytes)
            try check(EGifPutExtension(gif, GRAPHICS_EXT_FUNC_CODE, Int32(length), extensionBytes), "frame \(index) timing")
            try check(EGifPutImageDesc(gif, 0, 0, Int32(frames.width), Int32(frames.height), false, nil), "frame \(index)")
            for y in 0..<frames.height {
                for x in 0..<frames.width { line[x] = palette.lookup[Int(keys[y * frames.width + x])] }
                try check(EGifPutLine(gif, &line, Int32(frames.width)), "frame \(index)")
            }
        }
        closed = true
        guard EGifCloseFile(gif, &error) == GIF_OK else {
            try? FileManager.default.removeItem(atPath: temporary)
            throw AnimationError("\(path): cannot finish the GIF (\(describe(error)))")
        }
        do { try AtomicFile.commit(temporary, to: path) } catch { throw AnimationError(error.description) }
    }

    private static func describe(_ code: Int32) -> String {
        GifErrorString(code).map { String(cString: $0) } ?? "giflib error \(code)"
    }
}

/// Why an animation could not be written.
public struct AnimationError: Error, CustomStringConvertible, Sendable {
    /// What went wrong, naming the file.
    public let message: String
    /// Creates an error.
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
