public import DCNMath
import DCNCore

/// A data set to cluster: one sample per row, optionally with ground-truth labels.
public struct Dataset: Sendable {
    /// A short name shown in reports, e.g. `synthetic` or a file name.
    public var name: String
    /// One line on where the data came from and how it was made.
    public var description: String
    /// The samples, `count × dimensions`.
    public var features: Matrix
    /// Ground-truth class per sample, when known; used only for metrics and figures.
    public var labels: [Int32]?
    /// The scaling to use when the user names none (`--scaling auto`): `standardize` for the synthetic
    /// data, `unit` for pixel data (IDX images, uint8 arrays, image arrays, integer tables on one common
    /// 0–255 scale as wide as an image); for any other table a stand-in until the run's scaling check
    /// chooses (``scalingIsChecked``); see ``AutoScaling``.
    public var preferredScaling: FeatureScaling = .none
    /// Why ``preferredScaling`` was chosen, in words for the report.
    public var scalingReason = "values used as they are"
    /// Whether `--scaling auto` chooses the table's scaling once k is known (Training's `ScalingCheck`), in
    /// place of ``preferredScaling``; false when the preferred scaling stands unjudged.
    public var scalingIsChecked = false
    /// Height, width and (for colour) channels of each sample when the data are images: known for IDX
    /// files and N × H × W (× C) NumPy arrays, given with `--image-shape` otherwise.
    public var imageShape: [Int]?
    /// The number of rows the data set had before ``limited(to:seed:)`` drew from it; nil when whole.
    public var subsampledFrom: Int?

    /// Creates a data set.
    /// - Parameters:
    ///   - name: Short name.
    ///   - description: Provenance in one line.
    ///   - features: Samples as rows.
    ///   - labels: Optional ground truth, one per row.
    public init(name: String, description: String, features: Matrix, labels: [Int32]?) {
        precondition(labels == nil || labels!.count == features.rows, "one label per sample")
        self.name = name
        self.description = description
        self.features = features
        self.labels = labels
    }

    /// Declares the samples to be images of `shape` (H, W or H, W, C with C of 1, 3 or 4).
    /// - Throws: ``DatasetError`` when the shape's size differs from the sample width.
    public mutating func setImageShape(_ shape: [Int], source: String) throws {
        guard shape.count == 2 || (shape.count == 3 && [1, 3, 4].contains(shape[2])), shape.allSatisfy({ $0 > 0 }) else {
            throw DatasetError(source, "image shape \(shape.map(String.init).joined(separator: "x")) must be HxW or HxWxC with C of 1, 3 or 4")
        }
        let size = shape.checkedProduct
        guard size == dimensions else {
            let values = size.map { "\($0) values" } ?? "more values than can be counted"
            throw DatasetError(
                source, "image shape \(shape.map(String.init).joined(separator: "x")) has \(values) per sample, but the data has \(dimensions)")
        }
        imageShape = shape
    }

    /// Sets the scaling `--scaling auto` uses, with its reason.
    public mutating func prefer(_ scaling: FeatureScaling, because reason: String) {
        preferredScaling = scaling
        scalingReason = reason
        scalingIsChecked = false
    }

    /// Lets ``AutoScaling`` choose the scaling of a table from its values.
    mutating func preferTableScaling() {
        let (scaling, reason, checked) = AutoScaling.staticChoice(features)
        prefer(scaling, because: reason)
        scalingIsChecked = checked
    }

    /// Number of samples.
    public var count: Int { features.rows }
    /// Number of input dimensions.
    public var dimensions: Int { features.columns }
    /// Number of distinct ground-truth classes, or nil without labels.
    public var classCount: Int? { labels.map { Set($0).count } }
}
