import CZlib
import Foundation

/// gzip decompression through zlib's own gzip mode, which checks the trailer's CRC-32 and length.
///
/// Written here rather than taken from a package: zlib is already linked for PNG writing, and its
/// `inflateInit2` with window bits 15 + 16 is the whole gzip decoder (compress-nio would add SwiftNIO
/// for the same call).
enum Gunzip {
    /// Why a gzip stream could not be decoded.
    enum Failure: Error {
        /// Not a gzip stream (wrong magic bytes).
        case notGzip
        /// The stream is damaged or cut short; zlib's message when it gave one.
        case corrupt(String)
    }

    /// The decompressed bytes of one or more concatenated gzip members.
    /// - Parameter data: The compressed bytes.
    /// - Returns: The decompressed bytes.
    /// - Throws: ``Failure``.
    static func decompress(_ data: Data) throws(Failure) -> Data {
        guard data.count >= 18, data[data.startIndex] == 0x1F, data[data.startIndex + 1] == 0x8B else { throw .notGzip }
        var output = Data()
        let result: Result<Void, Failure> = data.withUnsafeBytes { raw in
            var stream = z_stream()
            guard inflateInit2_(&stream, 15 + 16, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
                return .failure(.corrupt("zlib could not start"))
            }
            defer { inflateEnd(&stream) }
            let input = raw.bindMemory(to: Bytef.self)
            stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
            stream.avail_in = uInt(input.count)
            var chunk = [UInt8](repeating: 0, count: 1 << 20)
            while true {
                let status: Int32 = chunk.withUnsafeMutableBufferPointer { buffer in
                    stream.next_out = buffer.baseAddress
                    stream.avail_out = uInt(buffer.count)
                    return inflate(&stream, Z_NO_FLUSH)
                }
                output.append(contentsOf: chunk[0..<chunk.count - Int(stream.avail_out)])
                switch status {
                case Z_STREAM_END:
                    // Another gzip member may follow (as `cat a.gz b.gz` makes); decode it too.
                    guard stream.avail_in > 0 else { return .success(()) }
                    guard inflateReset(&stream) == Z_OK else { return .failure(.corrupt("zlib could not restart")) }
                case Z_OK:
                    continue
                case Z_BUF_ERROR where stream.avail_in == 0:
                    return .failure(.corrupt("truncated"))
                default:
                    return .failure(.corrupt(stream.msg.map { String(cString: $0) } ?? "zlib error \(status)"))
                }
            }
        }
        try result.get()
        return output
    }
}
