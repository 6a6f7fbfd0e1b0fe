import DCNMath
import Foundation
import NPYFormat
import DCNCore

/// Loads NumPy `.npy` files: a 2-D feature array, or a 1-D label array.
public enum NPYLoader {
    /// Loads a 2-D array (samples × features) as a data set without labels.
    /// - Parameter path: The `.npy` file.
    /// - Returns: The data set.
    /// - Throws: ``DatasetError`` naming the file and what is wrong.
    public static func loadFeatures(path: String) throws -> Dataset {
        try loadFeatures(bytes: FileBytes.read(path), source: path)
    }

    /// Loads a 2-D array from a `.npy` file's bytes, as ``loadFeatures(path:)`` does.
    /// - Parameters:
    ///   - data: The file's contents.
    ///   - path: The file's name or path, for the data set's name and for errors.
    /// - Throws: ``DatasetError`` naming `path`.
    public static func loadFeatures(bytes data: Data, source path: String) throws -> Dataset {
        let header: NPYHeader
        do { header = try NPYReader.header(data) } catch let error as NPYError { throw DatasetError(path, error.message) }
        // N × D features, or N × H × W (× C) images, which keep their shape.
        let isImages = header.shape.count == 3 || (header.shape.count == 4 && [1, 3, 4].contains(header.shape[3]))
        guard header.shape.count == 2 || isImages else {
            throw DatasetError(
                path,
                "expected a 2-D array (samples × features) or images (N × H × W or N × H × W × C with C of 1, 3 or 4), found shape \(header.shape)")
        }
        guard let width = header.shape.dropFirst().checkedProduct else {
            throw DatasetError(path, "shape \(header.shape) is too large")
        }
        guard header.shape[0] > 0, width > 0 else { throw DatasetError(path, "array is empty, shape \(header.shape)") }
        try MemoryCheck.check(rows: header.shape[0], columns: width, input: path)
        let values: [Float]
        do { values = try NPYReader.decodeFloats(data).values } catch let error as NPYError { throw DatasetError(path, error.message) }
        if let bad = values.firstIndex(where: { !$0.isFinite }) {
            throw DatasetError(path, "row \(bad / width), column \(bad % width) is \(values[bad]), expected a finite number")
        }
        var dataset = Dataset(
            name: URL(fileURLWithPath: path).lastPathComponent,
            description: "NumPy file \(path) (\(header.elementType))",
            features: Matrix(rows: header.shape[0], columns: width, values: values),
            labels: nil)
        if header.elementType == .uint8 {
            dataset.prefer(.unit, because: "8-bit values (uint8): divided by the largest")
        } else if isImages {
            dataset.prefer(.unit, because: "an array of images: divided by the largest value")
        } else {
            dataset.preferTableScaling()
        }
        if isImages { dataset.imageShape = Array(header.shape.dropFirst()) }
        return dataset
    }

    static func decode(_ path: String) throws -> NPYArray {
        try decode(FileBytes.read(path), source: path)
    }

    static func decode(_ data: Data, source path: String) throws -> NPYArray {
        do {
            return try NPYReader.decode(data)
        } catch let error as NPYError {
            throw DatasetError(path, error.message)
        }
    }
}

/// Loads ground-truth labels from a `.npy` file (1-D, or N×1 integers) or a one-column CSV.
public enum LabelsLoader {
    /// Loads labels.
    /// - Parameter path: A `.npy`, `.csv` or `.csv.gz` file.
    /// - Returns: One integer label per sample.
    /// - Throws: ``DatasetError`` naming the file and what is wrong.
    public static func load(path: String) throws -> [Int32] {
        let values: [Double]
        if IDXLoader.isIDX(path) {
            return try IDXLoader.loadLabels(path: path)
        } else if path.lowercased().hasSuffix(".npy") {
            let array = try NPYLoader.decode(path)
            guard array.shape.count == 1 || (array.shape.count == 2 && array.shape[1] == 1) else {
                throw DatasetError(path, "expected a 1-D array of labels, found shape \(array.shape)")
            }
            values = array.values
        } else {
            let table = try CSVLoader.load(path: path, labelColumn: .none)
            guard table.dimensions == 1 else {
                throw DatasetError(path, "expected one column of labels, found \(table.dimensions)")
            }
            values = table.features.values.map { Double($0) }
        }
        guard !values.isEmpty else { throw DatasetError(path, "holds no labels") }
        return try values.enumerated().map { index, value in
            guard value.isFinite, value == value.rounded(), abs(value) < 2_000_000_000 else {
                throw DatasetError(path, "label \(index) is \(value), expected an integer")
            }
            return Int32(value)
        }
    }
}
