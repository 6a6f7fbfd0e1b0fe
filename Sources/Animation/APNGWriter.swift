internal import CZlib
import Foundation

/// Writes an animated PNG (APNG, lossless, 24-bit RGB) frame by frame.
///
/// Chunks, per the APNG specification: IHDR, acTL (frame count, loop forever), then per frame an fcTL
/// (size, delay in 1/100 s) followed by the image data — IDAT for the first frame, so viewers without
/// APNG support show it as a still, fdAT for the others — and IEND. Scanlines use PNG filter 1 (Sub)
/// and are compressed with zlib; CRCs come from zlib's `crc32`.
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
    ///   - path: Output file (written to a temporary name and renamed by ``finish(delay:lastFrameDelay:)``).
    ///   - width: Frame width in pixels.
    ///   - height: Frame height in pixels.
    ///   - frameCount: Number of frames that will be appended.
    /// - Throws: ``AnimationError`` when the file cannot be created.
    public init(path: String, width: Int, height: Int, frameCount: Int) throws {
        self.path = path
        temporary = path + ".partial"
        self.width = width
        self.height = height
        self.frameCount = frameCount
        guard FileManager.default.createFile(atPath: temporary, contents: nil), let handle = FileHandle(forWritingAtPath: temporary) else {
            throw AnimationError("\(path): cannot create the APNG")
        }
        self.handle = handle
        var header = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        var ihdr = Data()
        ihdr.appendBigEndian(UInt32(width)); ihdr.appendBigEndian(UInt32(height))
        ihdr.append(contentsOf: [8, 2, 0, 0, 0])  // 8-bit RGB, deflate, adaptive filtering, no interlace
        header.append(Self.chunk("IHDR", ihdr))
        var actl = Data()
        actl.appendBigEndian(UInt32(frameCount)); actl.appendBigEndian(UInt32(0))  // 0 plays = loop forever
        header.append(Self.chunk("acTL", actl))
        try write(header)
    }

    /// Appends one frame.
    /// - Parameters:
    ///   - rgb: `width × height × 3` bytes.
    ///   - delay: Seconds this frame is shown.
    /// - Throws: ``AnimationError`` on a write or compression failure.
    public func append(rgb: [UInt8], delay: Double) throws {
        precondition(rgb.count == width * height * 3, "frame has the wrong size")
        var fctl = Data()
        fctl.appendBigEndian(sequence); sequence += 1
        fctl.appendBigEndian(UInt32(width)); fctl.appendBigEndian(UInt32(height))
        fctl.appendBigEndian(UInt32(0)); fctl.appendBigEndian(UInt32(0))
        fctl.appendBigEndian(UInt16(max(1, min(65_535, Int((delay * 100).rounded())))))
        fctl.appendBigEndian(UInt16(100))
        fctl.append(contentsOf: [0, 0])  // dispose none, blend source
        var data = Self.chunk("fcTL", fctl)
        let compressed = try compress(filtered(rgb))
        if written == 0 {
            data.append(Self.chunk("IDAT", compressed))
        } else {
            var fdat = Data()
            fdat.appendBigEndian(sequence); sequence += 1
            fdat.append(compressed)
            data.append(Self.chunk("fdAT", fdat))
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
        try write(Self.chunk("IEND", Data()))
        try handle.close()
        guard rename(temporary, path) == 0 else {
            throw AnimationError("\(path): cannot be written (\(String(cString: strerror(errno))))")
        }
    }

    private func write(_ data: Data) throws {
        do { try handle.write(contentsOf: data) } catch {
            try? handle.close()
            try? FileManager.default.removeItem(atPath: temporary)
            throw AnimationError("\(path): cannot write the APNG (\(error.localizedDescription))")
        }
    }

    /// Each scanline prefixed with filter type 1 (Sub): every byte minus the byte one pixel to its left.
    private func filtered(_ rgb: [UInt8]) -> [UInt8] {
        let rowBytes = width * 3
        var out = [UInt8](repeating: 0, count: height * (rowBytes + 1))
        rgb.withUnsafeBufferPointer { source in
            out.withUnsafeMutableBufferPointer { target in
                for y in 0..<height {
                    let s = y * rowBytes, t = y * (rowBytes + 1)
                    target[t] = 1
                    for x in 0..<rowBytes {
                        target[t + 1 + x] = x < 3 ? source[s + x] : source[s + x] &- source[s + x - 3]
                    }
                }
            }
        }
        return out
    }

    private func compress(_ bytes: [UInt8]) throws -> Data {
        var length = compressBound(uLong(bytes.count))
        var out = [UInt8](repeating: 0, count: Int(length))
        let status = compress2(&out, &length, bytes, uLong(bytes.count), 6)
        guard status == Z_OK else { throw AnimationError("\(path): zlib compression failed (\(status))") }
        return Data(out.prefix(Int(length)))
    }

    static func chunk(_ type: String, _ body: Data) -> Data {
        var data = Data()
        data.appendBigEndian(UInt32(body.count))
        var typed = Data(type.utf8)
        typed.append(body)
        data.append(typed)
        let crc = typed.withUnsafeBytes { raw in
            crc32(0, raw.bindMemory(to: Bytef.self).baseAddress, uInt(typed.count))
        }
        data.appendBigEndian(UInt32(crc))
        return data
    }
}

extension Data {
    mutating func appendBigEndian<T: FixedWidthInteger>(_ value: T) {
        Swift.withUnsafeBytes(of: value.bigEndian) { append(contentsOf: $0) }
    }
}
