import ArgumentParser

/// The long flags a command declares, read from its option groups' properties the way argument-parser
/// names them (`learningRate` → `--learning-rate`): for config-file keys and sweep grids.
struct FlagCatalog {
    /// Flag name (without dashes) → whether it takes a value (an option) or not (a flag).
    let takesValue: [String: Bool]

    /// The catalog of `groups`.
    init(_ groups: [ParsableArguments.Type]) {
        var takesValue: [String: Bool] = [:]
        for group in groups {
            for child in Mirror(reflecting: group.init()).children {
                let kind = String(describing: type(of: child.value))
                guard let label = child.label, label.hasPrefix("_"), kind.hasPrefix("Option<") || kind.hasPrefix("Flag<") else { continue }
                let name = label.dropFirst().reduce(into: "") { name, character in
                    if character.isUppercase { name += "-" + character.lowercased() } else { name.append(character) }
                }
                takesValue[name] = kind.hasPrefix("Option<")
            }
        }
        self.takesValue = takesValue
    }

    /// Every flag name.
    var names: Set<String> { Set(takesValue.keys) }
}
