import DCNCore
import Foundation
import SettingFiles

/// The cells of a sweep: the cross product of every training flag's alternatives, times the seeds, as
/// the flags of each cell (``SweepPlan`` parses and checks them).
///
/// `--lambda 0.5,2,8 --seed 1,2,3` gives nine cells. A flag whose value is itself a comma list
/// (`--hidden`, `--class-names`) separates its alternatives with `/`: `--hidden 500,500,2000/100,50,10`.
public struct SweepGrid {
    /// One cell: its folder name, its flags, the swept values it has and its seed.
    public struct Cell {
        /// Folder name under `OUT/runs/`, e.g. `lambda-0.5_epochs-20-seed1`.
        public let name: String
        /// This cell's `train` flags as given (one alternative each).
        public let flags: [String]
        /// The swept flags' values, e.g. `["lambda": "0.5"]` (the seed excluded).
        public let setting: [String: String]
        public let seed: String
    }

    /// Flags a sweep sets itself.
    public static let reserved: Set<String> = ["out", "name", "force", "quiet", "from-pretrained", "save-pretrained", "config"]
    /// Flags whose value is a comma list, so their alternatives are separated by `/`.
    public static let listValued = Set(SettingSchema.all.filter(\.listValued).map(\.flag) + ["class-names"])

    /// Every cell, in a stable order: settings as given, seeds innermost.
    public let cells: [Cell]
    /// The flags with more than one alternative (the seed excluded), in the order given.
    public let sweptFlags: [String]

    /// Splits the training flags of `dcn-report sweep` into cells.
    /// - Parameters:
    ///   - arguments: Training flags, each value possibly a list of alternatives.
    ///   - trainingFlags: Every flag `train` takes (without dashes) → whether it takes a value.
    /// - Throws: ``FlagValueError`` for an unknown or reserved flag, a missing value or an empty alternative.
    public init(arguments: [String], trainingFlags: [String: Bool]) throws {
        var options: [(flag: String, alternatives: [String])] = []
        var plainFlags: [String] = []
        var index = 0
        while index < arguments.count {
            let token = arguments[index]
            guard token.hasPrefix("--") else { throw FlagValueError("sweep: unexpected argument '\(token)'; training flags start with --") }
            var name = String(token.dropFirst(2)), value: String?
            if let equals = name.firstIndex(of: "=") {
                value = String(name[name.index(after: equals)...])
                name = String(name[..<equals])
            }
            guard let takesValue = trainingFlags[name] else {
                throw FlagValueError("sweep: unknown training flag '--\(name)'" + Suggestion.hint(for: name, among: trainingFlags.keys, prefix: "--"))
            }
            guard !Self.reserved.contains(name) else { throw FlagValueError("sweep: --\(name) is set by the sweep itself") }
            index += 1
            guard takesValue else {
                plainFlags.append("--\(name)")
                continue
            }
            if value == nil {
                guard index < arguments.count else { throw FlagValueError("sweep: --\(name) needs a value") }
                value = arguments[index]
                index += 1
            }
            let separator: Character = Self.listValued.contains(name) ? "/" : ","
            let alternatives = value!.split(separator: separator, omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            guard !alternatives.contains(where: \.isEmpty) else { throw FlagValueError("sweep: --\(name) '\(value!)' has an empty alternative") }
            options.removeAll { $0.flag == name }  // the last occurrence wins, as on the train command line
            options.append((name, alternatives))
        }
        let seeds = options.first { $0.flag == "seed" }?.alternatives ?? ["0"]
        options.removeAll { $0.flag == "seed" }
        sweptFlags = options.filter { $0.alternatives.count > 1 }.map(\.flag)
        var settings: [[(String, String)]] = [[]]
        for option in options {
            settings = settings.flatMap { prefix in option.alternatives.map { prefix + [(option.flag, $0)] } }
        }
        let swept = Set(sweptFlags)
        var cells: [Cell] = []
        for setting in settings {
            let label = setting.filter { swept.contains($0.0) }.map { "\($0.0)-\(Self.safe($0.1))" }.joined(separator: "_")
            for seed in seeds {
                cells.append(
                    Cell(
                        name: (label.isEmpty ? "run" : label) + "-seed\(Self.safe(seed))",
                        flags: setting.map { "--\($0.0)=\($0.1)" } + plainFlags + ["--seed=\(seed)"],
                        setting: Dictionary(uniqueKeysWithValues: setting.filter { swept.contains($0.0) }), seed: seed))
            }
        }
        guard Set(cells.map(\.name)).count == cells.count else {
            throw FlagValueError("sweep: two runs would share a folder name; list each value once")
        }
        self.cells = cells
    }

    /// A value as it may appear in a folder name.
    static func safe(_ value: String) -> String {
        String(value.map { $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" ? $0 : "-" })
    }
}
