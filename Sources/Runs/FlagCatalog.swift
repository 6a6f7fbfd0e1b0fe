import Foundation

/// The long flags a command declares, as argument-parser itself describes them (the JSON of
/// `--experimental-dump-help`, `ParsableArguments._dumpHelp()`): for config-file keys and sweep grids.
public struct FlagCatalog {
    /// Flag name (without dashes) → whether it takes a value (an option) or not (a flag).
    public let takesValue: [String: Bool]

    /// The catalog of the commands or option groups whose help dumps are given.
    public init(helpDumps: [String]) {
        var takesValue: [String: Bool] = [:]
        for text in helpDumps {
            let dump = (try? JSONDecoder().decode(HelpDump.self, from: Data(text.utf8)))?.command.arguments ?? []
            for argument in dump where argument.kind != "positional" {
                for name in argument.names ?? [] where name.kind == "long" && name.name != "help" {
                    takesValue[name.name] = argument.kind == "option"
                }
            }
        }
        self.takesValue = takesValue
    }

    /// Every flag name.
    public var names: Set<String> { Set(takesValue.keys) }

    /// The part of argument-parser's help dump (`ToolInfoV0`) read here.
    private struct HelpDump: Decodable {
        struct Name: Decodable { let kind: String, name: String }
        struct Argument: Decodable { let kind: String, names: [Name]? }
        struct Command: Decodable { let arguments: [Argument]? }
        let command: Command
    }
}
