import DCNMath
import Foundation
import DCNCore

/// Loads IDX files, the format of the MNIST distribution (`train-images-idx3-ubyte`,
/// `train-labels-idx1-ubyte`, optionally gzipped).
///
/// Layout (big-endian): two zero bytes, a type code (0x08 = unsigned byte), the number of dimensions,
/// one UInt32 per dimension, then the values. Images of any size are flattened to one row each.
public enum IDXLoader {
    /// Whether a path names an IDX file.
    public static func isIDX(_ path: String) -> Bool {
        let name = path.lowercased()
        return name.contains("-idx") || name.hasSuffix(".idx") || name.hasSuffix(".idx.gz")
    }

    /// Loads an image file (3 or more dimensions, or 2) as samples × pixels.
    /// - Parameter path: The file (`.gz` is decompressed).
    /// - Returns: A data set without labels; values 0–255.
    /// - Throws: ``DatasetError`` for a wrong magic, type, dimension count or a truncated file.
    public static func loadImages(path: String) throws -> Dataset {
        try loadImages(bytes: FileBytes.read(path), source: path, decompressed: true)
    }

    /// Loads an image file's bytes, as ``loadImages(path:)`` does.
    /// - Parameters:
    ///   - bytes: The file's contents (gzipped when `source` ends in `.gz`).
    ///   - source: The file's name or path, for the data set's name and for errors.
    /// - Returns: A data set without labels; values 0–255.
    /// - Throws: ``DatasetError`` naming `source`.
    public static func loadImages(bytes: Data, source: String) throws -> Dataset {
        try loadImages(bytes: bytes, source: source, decompressed: false)
    }

    static func loadImages(bytes: Data, source path: String, decompressed: Bool) throws -> Dataset {
        let (dimensions, values) = try decode(decompressed ? bytes : FileBytes.decoded(bytes, name: path), source: path)
        guard dimensions.count >= 2 else {
            throw DatasetError(path, "expected an image file (idx3), found \(dimensions.count) dimension(s); is this a labels file?")
        }
        let count = dimensions[0]
        guard let width = dimensions.dropFirst().checkedProduct else {
            throw DatasetError(path, "IDX dimensions \(dimensions) are too large")
        }
        guard count > 0, width > 0 else { throw DatasetError(path, "holds no images") }
        try MemoryCheck.check(rows: count, columns: width, input: path)
        var dataset = Dataset(
            name: URL(fileURLWithPath: path).lastPathComponent,
            description: "IDX file \(path): \(count) images of \(dimensions.dropFirst().map(String.init).joined(separator: "×"))",
            features: Matrix(rows: count, columns: width, values: values.map { Float($0) }), labels: nil)  // the one copy
        dataset.prefer(.unit, because: "pixel data (IDX images): divided by the largest value")
        if dimensions.count == 3 || (dimensions.count == 4 && [1, 3, 4].contains(dimensions[3])) {
            dataset.imageShape = Array(dimensions.dropFirst())
        }
        return dataset
    }

    /// Loads a labels file (1 dimension).
    /// - Parameter path: The file (`.gz` is decompressed).
    /// - Returns: One label per item.
    /// - Throws: ``DatasetError`` for a malformed file.
    public static func loadLabels(path: String) throws -> [Int32] {
        try loadLabels(bytes: FileBytes.read(path), source: path, decompressed: true)
    }

    /// Loads a labels file's bytes, as ``loadLabels(path:)`` does.
    /// - Parameters:
    ///   - bytes: The file's contents (gzipped when `source` ends in `.gz`).
    ///   - source: The file's name or path, for errors.
    /// - Throws: ``DatasetError`` naming `source`.
    public static func loadLabels(bytes: Data, source: String) throws -> [Int32] {
        try loadLabels(bytes: bytes, source: source, decompressed: false)
    }

    static func loadLabels(bytes: Data, source path: String, decompressed: Bool) throws -> [Int32] {
        let (dimensions, values) = try decode(decompressed ? bytes : FileBytes.decoded(bytes, name: path), source: path)
        guard dimensions.count == 1 else {
            throw DatasetError(path, "expected a labels file (idx1), found \(dimensions.count) dimensions")
        }
        return values.map { Int32($0) }
    }

    static func decode(_ data: Data, source path: String) throws -> (dimensions: [Int], values: ArraySlice<UInt8>) {
        let bytes = [UInt8](data)
        guard bytes.count >= 4, bytes[0] == 0, bytes[1] == 0 else {
            throw DatasetError(path, "not an IDX file (bad magic number)")
        }
        guard bytes[2] == 0x08 else {
            throw DatasetError(path, String(format: "unsupported IDX value type 0x%02X (only unsigned bytes, 0x08)", bytes[2]))
        }
        let dimensionCount = Int(bytes[3])
        guard dimensionCount >= 1, dimensionCount <= 8 else { throw DatasetError(path, "bad IDX dimension count \(dimensionCount)") }
        let headerLength = 4 + 4 * dimensionCount
        guard bytes.count >= headerLength else { throw DatasetError(path, "truncated IDX header") }
        var dimensions: [Int] = []
        var total = 1
        for i in 0..<dimensionCount {
            let o = 4 + 4 * i
            let size = Int(bytes[o]) << 24 | Int(bytes[o + 1]) << 16 | Int(bytes[o + 2]) << 8 | Int(bytes[o + 3])
            dimensions.append(size)
            let (product, overflow) = total.multipliedReportingOverflow(by: size)
            guard !overflow else { throw DatasetError(path, "IDX dimensions \(dimensions) are too large") }
            total = product
        }
        let available = bytes.count - headerLength
        guard total <= available else {
            throw DatasetError(
                path, "IDX header declares \(dimensions.map(String.init).joined(separator: "×")) = \(total) values but the file holds \(available)")
        }
        guard total == available else {
            throw DatasetError(path, "file has \(available - total) bytes after the \(total) values its header declares")
        }
        return (dimensions, bytes[headerLength...])
    }
}
