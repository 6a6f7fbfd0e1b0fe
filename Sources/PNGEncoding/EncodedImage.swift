public import Foundation

/// An RGB image together with its PNG encoding, so that an animation can take the pixels (GIF) or
/// the compressed scanlines (APNG, whose frames carry the same zlib stream as a PNG's IDAT) without
/// converting or compressing the frame again.
public struct EncodedImage: Sendable {
    /// Pixels per row.
    public let width: Int
    /// Rows.
    public let height: Int
    /// `width × height × 3` bytes, RGB.
    public let rgb: [UInt8]
    /// The framed, zlib-compressed scanlines: an IDAT (or APNG fdAT) payload.
    public let scanlines: Data

    /// Encodes `rgb`.
    /// - Throws: ``PNGEncodingError`` when zlib fails.
    public init(rgb: [UInt8], width: Int, height: Int) throws {
        self.width = width
        self.height = height
        self.rgb = rgb
        scanlines = try PNGEncoder.compressedScanlines(rgb: rgb, width: width, height: height)
    }

    /// Wraps pixels whose scanlines the caller framed (``PNGEncoder/noFilter`` leading each row), for a
    /// source that produces both in one pass.
    /// - Throws: ``PNGEncodingError`` when zlib fails.
    public init(rgb: [UInt8], framedScanlines: [UInt8], width: Int, height: Int) throws {
        precondition(rgb.count == width * height * 3 && framedScanlines.count == height * (width * 3 + 1), "image and scanlines differ in size")
        self.width = width
        self.height = height
        self.rgb = rgb
        scanlines = try PNGEncoder.compress(framed: framedScanlines)
    }

    /// The complete PNG file.
    public var pngFile: Data { PNGEncoder.file(scanlines: scanlines, width: width, height: height) }
}
