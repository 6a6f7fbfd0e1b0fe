import ArgumentParser
import CairoRendering
import DCNCore
import Datasets
import Report

// The command line's value types: argument-parser parses and checks them, and lists the valid
// values of each enum in `--help` and in its error message.

extension Activation: ExpressibleByArgument {}
extension WeightInitialization: ExpressibleByArgument {}
extension OptimizerKind: ExpressibleByArgument {}
extension StartPartition: ExpressibleByArgument {}
extension CairoCanvas.Format: ExpressibleByArgument {}
extension LatentView: ExpressibleByArgument {}

extension LabelColumn: ExpressibleByArgument {
    public init?(argument: String) { self.init(parsing: argument) }
}

/// `--preset`: a named settings bundle; every value and its source is listed in the README.
enum PresetName: String, CaseIterable, ExpressibleByArgument {
    case synthetic, mnist, general

    /// The preset a run uses when none is named: `synthetic` for the built-in data, `general` for a file.
    static func `default`(for source: DatasetSource) -> PresetName {
        source == .synthetic ? .synthetic : .general
    }

    /// The configuration the preset starts from.
    var configuration: DCNConfiguration {
        switch self {
        case .synthetic: .synthetic
        case .mnist: .mnist
        case .general: .general
        }
    }
}

/// `--scaling`: a feature scaling, or `auto` for the data set's preferred one.
enum ScalingChoice: String, CaseIterable, ExpressibleByArgument {
    case auto, none, unit, minmax, standardize

    /// The scaling to apply to `data`.
    func resolved(for data: Dataset) -> FeatureScaling {
        FeatureScaling(rawValue: rawValue) ?? data.preferredScaling
    }

    /// Why ``resolved(for:)`` is what it is, for the report.
    func reason(for data: Dataset) -> String {
        self == .auto ? "chosen by --scaling auto: " + data.scalingReason : "set by --scaling \(rawValue)"
    }
}

/// A comma-separated list of values of one type, e.g. `--hidden 500,500,2000` or `--formats png,svg`.
struct CommaSeparated<Element: ExpressibleByArgument>: ExpressibleByArgument {
    /// The values, in order.
    let values: [Element]

    /// Parses a list for an `@Option(transform:)`, saying what was expected when it fails.
    /// - Parameter expected: E.g. "positive integers separated by commas, e.g. 100,50,10".
    static func parser(expecting expected: String) -> @Sendable (String) throws -> CommaSeparated {
        { argument in
            guard let list = CommaSeparated(argument: argument) else { throw ValidationError("expected \(expected)") }
            return list
        }
    }

    init?(argument: String) {
        let parts = argument.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard !argument.isEmpty else { return nil }
        var values: [Element] = []
        for part in parts {
            guard let value = Element(argument: part) else { return nil }
            values.append(value)
        }
        self.values = values
    }

    var defaultValueDescription: String { values.map { $0.defaultValueDescription }.joined(separator: ",") }
}

/// `--frame-size WIDTHxHEIGHT` in layout units, 200–8000 × 150–8000.
struct FrameSize: ExpressibleByArgument {
    let width: Int
    let height: Int

    init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }

    init?(argument: String) {
        let parts = argument.lowercased().split(separator: "x").map { Int($0) }
        guard parts.count == 2, let width = parts[0], let height = parts[1], (200...8000).contains(width), (150...8000).contains(height) else {
            return nil
        }
        self.init(width: width, height: height)
    }

    var defaultValueDescription: String { "\(width)x\(height)" }

    /// Parses `--frame-size` for an `@Option(transform:)`, saying what was expected when it fails.
    @Sendable static func parse(_ argument: String) throws -> FrameSize {
        guard let size = FrameSize(argument: argument) else {
            throw ValidationError("expected WIDTHxHEIGHT in layout units (200–8000 × 150–8000), e.g. 1200x560")
        }
        return size
    }
}

/// `--image-shape HxW` or `HxWxC`.
struct ImageShape: ExpressibleByArgument {
    let dimensions: [Int]

    init?(argument: String) {
        let parts = argument.lowercased().split(separator: "x", omittingEmptySubsequences: false).map { Int($0) }
        guard parts.count == 2 || parts.count == 3, parts.allSatisfy({ ($0 ?? 0) > 0 }) else { return nil }
        dimensions = parts.map { $0! }
    }

    var defaultValueDescription: String { dimensions.map(String.init).joined(separator: "x") }

    /// Parses `--image-shape` for an `@Option(transform:)`, saying what was expected when it fails.
    @Sendable static func parse(_ argument: String) throws -> ImageShape {
        guard let shape = ImageShape(argument: argument) else { throw ValidationError("expected HxW or HxWxC with positive sizes, e.g. 28x28") }
        return shape
    }
}
