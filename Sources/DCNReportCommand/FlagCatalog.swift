import ArgumentParser
import Foundation

/// The long flags a command declares, as argument-parser itself describes them (the JSON of
/// `--experimental-dump-help`): for config-file keys and sweep grids.
struct FlagCatalog {
    /// Flag name (without dashes) → whether it takes a value (an option) or not (a flag).
    let takesValue: [String: Bool]

    /// The catalog of `groups`.
    init(_ groups: [ParsableArguments.Type]) {
        var takesValue: [String: Bool] = [:]
        for group in groups {
            let dump = (try? JSONDecoder().decode(HelpDump.self, from: Data(group._dumpHelp().utf8)))?.command.arguments ?? []
            for argument in dump where argument.kind != "positional" {
                for name in argument.names ?? [] where name.kind == "long" && name.name != "help" {
                    takesValue[name.name] = argument.kind == "option"
                }
            }
        }
        self.takesValue = takesValue
    }

    /// Every flag name.
    var names: Set<String> { Set(takesValue.keys) }

    /// The part of argument-parser's help dump (`ToolInfoV0`) read here.
    private struct HelpDump: Decodable {
        struct Name: Decodable { let kind: String, name: String }
        struct Argument: Decodable { let kind: String, names: [Name]? }
        struct Command: Decodable { let arguments: [Argument]? }
        let command: Command
    }
}
