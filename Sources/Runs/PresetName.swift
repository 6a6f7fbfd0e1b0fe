public import DCNCore
public import Datasets

/// `--preset`: a named settings bundle; every value and its source is listed in the README.
public enum PresetName: String, CaseIterable, Sendable {
    case synthetic, mnist, general

    /// The preset a run uses when none is named: `synthetic` for the built-in data, `general` for a file.
    public static func `default`(for source: DatasetSource) -> PresetName {
        source == .synthetic ? .synthetic : .general
    }

    /// The configuration the preset starts from.
    public var configuration: DCNConfiguration {
        switch self {
        case .synthetic: .synthetic
        case .mnist: .mnist
        case .general: .general
        }
    }
}

/// `--scaling`: a feature scaling, or `auto` for the data set's preferred one.
public enum ScalingChoice: String, CaseIterable, Sendable {
    case auto, none, unit, minmax, standardize, shared, log

    /// The scaling to apply to `data`.
    public func resolved(for data: Dataset) -> FeatureScaling {
        FeatureScaling(rawValue: rawValue) ?? data.preferredScaling
    }

    /// Why ``resolved(for:)`` is what it is, for the report.
    public func reason(for data: Dataset) -> String {
        self == .auto ? "chosen by --scaling auto: " + data.scalingReason : "set by --scaling \(rawValue)"
    }
}
