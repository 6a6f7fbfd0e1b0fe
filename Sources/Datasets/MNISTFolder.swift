import DCNMath
import Foundation
import DCNCore

/// Loads a folder holding the MNIST distribution's IDX files as one data set: the 60,000 training
/// images followed by the 10,000 test images, with their labels — the 70,000 digits the DCN paper
/// clusters (§5.2).
///
/// Accepted names (each optionally gzipped): `train-images-idx3-ubyte`, `train-labels-idx1-ubyte`,
/// `t10k-images-idx3-ubyte`, `t10k-labels-idx1-ubyte`, also with a dot before `idx` as some mirrors
/// name them. The training images are required; the test images, and each labels file, are used when present.
public enum MNISTFolder {
    /// Loads the folder.
    /// - Parameter path: The folder.
    /// - Returns: The images (values 0–255, `unit` scaling preferred) with labels when every
    ///   loaded image file has its labels file.
    /// - Throws: ``DatasetError`` naming the folder when the training images are missing, or the
    ///   file at fault when one is malformed or image and label counts differ.
    public static func load(path: String) throws -> Dataset {
        guard let trainImages = find("train-images", "idx3", in: path) else {
            throw DatasetError(path, "is a folder without train-images-idx3-ubyte[.gz]; give a data file, or a folder of MNIST IDX files")
        }
        var parts = [(images: trainImages, labels: find("train-labels", "idx1", in: path))]
        if let testImages = find("t10k-images", "idx3", in: path) {
            parts.append((testImages, find("t10k-labels", "idx1", in: path)))
        }
        var features: [Float] = []
        var labels: [Int32]? = []
        var width = 0, counts: [Int] = []
        for (index, part) in parts.enumerated() {
            let images = try IDXLoader.loadImages(path: part.images)
            // Room for the test images too (MNIST's 10,000 after 60,000), so the array is not regrown.
            if index == 0 { features.reserveCapacity(images.features.values.count * (parts.count == 2 ? 7 : 6) / 6) }
            guard width == 0 || images.dimensions == width else {
                throw DatasetError(part.images, "has images of \(images.dimensions) pixels, the training images \(width)")
            }
            width = images.dimensions
            counts.append(images.count)
            features += images.features.values
            if let labelsPath = part.labels, labels != nil {
                let partLabels = try IDXLoader.loadLabels(path: labelsPath)
                guard partLabels.count == images.count else {
                    throw DatasetError(labelsPath, "has \(partLabels.count) labels for \(images.count) images")
                }
                labels! += partLabels
            } else {
                labels = nil
            }
        }
        let total = counts.reduce(0, +)
        let split = counts.count == 2 ? "\(counts[0]) training + \(counts[1]) test images" : "\(counts[0]) training images"
        var dataset = Dataset(
            name: "mnist", description: "MNIST folder \(path): \(split)",
            features: Matrix(rows: total, columns: width, values: features), labels: labels)
        dataset.prefer(.unit, because: "pixel data (MNIST IDX images): divided by 255")
        if width == 784 { dataset.imageShape = [28, 28] }
        return dataset
    }

    /// The first file in `folder` named `stem-kind-ubyte` or `stem.kind-ubyte`, optionally `.gz`.
    static func find(_ stem: String, _ kind: String, in folder: String) -> String? {
        for separator in ["-", "."] {
            for suffix in ["", ".gz"] {
                let candidate = URL(fileURLWithPath: folder).appendingPathComponent("\(stem)\(separator)\(kind)-ubyte\(suffix)").path
                if FileManager.default.fileExists(atPath: candidate) { return candidate }
            }
        }
        return nil
    }
}
