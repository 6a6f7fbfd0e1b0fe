import ArgumentParser
import CairoRendering
import DCNCore
import Datasets
import Report
import Runs

// The command line's value types: argument-parser parses and checks them, and lists the valid
// values of each enum in `--help` and in its error message.

extension ArgumentHelp {
    /// A training setting's help with its default under each preset, from ``SettingSchema``.
    static func setting(_ flag: String) -> ArgumentHelp { ArgumentHelp(SettingSchema.help(flag)) }
}

extension Activation: ExpressibleByArgument {}
extension WeightInitialization: ExpressibleByArgument {}
extension OptimizerKind: ExpressibleByArgument {}
extension StartPartition: ExpressibleByArgument {}
extension ClusteringScale: ExpressibleByArgument {}
extension DCNMethod: ExpressibleByArgument {}
extension CairoCanvas.Format: ExpressibleByArgument {}
extension LatentView: ExpressibleByArgument {}

extension LabelColumn: ExpressibleByArgument {
    public init?(argument: String) { self.init(parsing: argument) }
}

extension PresetName: ExpressibleByArgument {}
extension ScalingChoice: ExpressibleByArgument {}

/// Parses a value of an enum flag for an `@Option(transform:)`, naming the valid values on one line
/// when it fails (argument-parser lists more than five values on lines of their own).
func oneOf<Choice: CaseIterable & RawRepresentable>(_: Choice.Type) -> @Sendable (String) throws -> Choice
where Choice.RawValue == String {
    { argument in
        guard let choice = Choice(rawValue: argument) else {
            throw ValidationError("expected one of " + Choice.allCases.map(\.rawValue).joined(separator: ", "))
        }
        return choice
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

extension FrameSize: ExpressibleByArgument {
    public init?(argument: String) { self.init(parsing: argument) }
    public var defaultValueDescription: String { text }
}

extension ImageShape: ExpressibleByArgument {
    public init?(argument: String) { self.init(parsing: argument) }
    public var defaultValueDescription: String { text }
}
