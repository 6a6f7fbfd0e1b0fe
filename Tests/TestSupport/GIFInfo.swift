import Foundation

/// The structure of a GIF file, read by walking its blocks (GIF89a spec) without decoding pixels:
/// enough to check frame counts, size, delays and looping.
public struct GIFInfo {
    public var width = 0
    public var height = 0
    public var frameCount = 0
    public var delays: [Int] = []
    public var loops = false

    public init(contentsOf url: URL) throws {
        let bytes = [UInt8](try Data(contentsOf: url))
        struct Malformed: Error {}
        guard bytes.count > 13, String(decoding: bytes[0..<6], as: UTF8.self) == "GIF89a" else { throw Malformed() }
        width = Int(bytes[6]) | Int(bytes[7]) << 8
        height = Int(bytes[8]) | Int(bytes[9]) << 8
        var i = 13
        if bytes[10] & 0x80 != 0 { i += 3 * (1 << (Int(bytes[10] & 7) + 1)) }
        func skipSubBlocks() throws {
            while i < bytes.count, bytes[i] != 0 { i += Int(bytes[i]) + 1 }
            guard i < bytes.count else { throw Malformed() }
            i += 1
        }
        while i < bytes.count {
            switch bytes[i] {
            case 0x21:
                let label = bytes[i + 1]
                if label == 0xF9 { delays.append(Int(bytes[i + 4]) | Int(bytes[i + 5]) << 8) }
                if label == 0xFF, String(decoding: bytes[(i + 3)..<(i + 14)], as: UTF8.self) == "NETSCAPE2.0" { loops = true }
                i += 2
                try skipSubBlocks()
            case 0x2C:
                frameCount += 1
                let flags = bytes[i + 9]
                i += 10
                if flags & 0x80 != 0 { i += 3 * (1 << (Int(flags & 7) + 1)) }
                i += 1  // LZW minimum code size
                try skipSubBlocks()
            case 0x3B:
                return
            default:
                throw Malformed()
            }
        }
        throw Malformed()
    }
}
