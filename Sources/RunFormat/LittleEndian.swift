import Foundation

// The raw little-endian numbers of the binary files (model file, pretraining checkpoint).

/// Appends `value` as 4 little-endian bytes.
func appendUInt32(_ value: UInt32, to data: inout Data) {
    withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) }
}

/// Appends every value as a little-endian float32.
func appendFloats(_ values: [Float], to data: inout Data) {
    for value in values { appendUInt32(value.bitPattern, to: &data) }
}

/// The little-endian `UInt32` at `offset`.
func readUInt32(_ bytes: [UInt8], _ offset: Int) -> UInt32 {
    UInt32(bytes[offset]) | UInt32(bytes[offset + 1]) << 8 | UInt32(bytes[offset + 2]) << 16 | UInt32(bytes[offset + 3]) << 24
}

/// `count` little-endian float32 values starting at `offset`.
func readFloats(_ bytes: [UInt8], _ offset: Int, count: Int) -> [Float] {
    (0..<count).map { Float(bitPattern: readUInt32(bytes, offset + 4 * $0)) }
}
