import CZlib
import CompressNIO
import Foundation
import NIOCore

/// Reads a file's bytes, decompressing it when its name ends in `.gz`.
enum FileBytes {
    /// The file's contents, gunzipped for `.gz` names.
    /// - Parameter path: The file to read.
    /// - Returns: The (decompressed) bytes.
    /// - Throws: ``DatasetError`` for a missing file, a directory, an unreadable file or bad gzip data.
    static func read(_ path: String) throws -> Data {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw DatasetError(path, "no such file")
        }
        guard !isDirectory.boolValue else { throw DatasetError(path, "is a directory, expected a file") }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DatasetError(path, "cannot be read (check its permissions)")
        }
        guard path.lowercased().hasSuffix(".gz") else { return data }
        return try gunzip(data, path: path)
    }

    static func gunzip(_ data: Data, path: String) throws -> Data {
        guard data.count >= 18, data[data.startIndex] == 0x1F, data[data.startIndex + 1] == 0x8B else {
            throw DatasetError(path, "is not gzip data (the name ends in .gz)")
        }
        var buffer = ByteBuffer(bytes: data)
        let output: [UInt8]
        do {
            var decompressed = try buffer.decompress(with: .gzip)
            output = decompressed.readBytes(length: decompressed.readableBytes) ?? []
        } catch {
            throw DatasetError(path, "gzip data is corrupt or truncated (\(error))")
        }
        // The decompressor stops quietly at a cut; the trailer's CRC-32 and length catch truncation.
        let trailer = [UInt8](data.suffix(8))
        let expectedCRC = UInt32(trailer[0]) | UInt32(trailer[1]) << 8 | UInt32(trailer[2]) << 16 | UInt32(trailer[3]) << 24
        let expectedSize = UInt32(trailer[4]) | UInt32(trailer[5]) << 8 | UInt32(trailer[6]) << 16 | UInt32(trailer[7]) << 24
        let crc = output.withUnsafeBufferPointer { UInt32(crc32(0, $0.baseAddress, uInt($0.count))) }
        guard crc == expectedCRC, UInt32(truncatingIfNeeded: output.count) == expectedSize else {
            throw DatasetError(path, "gzip data is corrupt or truncated (checksum mismatch)")
        }
        return Data(output)
    }
}
