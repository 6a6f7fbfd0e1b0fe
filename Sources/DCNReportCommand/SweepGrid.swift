import DCNCore
import Runs
import ArgumentParser
import Foundation

/// The runs of a sweep: the cross product of every training flag's alternatives, times the seeds.
///
/// `--lambda 0.5,2,8 --seed 1,2,3` gives nine runs. A flag whose value is itself a comma list
/// (`--hidden`, `--class-names`) separates its alternatives with `/`: `--hidden 500,500,2000/100,50,10`.
struct SweepGrid {
    /// One run of the grid.
    typealias Run = SweepRun

    /// Flags a sweep sets itself.
    static let reserved: Set<String> = ["out", "name", "force", "quiet", "from-pretrained", "save-pretrained", "config"]
    /// Flags whose value is a comma list, so their alternatives are separated by `/`.
    static let listValued = Set(SettingSchema.all.filter(\.listValued).map(\.flag) + ["class-names"])

    /// Every run, in a stable order: settings as given, seeds innermost.
    let runs: [Run]
    /// The flags with more than one alternative (the seed excluded), in the order given.
    let sweptFlags: [String]

    /// Parses the training flags of `dcn-report sweep`.
    /// - Parameter arguments: Training flags, each value possibly a list of alternatives.
    /// - Throws: `ValidationError` for an unknown or reserved flag or a missing value.
    init(arguments: [String]) throws {
        let catalog = FlagCatalog([RunOptions.self])
        var options: [(flag: String, alternatives: [String])] = []
        var plainFlags: [String] = []
        var index = 0
        while index < arguments.count {
            let token = arguments[index]
            guard token.hasPrefix("--") else { throw ValidationError("sweep: unexpected argument '\(token)'; training flags start with --") }
            var name = String(token.dropFirst(2)), value: String?
            if let equals = name.firstIndex(of: "=") {
                value = String(name[name.index(after: equals)...])
                name = String(name[..<equals])
            }
            guard let takesValue = catalog.takesValue[name] else {
                throw ValidationError("sweep: unknown training flag '--\(name)'" + Suggestion.hint(for: name, among: catalog.names, prefix: "--"))
            }
            guard !Self.reserved.contains(name) else { throw ValidationError("sweep: --\(name) is set by the sweep itself") }
            if !takesValue {
                plainFlags.append("--\(name)")
                index += 1
                continue
            }
            if value == nil {
                guard index + 1 < arguments.count else { throw ValidationError("sweep: --\(name) needs a value") }
                value = arguments[index + 1]
                index += 1
            }
            index += 1
            let separator: Character = Self.listValued.contains(name) ? "/" : ","
            let alternatives = value!.split(separator: separator, omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            guard !alternatives.contains(where: \.isEmpty) else { throw ValidationError("sweep: --\(name) '\(value!)' has an empty alternative") }
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
        var runs: [Run] = []
        for setting in settings {
            let label = setting.filter { swept.contains($0.0) }.map { "\($0.0)-\(Self.safe($0.1))" }.joined(separator: "_")
            for seed in seeds {
                runs.append(Run(
                    name: (label.isEmpty ? "run" : label) + "-seed\(Self.safe(seed))",
                    arguments: setting.map { "--\($0.0)=\($0.1)" } + plainFlags + ["--seed=\(seed)"],
                    setting: Dictionary(uniqueKeysWithValues: setting.filter { swept.contains($0.0) }), seed: seed))
            }
        }
        guard Set(runs.map(\.name)).count == runs.count else { throw ValidationError("sweep: two runs would share a folder name; list each value once") }
        self.runs = runs
    }

    /// A value as it may appear in a folder name.
    static func safe(_ value: String) -> String {
        String(value.map { $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" ? $0 : "-" })
    }
}
