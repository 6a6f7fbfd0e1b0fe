import AtomicWrite
import Foundation
import PNGEncoding

/// Writes an animated PNG (APNG, lossless, 24-bit RGB) frame by frame.
///
/// Chunks, per the APNG specification: IHDR, acTL (frame count, loop forever), then per frame an fcTL
/// (size, delay in 1/100 s) followed by the image data — IDAT for the first frame, so viewers without
/// APNG support show it as a still, fdAT for the others — and IEND. Scanlines are filtered and
/// compressed by ``PNGEncoder``.
public final class APNGWriter {
    private let handle: FileHandle
    private let path: String
    private let temporary: String
    private let width: Int
    private let height: Int
    private let frameCount: Int
    private var sequence: UInt32 = 0
    private var written = 0

    /// Starts a file.
    /// - Parameters:
    ///   - path: Output file (written to a temporary name and renamed by ``finish()``).
    ///   - width: Frame width in pixels.
    ///   - height: Frame height in pixels.
    ///   - frameCount: Number of frames that will be appended.
    /// - Throws: ``AnimationError`` when the file cannot be created.
    public init(path: String, width: Int, height: Int, frameCount: Int) throws {
        self.path = path
        temporary = AtomicFile.temporarySibling(of: path)
        self.width = width
        self.height = height
        self.frameCount = frameCount
        guard FileManager.default.createFile(atPath: temporary, contents: nil), let handle = FileHandle(forWritingAtPath: temporary) else {
            throw AnimationError("\(path): cannot create the APNG")
        }
        self.handle = handle
        var header = PNGEncoder.signature
        header.append(PNGEncoder.chunk("IHDR", PNGEncoder.header(width: width, height: height)))
        var actl = Data()
        actl.appendBigEndian(UInt32(frameCount))
        actl.appendBigEndian(UInt32(0))  // 0 plays = loop forever
        header.append(PNGEncoder.chunk("acTL", actl))
        try write(header)
    }

    /// Appends one frame.
    /// - Parameters:
    ///   - rgb: `width × height × 3` bytes.
    ///   - delay: Seconds this frame is shown.
    /// - Throws: ``AnimationError`` on a write or compression failure.
    public func append(rgb: [UInt8], delay: Double) throws {
        precondition(rgb.count == width * height * 3, "frame has the wrong size")
        do {
            try append(scanlines: try PNGEncoder.compressedScanlines(rgb: rgb, width: width, height: height), delay: delay)
        } catch let error as PNGEncodingError {
            throw AnimationError("\(path): \(error)")
        }
    }

    /// Appends one frame already encoded as a PNG of this size (its IDAT payload is the frame's data).
    /// - Parameters:
    ///   - scanlines: The frame's filtered, compressed scanlines (``PNGEncoding/EncodedImage/scanlines``).
    ///   - delay: Seconds this frame is shown.
    /// - Throws: ``AnimationError`` on a write failure.
    public func append(scanlines compressed: Data, delay: Double) throws {
        var fctl = Data()
        fctl.appendBigEndian(sequence)
        sequence += 1
        fctl.appendBigEndian(UInt32(width))
        fctl.appendBigEndian(UInt32(height))
        fctl.appendBigEndian(UInt32(0))
        fctl.appendBigEndian(UInt32(0))
        fctl.appendBigEndian(UInt16(max(1, min(65_535, Int((delay * 100).rounded())))))
        fctl.appendBigEndian(UInt16(100))
        fctl.append(contentsOf: [0, 0])  // dispose none, blend source
        var data = PNGEncoder.chunk("fcTL", fctl)
        if written == 0 {
            data.append(PNGEncoder.chunk("IDAT", compressed))
        } else {
            var fdat = Data()
            fdat.appendBigEndian(sequence)
            sequence += 1
            fdat.append(compressed)
            data.append(PNGEncoder.chunk("fdAT", fdat))
        }
        written += 1
        try write(data)
    }

    /// Writes IEND, closes the file and renames it into place.
    /// - Throws: ``AnimationError`` when fewer frames than announced were appended or on I/O failure.
    public func finish() throws {
        guard written == frameCount else {
            throw AnimationError("\(path): \(written) of \(frameCount) frames were written")
        }
        try write(PNGEncoder.chunk("IEND", Data()))
        try handle.close()
        do { try AtomicFile.commit(temporary, to: path) } catch { throw AnimationError(error.description) }
    }

    private func write(_ data: Data) throws {
        do { try handle.write(contentsOf: data) } catch {
            try? handle.close()
            try? FileManager.default.removeItem(atPath: temporary)
            throw AnimationError("\(path): cannot write the APNG (\(error.localizedDescription))")
        }
    }
}
