import Foundation
import FuzzSupport
import RunFormat

/// The model file (`model.dcn`) that `assign` and `model.dcn` users load.
func fuzzModel(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    _ = try? ModelFile(decoding: fuzzData(start, count), source: "fuzz.dcn")
    return 0
}

runFuzzer(fuzzModel)
