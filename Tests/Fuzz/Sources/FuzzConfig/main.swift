import SettingFiles
import Foundation
import FuzzSupport

/// `--config FILE`: YAML (through Yams) turned into flags.
func fuzzConfig(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    _ = try? ConfigFile.flags(fromYAML: String(decoding: fuzzData(start, count), as: UTF8.self), source: "fuzz.yaml")
    return 0
}

runFuzzer(fuzzConfig)
