public import ArgumentParser
import Foundation
import Training

/// The `dcn-report` command: train DCN, record every epoch, render frames and write an HTML report.
public struct DCNReport: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "dcn-report",
        abstract: "Deep Clustering Network (Yang et al., ICML 2017): train, record every epoch, and report.",
        discussion: """
            Run `dcn-report generate` with no options for the built-in synthetic demo; open the
            printed reports/demo/index.html in a browser. Any command also takes `--config FILE.yaml`
            whose keys are its flag names (lambda: 0.05, hidden: [500, 500, 2000]); flags override it.
            """,
        version: "0.1.0",
        subcommands: [GenerateCommand.self, TrainCommand.self, RenderCommand.self, AssignCommand.self],
        defaultSubcommand: nil)

    public init() {}

    /// Parses the process arguments, runs the command, and exits. Errors print as one line
    /// (`dcn-report: error: …`) with a non-zero exit code; help and version print in full.
    public static func runFromCommandLine() -> Never {
        var configKeys: Set<String> = []
        StopSignal.install()
        do {
            let expanded = try ConfigFile.expand(Array(CommandLine.arguments.dropFirst()))
            configKeys = expanded.keys
            var command = try parseAsRoot(expanded.arguments)
            try command.run()
            Foundation.exit(0)
        } catch let error as TrainingError {
            FileHandle.standardError.write(Data("dcn-report: error: \(SettingFlags.message(for: error))\n".utf8))
            Foundation.exit(1)
        } catch let error as InterruptedError {
            FileHandle.standardError.write(Data("dcn-report: \(error.message)\n".utf8))
            Foundation.exit(130)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            let message = fullMessage(for: error).split(separator: "\n").first.map(String.init) ?? "\(error)"
            var line = message.hasPrefix("Error: ") ? String(message.dropFirst(7)) : message
            // An unknown flag that came from the config file is the file's unknown key.
            for key in configKeys where line.contains("Unknown option '--\(key)'") {
                line = "config file: unknown key '\(key)' (keys are the command's flag names, e.g. lambda, batch-size)"
            }
            FileHandle.standardError.write(Data("dcn-report: error: \(line)\n".utf8))
            Foundation.exit(code.rawValue == 0 ? 1 : min(code.rawValue, 127))
        }
    }
}

extension DCNReport {
    /// Parses arguments as the executable does, expanding `--config FILE` first (for tests and embedding).
    /// - Parameter arguments: Arguments after the executable name.
    /// - Returns: The parsed command, ready to `run()`.
    public static func parseExpandingConfig(_ arguments: [String]) throws -> ParsableCommand {
        try parseAsRoot(ConfigFile.expand(arguments).arguments)
    }
}

/// An error to show the user as one line.
struct UserFacingError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
