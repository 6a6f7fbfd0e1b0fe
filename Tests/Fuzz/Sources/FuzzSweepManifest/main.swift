import Foundation
import FuzzSupport
import SettingFiles

/// `sweep.json`, which `compare SWEEP` reads to order a sweep's runs.
func fuzzSweepManifest(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let file = ScratchFolder.fresh().appendingPathComponent("sweep.json")
    FileManager.default.createFile(atPath: file.path, contents: fuzzData(start, count))
    _ = SweepManifest(contentsOf: file)
    return 0
}

runFuzzer(fuzzSweepManifest)
