import Datasets
import Foundation
import FuzzSupport

/// IDX files (MNIST's format): images and labels, plain (gzip has its own target).
func fuzzIDX(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let data = fuzzData(start, count)
    _ = try? IDXLoader.loadImages(bytes: data, source: "fuzz-images-idx3-ubyte")
    _ = try? IDXLoader.loadLabels(bytes: data, source: "fuzz-labels-idx1-ubyte")
    return 0
}

runFuzzer(fuzzIDX)
