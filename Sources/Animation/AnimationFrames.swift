/// Frames collected for an animation, reduced to 15-bit colour (5 bits per channel) as they arrive,
/// with a histogram of those colours from which the GIF palette is built.
///
/// Keeping 2 bytes per pixel rather than 3 halves the memory of long runs, and 15-bit colour loses
/// nothing a 256-colour GIF could show.
public struct AnimationFrames: Sendable {
    /// Frame width in pixels.
    public let width: Int
    /// Frame height in pixels.
    public let height: Int
    /// Each frame's pixels as RGB555 keys, row after row.
    public private(set) var frames: [[UInt16]] = []
    /// How often each RGB555 key occurs over all frames.
    public private(set) var histogram = [Int](repeating: 0, count: 1 << 15)

    /// Starts an empty sequence.
    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }

    /// Appends a frame.
    /// - Parameter rgb: `width × height × 3` bytes, RGB.
    public mutating func append(rgb: [UInt8]) {
        precondition(rgb.count == width * height * 3, "frame has \(rgb.count) bytes, expected \(width * height * 3)")
        append(keys: Self.keys(rgb: rgb))
    }

    /// Appends a frame already reduced by ``keys(rgb:)`` (which may run on any thread, one frame each).
    /// - Parameter keys: `width × height` RGB555 keys.
    public mutating func append(keys: [UInt16]) {
        precondition(keys.count == width * height, "frame has \(keys.count) pixels, expected \(width * height)")
        histogram.withUnsafeMutableBufferPointer { counts in
            for key in keys { counts[Int(key)] += 1 }
        }
        frames.append(keys)
    }

    /// Reduces RGB pixels to RGB555 keys.
    /// - Parameter rgb: 3 bytes per pixel.
    public static func keys(rgb: [UInt8]) -> [UInt16] {
        let count = rgb.count / 3
        return [UInt16](unsafeUninitializedCapacity: count) { out, initialized in
            rgb.withUnsafeBufferPointer { source in
                for i in 0..<count {
                    out[i] = UInt16(source[3 * i] >> 3) << 10 | UInt16(source[3 * i + 1] >> 3) << 5 | UInt16(source[3 * i + 2] >> 3)
                }
            }
            initialized = count
        }
    }

    /// Number of frames.
    public var count: Int { frames.count }
}

/// A palette of at most 256 colours and the lookup from every RGB555 key to its nearest entry.
public struct IndexedPalette: Sendable {
    /// RGB triples.
    public let colors: [(red: UInt8, green: UInt8, blue: UInt8)]
    /// Palette index for each of the 32,768 RGB555 keys.
    public let lookup: [UInt8]

    /// Builds the palette from the colours the frames use most (popularity over 15-bit colours), then
    /// maps every possible key to the nearest palette colour by squared RGB distance.
    /// - Parameter histogram: Counts per RGB555 key.
    public init(histogram: [Int]) {
        let used = histogram.indices.filter { histogram[$0] > 0 }
            .sorted { histogram[$0] > histogram[$1] || (histogram[$0] == histogram[$1] && $0 < $1) }
        let chosen = Array(used.prefix(256))
        func expand(_ key: Int) -> (UInt8, UInt8, UInt8) {
            func channel(_ v: Int) -> UInt8 { UInt8(v << 3 | v >> 2) }
            return (channel((key >> 10) & 31), channel((key >> 5) & 31), channel(key & 31))
        }
        let palette = chosen.isEmpty ? [(UInt8(255), UInt8(255), UInt8(255))] : chosen.map(expand)
        var lookup = [UInt8](repeating: 0, count: 1 << 15)
        for key in 0..<(1 << 15) {
            let (r, g, b) = expand(key)
            var best = Int.max, bestIndex = 0
            for (index, color) in palette.enumerated() {
                let dr = Int(r) - Int(color.0), dg = Int(g) - Int(color.1), db = Int(b) - Int(color.2)
                let distance = 2 * dr * dr + 4 * dg * dg + 3 * db * db
                if distance < best {
                    best = distance
                    bestIndex = index
                    if distance == 0 { break }
                }
            }
            lookup[key] = UInt8(bestIndex)
        }
        colors = palette.map { (red: $0.0, green: $0.1, blue: $0.2) }
        self.lookup = lookup
    }
}
