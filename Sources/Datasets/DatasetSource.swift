import Foundation

/// Where a run's data comes from, as named on the command line.
public enum DatasetSource: Equatable, Sendable {
    /// The built-in synthetic example (``SyntheticDataset``).
    case synthetic
    /// A file (`.csv`, `.csv.gz`, `.npy`, IDX) or a folder of MNIST IDX files (``MNISTFolder``).
    case file(String)

    /// Parses `synthetic` or a path.
    /// - Parameter text: The `--dataset` value.
    public init(parsing text: String) {
        self = text == "synthetic" ? .synthetic : .file(text)
    }

    /// Loads the data set.
    /// - Parameters:
    ///   - labelsPath: A separate labels file, if any.
    ///   - labelColumn: For CSV files, the column holding labels.
    ///   - seed: Seed for the synthetic data.
    ///   - syntheticPointsPerCluster: Cluster size of the synthetic data.
    /// - Returns: The data set with labels when available.
    /// - Throws: ``DatasetError`` naming the input and the problem.
    public func load(
        labelsPath: String?, labelColumn: LabelColumn, seed: UInt64, syntheticPointsPerCluster: Int = 2_500
    ) throws -> Dataset {
        var dataset: Dataset
        switch self {
        case .synthetic:
            dataset = SyntheticDataset(pointsPerCluster: syntheticPointsPerCluster).generate(seed: seed)
        case .file(let path):
            let lower = path.lowercased()
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
                dataset = try MNISTFolder.load(path: path)
            } else if IDXLoader.isIDX(path) {
                dataset = try IDXLoader.loadImages(path: path)
            } else if lower.hasSuffix(".npy") {
                dataset = try NPYLoader.loadFeatures(path: path)
            } else if lower.hasSuffix(".csv") || lower.hasSuffix(".csv.gz") {
                dataset = try CSVLoader.load(path: path, labelColumn: labelColumn)
            } else {
                throw DatasetError(
                    path, "unknown data set type (expected 'synthetic', .csv, .csv.gz, .npy or an IDX file such as train-images-idx3-ubyte.gz)")
            }
        }
        if let labelsPath {
            let labels = try LabelsLoader.load(path: labelsPath)
            guard labels.count == dataset.count else {
                throw DatasetError(labelsPath, "has \(labels.count) labels but the data set has \(dataset.count) rows")
            }
            dataset.labels = labels
        }
        return dataset
    }
}
