import Foundation
import Yams

/// `--config FILE`: a YAML mapping whose keys are the command's flag names without the dashes
/// (`lambda: 0.05`, `hidden: [500, 500, 2000]`, `batch-norm: true`), read as the flags it stands for.
/// The command line places them before its own flags, so an explicit flag overrides the file.
public enum ConfigFile {
    /// The flags a config file holds, in order, and the keys it set.
    /// - Throws: ``UserFacingError`` for a missing, unreadable or malformed file.
    public static func flags(fromFile path: String) throws -> (arguments: [String], keys: Set<String>) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw UserFacingError("\(path): no such file")
        }
        guard !isDirectory.boolValue else { throw UserFacingError("\(path): is a directory, expected a YAML file") }
        guard let data = FileManager.default.contents(atPath: path) else { throw UserFacingError("\(path): cannot be read") }
        return try flags(fromYAML: String(decoding: data, as: UTF8.self), source: path)
    }

    /// The flags a config file's text holds, in order, and the keys it set.
    /// - Parameters:
    ///   - text: The YAML text.
    ///   - path: The file's name, for errors.
    /// - Throws: An error naming `path` and what is wrong, for text that is not a mapping of flag names to values or lists.
    public static func flags(fromYAML text: String, source path: String) throws -> (arguments: [String], keys: Set<String>) {
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch {
            throw UserFacingError("\(path): not valid YAML (\(String(describing: error).split(separator: "\n").first ?? ""))")
        }
        guard let node else { return ([], []) }
        guard let mapping = node.mapping else { throw UserFacingError("\(path): expected a mapping of settings, e.g. 'lambda: 0.05'") }
        var arguments: [String] = [], keys: Set<String> = []
        for (keyNode, valueNode) in mapping {
            guard let key = keyNode.string, !key.isEmpty, key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }) else {
                throw UserFacingError("\(path): keys must be flag names such as 'lambda' or 'batch-size'")
            }
            guard key != "config" else { throw UserFacingError("\(path): a config file cannot name another config file") }
            keys.insert(key)
            if let sequence = valueNode.sequence {
                arguments += ["--\(key)", sequence.map { $0.string ?? "" }.joined(separator: ",")]
            } else if let scalar = valueNode.scalar {
                switch scalar.string.lowercased() {
                case "true", "yes", "on": arguments.append("--\(key)")
                case "false", "no", "off": continue
                default: arguments += ["--\(key)", scalar.string]
                }
            } else {
                throw UserFacingError("\(path): '\(key)' must be a value or a list")
            }
        }
        return (arguments, keys)
    }

    /// The process arguments with any `--config FILE` replaced by the flags the file holds.
    /// - Parameters:
    ///   - arguments: Arguments after the executable name.
    ///   - flagsOf: The flag names a subcommand takes (nil for an unknown subcommand), to refuse a key
    ///     that is not one of them.
    /// - Returns: The expanded arguments.
    /// - Throws: ``UserFacingError`` for a missing, unreadable or malformed file, or a key that is not
    ///   one of the command's flags.
    public static func expand(_ arguments: [String], flagsOf: (String) -> Set<String>?) throws -> [String] {
        guard let index = arguments.firstIndex(where: { $0 == "--config" || $0.hasPrefix("--config=") }) else {
            return arguments
        }
        var rest = arguments
        let path: String
        if arguments[index].hasPrefix("--config=") {
            path = String(arguments[index].dropFirst("--config=".count))
            rest.remove(at: index)
        } else {
            guard index + 1 < arguments.count else { throw UserFacingError("--config: expected a YAML file name") }
            path = arguments[index + 1]
            rest.removeSubrange(index...(index + 1))
        }
        let flags = try flags(fromFile: path)
        let subcommand = rest.first.flatMap { $0.hasPrefix("-") ? nil : $0 }
        if let known = subcommand.flatMap(flagsOf) {
            if let unknown = flags.keys.sorted().first(where: { !known.contains($0) }) {
                let hint = Suggestion.closest(to: unknown, among: known).map { "did you mean '\($0)'? " } ?? ""
                throw UserFacingError("\(path): unknown key '\(unknown)' (\(hint)keys are the command's flag names, e.g. lambda, batch-size)")
            }
        }
        // Subcommand name first, then the file's flags, then the user's (which win: last occurrence counts).
        rest.insert(contentsOf: flags.arguments, at: subcommand == nil ? 0 : 1)
        return rest
    }
}
