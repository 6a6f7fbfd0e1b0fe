import ArgumentParser
import DCNCore
@testable import DCNReportCommand
import Datasets
import Foundation
import Runs
import RunFormat
import Testing
import TestSupport

/// `SettingSchema` is the one list of settings; every other place a setting appears is checked against it.
@Suite("Settings: one schema")
struct SettingSchemaTests {
    let data = SyntheticDataset(pointsPerCluster: 10).generate(seed: 0)

    /// A value for each value-form flag that differs from every preset's default. A setting added to the
    /// schema without one here fails `everyFlagSetsItsField`.
    let examples: [String: String] = [
        "clusters": "3", "latent-dim": "5", "hidden": "7,5", "lambda": "0.25", "learning-rate": "0.01", "batch-size": "32",
        "pretrain-epochs": "2", "epochs": "3", "seed": "9", "center-count-start": "7", "kmeans-restarts": "3",
        "activation": "tanh", "initialization": "he", "start": "merged", "optimizer": "sgd", "pretrain-learning-rate": "0.02",
        "momentum": "0.5", "weight-decay": "0.001", "clustering-scale": "codes"
    ]

    @Test("the schema lists every field of DCNConfiguration, in order, and nothing else")
    func schemaMatchesConfiguration() {
        let fields = Mirror(reflecting: DCNConfiguration()).children.compactMap(\.label)
        #expect(SettingSchema.all.map(\.field) == fields)
    }

    @Test("run.json's recorded configuration has the schema's fields, in order, and records a trained run byte for byte as its configuration")
    func recordedConfigurationMatches() throws {
        let fields = Mirror(reflecting: RecordedConfiguration(clusterCount: 2)).children.compactMap(\.label)
        #expect(fields == SettingSchema.all.map(\.field))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        for var configuration in [DCNConfiguration.synthetic, .general, .mnist] {
            configuration.pretrainLearningRate = 0.002
            #expect(try encoder.encode(RecordedConfiguration(configuration)) == encoder.encode(configuration))
        }
        let partial = try JSONDecoder().decode(RecordedConfiguration.self, from: Data(#"{"clusterCount": 3, "lambda": 0.5}"#.utf8))
        #expect(partial.lambda == 0.5 && partial.epochs == nil && partial.seed == nil && partial.hiddenLayers == nil)
    }

    @Test("every setting is a flag of train and generate, an option exactly when it takes a value, and a config-file key")
    func everySettingIsAFlag() throws {
        for command: ParsableCommand.Type in [TrainCommand.self, GenerateCommand.self] {
            let catalog = FlagCatalog([command])
            for setting in SettingSchema.all {
                #expect(catalog.takesValue[setting.flag] == (setting.form == .value), "--\(setting.flag) in \(command)")
            }
            #expect(DCNReport.configKeys(of: command.configuration.commandName!)?.isSuperset(of: SettingSchema.all.map(\.flag)) == true)
        }
    }

    @Test("every flag sets the field the schema names, and nothing else")
    func everyFlagSetsItsField() throws {
        let baseline = try configuration([])
        for setting in SettingSchema.all {
            let arguments: [String]
            if setting.form == .value {
                let example = try #require(examples[setting.flag], "no example value for --\(setting.flag) in SettingSchemaTests")
                arguments = ["--\(setting.flag)", example]
            } else {
                arguments = ["--\(setting.flag)"]
            }
            let changed = differences(baseline, try configuration(arguments))
            #expect(changed == [setting.field], "--\(setting.flag) changed \(changed)")
        }
    }

    @Test("the comparison names fields by their flags, and shows an off-switch the way the flag reads")
    func comparisonNames() {
        #expect(DCNConfiguration.flagNames["assignBeforeStep"] == "keep-assignments")
        #expect(SettingSchema.setting(field: "assignBeforeStep")?.flagValue("false") == "true")
        #expect(SettingSchema.setting(field: "lambda")?.flagValue("0.5") == "0.5")
    }

    @Test("--help shows each default under every preset where they differ")
    func helpShowsPresetDefaults() {
        let help = TrainCommand.helpMessage(columns: 200)
        let batchDefault = "synthetic 64 · general sized to the rows, the largest power of two at most N/4, at most 256 · mnist 256"
        #expect(help.contains("Default: \(batchDefault)."), "\(help)")
        #expect(help.contains("Default: synthetic 2 · general max(k, 10) · mnist 10."))
        #expect(help.contains("λ: weight of the clustering term"))
    }

    @Test("the Python package's known settings are fields of the schema")
    func pythonSettingsAgree() throws {
        guard let lines = try pythonDictEntries(in: "python/src/dcn_report/_configuration.py", named: "KNOWN_SETTINGS") else {
            Issue.record("_configuration.py no longer defines KNOWN_SETTINGS")
            return
        }
        let keys = lines.map { $0[0] }
        #expect(keys.count >= 9)
        for key in keys {
            #expect(SettingSchema.setting(field: key) != nil, "KNOWN_SETTINGS names \(key), which the schema does not know")
        }
    }

    /// Every flag of `train` with a value other than its default; a flag added without one here fails
    /// `requestRoundTrips`.
    let everyFlag = [
        "--preset", "mnist", "--dataset", "x.npy", "--labels", "y.npy", "--label-column", "3", "--clusters", "3", "--latent-dim", "5",
        "--hidden", "7,5", "--activation", "tanh", "--initialization", "he", "--lambda", "0.25", "--start", "merged", "--no-refill",
        "--no-keep-better", "--clustering-scale", "codes", "--keep-assignments", "--method", "paper", "--optimizer", "sgd", "--learning-rate", "0.01",
        "--pretrain-learning-rate", "0.02",
        "--momentum", "0.5", "--nesterov", "--weight-decay", "0.001", "--batch-norm", "--batch-size", "32", "--pretrain-epochs", "2",
        "--epochs", "3", "--center-count-start", "7", "--reset-counts", "--kmeans-restarts", "3", "--seed", "9",
        "--scaling", "minmax", "--points-per-cluster", "10", "--limit", "20", "--out", "o u t", "--name", "a name", "--class-names", "a,b,c",
        "--image-shape", "2x2", "--from-pretrained", "p.ckpt", "--save-pretrained", "q.ckpt", "--force", "--quiet"
    ]

    @Test("a request's flags parse back to the same request, for every flag of train (what a sweep gives its children)")
    func requestRoundTrips() throws {
        let given = Set(everyFlag.filter { $0.hasPrefix("--") }.map { String($0.dropFirst(2)) })
        let live = FlagCatalog([RunOptions.self]).names.subtracting(RetiredFlag.allCases.map(\.rawValue))
        #expect(given == live, "flags not exercised: \(live.subtracting(given))")
        let request = try #require(try DCNReport.parseAsRoot(["train"] + everyFlag) as? TrainCommand).options.request
        #expect(request != RunRequest())
        let again = try #require(try DCNReport.parseAsRoot(["train"] + request.arguments) as? TrainCommand).options.request
        #expect(again == request, "\(request.arguments)")
        #expect(RunRequest().arguments == ["--dataset=synthetic", "--seed=0"])
    }

    private func configuration(_ flags: [String]) throws -> DCNConfiguration {
        let command = try #require(try DCNReport.parseAsRoot(["train", "--dataset", "x.npy"] + flags) as? TrainCommand)
        return try command.options.request.configuration(for: data, source: .file("x.npy"))
    }

    private func differences(_ a: DCNConfiguration, _ b: DCNConfiguration) -> [String] {
        zip(Mirror(reflecting: a).children, Mirror(reflecting: b).children).compactMap { left, right in
            String(describing: left.value) == String(describing: right.value) ? nil : left.label
        }
    }
}
