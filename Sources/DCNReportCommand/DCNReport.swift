public import ArgumentParser
import Foundation

/// The `dcn-report` command: train DCN, record every epoch, render frames and write an HTML report.
public struct DCNReport: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "dcn-report",
        abstract: "Deep Clustering Network (Yang et al., ICML 2017): train, record every epoch, and report.",
        discussion: """
            Run `dcn-report generate` with no options for the built-in synthetic demo; open the
            printed reports/demo/index.html in a browser.
            """,
        version: "0.1.0",
        subcommands: [GenerateCommand.self, TrainCommand.self, RenderCommand.self, AssignCommand.self],
        defaultSubcommand: nil)

    public init() {}

    /// Parses the process arguments, runs the command, and exits. Errors print as one line
    /// (`dcn-report: error: …`) with a non-zero exit code; help and version print in full.
    public static func runFromCommandLine() -> Never {
        do {
            var command = try parseAsRoot()
            try command.run()
            Foundation.exit(0)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            let message = fullMessage(for: error).split(separator: "\n").first.map(String.init) ?? "\(error)"
            let line = message.hasPrefix("Error: ") ? String(message.dropFirst(7)) : message
            FileHandle.standardError.write(Data("dcn-report: error: \(line)\n".utf8))
            Foundation.exit(code.rawValue == 0 ? 1 : min(code.rawValue, 127))
        }
    }
}

/// An error to show the user as one line.
struct UserFacingError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
