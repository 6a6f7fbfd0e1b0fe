import DCNCore
@testable import DCNReportCommand
import Datasets
import Runs
import Testing

/// What a command line without training flags means; each expectation names the documented default.
@Suite("Command-line defaults")
struct DefaultsTests {
    let data = SyntheticDataset(pointsPerCluster: 10).generate(seed: 0)

    @Test("generate alone trains the synthetic preset on the built-in data, scaled automatically, seed 0")
    func generateDefaults() throws {
        let command = try #require(try DCNReport.parseAsRoot(["generate"]) as? GenerateCommand)
        #expect(command.options.dataset == "synthetic")
        #expect(command.options.scaling == .auto)
        #expect(command.options.pointsPerCluster == 2_500)
        var expected = DCNConfiguration.synthetic
        expected.clusterCount = 4  // the synthetic data's four classes
        #expect(try command.options.request.configuration(for: data, source: .synthetic) == expected)
    }

    @Test("a file gets the general preset with k from its labels, a code max(k, 10) wide and a batch sized to its rows; flags override it")
    func fileDefaultsAndOverrides() throws {
        let command = try #require(try DCNReport.parseAsRoot(["train", "--epochs", "3", "--lambda", "0.5"]) as? TrainCommand)
        let configuration = try command.options.request.configuration(for: data, source: .file("x.npy"))
        var expected = DCNConfiguration.general
        expected.clusterCount = 4
        expected.latentDimensions = 10
        expected.batchSize = 8  // 40 rows: the largest power of two at most a quarter of them
        expected.epochs = 3
        expected.lambda = 0.5
        #expect(configuration == expected)
    }
}

@Suite("Help text")
struct HelpTextTests {
    @Test("every command's examples fit 80 columns, so each copies from the terminal as one command")
    func examplesFit() throws {
        for command in DCNReport.configuration.subcommands {
            let lines = command.helpMessage(columns: 80).split(separator: "\n", omittingEmptySubsequences: false)
            for (index, line) in lines.enumerated() where line.hasPrefix("  dcn-report") || line.hasPrefix("      --") {
                #expect(line.count <= 80, "\(command._commandName): '\(line)' is wider than 80 columns")
                if line.hasSuffix("\\") {
                    #expect(index + 1 < lines.count && lines[index + 1].hasPrefix("      --"), "\(command._commandName): a continuation ends nowhere")
                }
            }
        }
    }
}
