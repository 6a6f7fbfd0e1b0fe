import Foundation

/// Decodes NumPy `.npy` files (versions 1.0, 2.0 and 3.0; C or Fortran order; either byte order).
///
/// A Fortran-order file (what `numpy.save` writes for a column-major array, such as many a pandas
/// `DataFrame.to_numpy()`) is returned in C order with its shape unchanged, as `numpy.load` returns it.
///
/// The reader checks every part of the header against the file's length before allocating, so a
/// header that claims more elements than the file holds is refused rather than allocated.
public enum NPYReader {
    /// Decodes a complete `.npy` file.
    /// - Parameter data: The file's bytes.
    /// - Returns: The array, values widened to `Double`.
    /// - Throws: ``NPYError`` naming what is wrong (magic, version, header, type, order, shape or length).
    public static func decode(_ data: Data) throws -> NPYArray {
        let header = try self.header(data)
        let stored = data.withUnsafeBytes { raw in
            decodeValues(
                raw.bindMemory(to: UInt8.self), from: header.dataOffset, count: header.count, type: header.elementType,
                bigEndian: header.bigEndian)
        }
        let values = header.fortranOrder ? FortranOrder.toCOrder(stored, shape: header.shape) : stored
        return NPYArray(shape: header.shape, elementType: header.elementType, values: values)
    }

    /// Decodes a complete `.npy` file straight to `Float`, without a wider intermediate copy (for large
    /// feature arrays).
    /// - Parameter data: The file's bytes.
    /// - Returns: The header and the values in C order.
    /// - Throws: ``NPYError`` as ``decode(_:)``.
    public static func decodeFloats(_ data: Data) throws -> (header: NPYHeader, values: [Float]) {
        let header = try self.header(data)
        let stored = data.withUnsafeBytes { raw -> [Float] in
            let bytes = raw.bindMemory(to: UInt8.self)
            if header.elementType == .float32 && !header.bigEndian {
                return [Float](unsafeUninitializedCapacity: header.count) { buffer, initialized in
                    for i in 0..<header.count {
                        let o = header.dataOffset + 4 * i
                        let bits = UInt32(bytes[o]) | UInt32(bytes[o + 1]) << 8 | UInt32(bytes[o + 2]) << 16 | UInt32(bytes[o + 3]) << 24
                        buffer[i] = Float(bitPattern: bits)
                    }
                    initialized = header.count
                }
            }
            return decodeValues(bytes, from: header.dataOffset, count: header.count, type: header.elementType, bigEndian: header.bigEndian)
                .map { Float($0) }
        }
        return (header, header.fortranOrder ? FortranOrder.toCOrder(stored, shape: header.shape) : stored)
    }

    /// Reads and checks the header: magic, version, dict, dtype, order, and that the file holds exactly
    /// the bytes the shape needs — before anything is allocated for the values.
    /// - Parameter data: The file's bytes.
    /// - Returns: The parsed header.
    /// - Throws: ``NPYError`` naming what is wrong.
    public static func header(_ data: Data) throws -> NPYHeader {
        let bytes = [UInt8](data.prefix(min(data.count, 65_546)))
        let magic: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59]
        guard bytes.count >= 10, Array(bytes[0..<6]) == magic else {
            throw NPYError("not a NumPy .npy file (missing the \\x93NUMPY magic)")
        }
        let major = bytes[6]
        let headerLength: Int
        let headerStart: Int
        switch major {
        case 1:
            headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
            headerStart = 10
        case 2, 3:
            guard bytes.count >= 12 else { throw NPYError("truncated header") }
            headerLength = Int(bytes[8]) | Int(bytes[9]) << 8 | Int(bytes[10]) << 16 | Int(bytes[11]) << 24
            headerStart = 12
        default:
            throw NPYError("unsupported .npy format version \(major).\(bytes[7]) (supported: 1.0, 2.0, 3.0)")
        }
        guard headerLength <= 65_536 else { throw NPYError("header of \(headerLength) bytes is implausibly large") }
        guard headerStart + headerLength <= bytes.count else { throw NPYError("truncated header") }
        guard let text = String(bytes: bytes[headerStart..<headerStart + headerLength], encoding: .utf8) else {
            throw NPYError("header is not text")
        }
        let fields = try NPYHeaderParser.parse(text)
        let (type, bigEndian) = try elementType(fields.descriptor)
        var count = 1
        for dimension in fields.shape {
            let (product, overflow) = count.multipliedReportingOverflow(by: dimension)
            guard !overflow else { throw NPYError("shape \(fields.shape) is too large") }
            count = product
        }
        let dataStart = headerStart + headerLength
        let available = data.count - dataStart
        let (needed, overflow) = count.multipliedReportingOverflow(by: type.byteCount)
        guard !overflow, needed <= available else {
            throw NPYError("shape \(fields.shape) needs \(count) × \(type.byteCount) bytes but the file holds \(available)")
        }
        guard needed == available else {
            throw NPYError("file has \(available - needed) bytes after the data that shape \(fields.shape) describes")
        }
        return NPYHeader(
            shape: fields.shape, elementType: type, bigEndian: bigEndian, fortranOrder: fields.fortranOrder,
            dataOffset: dataStart, count: count)
    }

    static func elementType(_ descriptor: String) throws -> (NPYElementType, bigEndian: Bool) {
        guard descriptor.count >= 2 else { throw NPYError("unknown dtype '\(descriptor)'") }
        let order = descriptor.first!
        let code = String(descriptor.dropFirst())
        guard "<>|=".contains(order), let type = NPYElementType(rawValue: code) else {
            throw NPYError(
                "dtype '\(descriptor)'\(unsupportedKind(descriptor).map { " (\($0))" } ?? "") is not supported; "
                    + "save the array as float32, float64 or an integer type (numpy: x.astype('float32'))")
        }
        return (type, order == ">" && type.byteCount > 1)
    }

    /// What kind of array an unsupported type code describes, in numpy's words.
    static func unsupportedKind(_ descriptor: String) -> String? {
        let code = descriptor.drop { "<>|=".contains($0) }
        switch code.first {
        case "O": return "Python objects"
        case "b", "?": return "bool"
        case "c": return "complex"
        case "f": return code == "f2" ? "float16" : "a float of \(code.dropFirst()) bytes"
        case "U", "S", "a": return "text"
        case "M", "m": return "dates or time spans"
        case "V": return "raw bytes or a structured type"
        default: return nil
        }
    }

    static func decodeValues(
        _ bytes: UnsafeBufferPointer<UInt8>, from start: Int, count: Int, type: NPYElementType, bigEndian: Bool
    ) -> [Double] {
        var result = [Double](repeating: 0, count: count)
        let size = type.byteCount
        func word(_ index: Int) -> UInt64 {
            var value: UInt64 = 0
            let base = start + index * size
            for byte in 0..<size {
                let shift = bigEndian ? (size - 1 - byte) * 8 : byte * 8
                value |= UInt64(bytes[base + byte]) << shift
            }
            return value
        }
        for i in 0..<count {
            let w = word(i)
            switch type {
            case .float32: result[i] = Double(Float(bitPattern: UInt32(truncatingIfNeeded: w)))
            case .float64: result[i] = Double(bitPattern: w)
            case .uint8, .uint16, .uint32, .uint64: result[i] = Double(w)
            case .int8: result[i] = Double(Int8(truncatingIfNeeded: w))
            case .int16: result[i] = Double(Int16(truncatingIfNeeded: w))
            case .int32: result[i] = Double(Int32(truncatingIfNeeded: w))
            case .int64: result[i] = Double(Int64(bitPattern: w))
            }
        }
        return result
    }
}

/// The parsed header of an `.npy` file.
public struct NPYHeader: Sendable, Equatable {
    /// Dimensions, outermost first.
    public let shape: [Int]
    /// Element type.
    public let elementType: NPYElementType
    /// Whether multi-byte values are big-endian.
    public let bigEndian: Bool
    /// Whether the file stores the values in Fortran (column-major) order; decoding returns C order.
    public let fortranOrder: Bool
    /// Byte offset of the first value.
    public let dataOffset: Int
    /// Number of values.
    public let count: Int
}
