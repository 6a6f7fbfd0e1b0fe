public import ArgumentParser
import Foundation
import SettingFiles
import RunFormat
import Runs
import Training

/// The `dcn-report` command: train DCN, record every epoch, render frames and write an HTML report.
public struct DCNReport: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "dcn-report",
        abstract: "Deep Clustering Network (Yang et al., ICML 2017): train, record every epoch, and report.",
        // One line per paragraph: argument-parser wraps each line to the terminal, so a line break inside
        // a sentence would break it twice.
        discussion: """
            Run `dcn-report generate` with no options for the built-in synthetic demo; open the \
            printed reports/demo/index.html in a browser.

            Any command also takes `--config FILE.yaml` whose keys are its flag names \
            (lambda: 0.05, hidden: [500, 500, 2000]); flags override it.
            """,
        version: ToolInfo.currentVersion,
        subcommands: [
            GenerateCommand.self, TrainCommand.self, RenderCommand.self, AssignCommand.self, SweepCommand.self, CompareCommand.self, ServeCommand.self
        ],
        defaultSubcommand: nil)

    public init() {}

    /// argument-parser's entry point, with `--config FILE` expanded first and every error printed as
    /// one line (`dcn-report: error: …`) with argument-parser's exit code (64 for a bad flag value,
    /// 1 for other failures, 130 after Ctrl-C); help and version print in full.
    public static func main() {
        StopSignal.install()
        do {
            var command = try parseExpandingConfig(Array(CommandLine.arguments.dropFirst()))
            try command.run()
        } catch {
            exit(withOneLineError: error)
        }
    }

    /// Prints `error` as one line on standard error (help and version in full on standard output) and exits.
    static func exit(withOneLineError error: Error) -> Never {
        let line: String
        switch error {
        case let error as InterruptedError:
            FileHandle.standardError.write(Data("dcn-report: \(error.message)\n".utf8))
            Self.exit(withError: ExitCode(130))
        case let error as TrainingError:
            line = SettingFlags.message(for: error)
        case let error as FlagValueError:
            FileHandle.standardError.write(Data("dcn-report: error: \(error)\n".utf8))
            Self.exit(withError: ExitCode.validationFailure)
        default:
            if exitCode(for: error) == .success { Self.exit(withError: error) }  // --help, --version
            line = message(for: error).split(separator: "\n").first.map(String.init) ?? "\(error)"
        }
        FileHandle.standardError.write(Data("dcn-report: error: \(line)\n".utf8))
        let code = exitCode(for: error)
        Self.exit(withError: code == .success ? ExitCode.failure : code)
    }
}

extension DCNReport {
    /// Parses arguments as the executable does, expanding `--config FILE` first (for tests and embedding).
    /// - Parameter arguments: Arguments after the executable name.
    /// - Returns: The parsed command, ready to `run()`.
    public static func parseExpandingConfig(_ arguments: [String]) throws -> ParsableCommand {
        try parseAsRoot(ConfigFile.expand(arguments, flagsOf: configKeys))
    }

    /// The keys a config file may use with a subcommand: its flag names (a sweep's also those of `train`).
    static func configKeys(of name: String) -> Set<String>? {
        guard let command = configuration.subcommands.first(where: { $0.configuration.commandName == name }) else { return nil }
        return FlagCatalog(command == SweepCommand.self ? [command, RunOptions.self] : [command]).names
    }
}
