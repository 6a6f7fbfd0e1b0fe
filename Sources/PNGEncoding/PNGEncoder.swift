internal import CZlib
import Foundation

/// Encodes 24-bit RGB images as PNG, with the compression settings chosen for plots.
///
/// Written here (on zlib) rather than through `cairo_surface_write_to_png` because that gives no
/// control over filters or compression and dominated the frame time; and because the APNG writer
/// needs the same scanline filtering and chunk framing. Scanlines use filter 1 (Sub); deflate uses
/// the run-length strategy (`Z_RLE`), which is fast and compresses flat plot backgrounds well.
public enum PNGEncoder {
    /// The 8-byte PNG signature.
    public static let signature = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])

    /// A complete PNG file.
    /// - Parameters:
    ///   - rgb: `width × height × 3` bytes.
    ///   - width: Pixels per row.
    ///   - height: Rows.
    /// - Returns: The file's bytes.
    /// - Throws: ``PNGEncodingError`` when zlib fails.
    public static func encode(rgb: [UInt8], width: Int, height: Int) throws -> Data {
        var file = signature
        file.append(chunk("IHDR", header(width: width, height: height)))
        file.append(chunk("IDAT", try compressedScanlines(rgb: rgb, width: width, height: height)))
        file.append(chunk("IEND", Data()))
        return file
    }

    /// The IHDR body for 8-bit RGB, no interlace.
    public static func header(width: Int, height: Int) -> Data {
        var ihdr = Data()
        ihdr.appendBigEndian(UInt32(width))
        ihdr.appendBigEndian(UInt32(height))
        ihdr.append(contentsOf: [8, 2, 0, 0, 0])
        return ihdr
    }

    /// Filtered (Sub) and zlib-compressed scanlines: the payload of IDAT (or APNG fdAT).
    public static func compressedScanlines(rgb: [UInt8], width: Int, height: Int) throws -> Data {
        precondition(rgb.count == width * height * 3, "image has \(rgb.count) bytes, expected \(width * height * 3)")
        let rowBytes = width * 3
        var filtered = [UInt8](repeating: 0, count: height * (rowBytes + 1))
        rgb.withUnsafeBufferPointer { source in
            filtered.withUnsafeMutableBufferPointer { target in
                for y in 0..<height {
                    let s = y * rowBytes, t = y * (rowBytes + 1)
                    target[t] = 1
                    for x in 0..<min(3, rowBytes) { target[t + 1 + x] = source[s + x] }
                    if rowBytes > 3 { for x in 3..<rowBytes { target[t + 1 + x] = source[s + x] &- source[s + x - 3] } }
                }
            }
        }
        var stream = z_stream()
        guard deflateInit2_(&stream, 6, Z_DEFLATED, 15, 8, Z_RLE, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw PNGEncodingError("zlib could not start")
        }
        defer { deflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(filtered.count))))
        let status = filtered.withUnsafeMutableBufferPointer { input in
            output.withUnsafeMutableBufferPointer { out -> Int32 in
                stream.next_in = input.baseAddress
                stream.avail_in = uInt(input.count)
                stream.next_out = out.baseAddress
                stream.avail_out = uInt(out.count)
                return deflate(&stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END else { throw PNGEncodingError("zlib compression failed (\(status))") }
        return Data(output.prefix(Int(stream.total_out)))
    }

    /// One chunk: length, type, body, CRC-32 of type and body.
    public static func chunk(_ type: String, _ body: Data) -> Data {
        var typed = Data(type.utf8)
        typed.append(body)
        let crc = typed.withUnsafeBytes { raw in crc32(0, raw.bindMemory(to: Bytef.self).baseAddress, uInt(typed.count)) }
        var data = Data()
        data.appendBigEndian(UInt32(body.count))
        data.append(typed)
        data.appendBigEndian(UInt32(crc))
        return data
    }
}

/// Why a PNG could not be encoded.
public struct PNGEncodingError: Error, CustomStringConvertible, Sendable {
    /// What failed.
    public let message: String
    /// Creates an error.
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

extension Data {
    /// Appends an integer in big-endian byte order (PNG's).
    public mutating func appendBigEndian<T: FixedWidthInteger>(_ value: T) {
        Swift.withUnsafeBytes(of: value.bigEndian) { append(contentsOf: $0) }
    }
}
