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
        do {
            var output = try buffer.decompress(with: .gzip)
            return Data(output.readBytes(length: output.readableBytes) ?? [])
        } catch {
            throw DatasetError(path, "gzip data is corrupt or truncated (\(error))")
        }
    }
}
