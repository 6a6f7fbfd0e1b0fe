/// The element types dcn-report reads and writes in NumPy `.npy` files.
public enum NPYElementType: String, Sendable, CaseIterable {
    case float32 = "f4"
    case float64 = "f8"
    case uint8 = "u1"
    case int8 = "i1"
    case int16 = "i2"
    case int32 = "i4"
    case int64 = "i8"
    case uint16 = "u2"
    case uint32 = "u4"
    case uint64 = "u8"

    /// Bytes per element.
    public var byteCount: Int {
        switch self {
        case .uint8, .int8: 1
        case .int16, .uint16: 2
        case .float32, .int32, .uint32: 4
        case .float64, .int64, .uint64: 8
        }
    }

    /// The NumPy `descr` string, little-endian (`<f4`), or `|u1` for single bytes.
    public var descriptor: String { (byteCount == 1 ? "|" : "<") + rawValue }
}

/// An n-dimensional array as stored in a `.npy` file (C order), with its values widened to `Double`
/// on reading so that callers can convert to what they need.
public struct NPYArray: Sendable {
    /// The dimensions, outermost first.
    public let shape: [Int]
    /// The element type found in the file.
    public let elementType: NPYElementType
    /// The values in C order, widened to `Double`.
    public let values: [Double]

    /// Creates an array value.
    public init(shape: [Int], elementType: NPYElementType, values: [Double]) {
        self.shape = shape
        self.elementType = elementType
        self.values = values
    }
}
