import ArgumentParser
import Runs

extension FlagCatalog {
    /// The flags of argument-parser commands or option groups.
    init(_ groups: [ParsableArguments.Type]) { self.init(helpDumps: groups.map { $0._dumpHelp() }) }
}
