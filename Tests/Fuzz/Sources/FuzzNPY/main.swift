import Datasets
import Foundation
import FuzzSupport
import NPYFormat

/// NumPy `.npy` files: the header parser, every dtype and order, the feature and the labels loaders.
func fuzzNPY(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let data = fuzzData(start, count)
    _ = try? NPYReader.decode(data)
    _ = try? NPYLoader.loadFeatures(bytes: data, source: "fuzz.npy")
    let labels = ScratchFolder.fresh().appendingPathComponent("labels.npy")
    FileManager.default.createFile(atPath: labels.path, contents: data)
    _ = try? LabelsLoader.load(path: labels.path)
    return 0
}

runFuzzer(fuzzNPY)
