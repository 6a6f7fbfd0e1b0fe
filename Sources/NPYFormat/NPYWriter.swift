import Foundation

/// Encodes arrays in NumPy's `.npy` format, version 1.0, little-endian, C order.
///
/// Format: the magic `\x93NUMPY`, version bytes `1 0`, a little-endian `UInt16` header length,
/// then an ASCII Python dict literal (`descr`, `fortran_order`, `shape`) padded with spaces and
/// ending in a newline so that the data starts at a multiple of 64 bytes, then the raw data.
/// See https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html.
public enum NPYWriter {
    /// The bytes of a `.npy` file holding `Float` values as `<f4`.
    /// - Parameters:
    ///   - values: Values in C order.
    ///   - shape: The dimensions; their product must equal `values.count`.
    /// - Returns: The complete file contents.
    public static func encode(_ values: [Float], shape: [Int]) -> Data {
        precondition(shape.reduce(1, *) == values.count, "shape \(shape) does not hold \(values.count) values")
        var data = header(for: .float32, shape: shape)
        values.withUnsafeBufferPointer { buffer in
            for value in buffer { appendLittleEndian(value.bitPattern, to: &data) }
        }
        return data
    }

    /// The bytes of a `.npy` file holding `Int32` values as `<i4`.
    /// - Parameters:
    ///   - values: Values in C order.
    ///   - shape: The dimensions; their product must equal `values.count`.
    /// - Returns: The complete file contents.
    public static func encode(_ values: [Int32], shape: [Int]) -> Data {
        precondition(shape.reduce(1, *) == values.count, "shape \(shape) does not hold \(values.count) values")
        var data = header(for: .int32, shape: shape)
        for value in values { appendLittleEndian(UInt32(bitPattern: value), to: &data) }
        return data
    }

    static func header(for type: NPYElementType, shape: [Int]) -> Data {
        let shapeText: String
        switch shape.count {
        case 0: shapeText = "()"
        case 1: shapeText = "(\(shape[0]),)"
        default: shapeText = "(" + shape.map(String.init).joined(separator: ", ") + ")"
        }
        var dict = "{'descr': '\(type.descriptor)', 'fortran_order': False, 'shape': \(shapeText), }"
        let preamble = 10  // magic (6) + version (2) + header length (2)
        let unpadded = preamble + dict.utf8.count + 1
        dict += String(repeating: " ", count: (64 - unpadded % 64) % 64) + "\n"
        var data = Data([0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, 1, 0])
        appendLittleEndian(UInt16(dict.utf8.count), to: &data)
        data.append(contentsOf: Array(dict.utf8))
        return data
    }

    static func appendLittleEndian<T: FixedWidthInteger>(_ value: T, to data: inout Data) {
        withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) }
    }
}
