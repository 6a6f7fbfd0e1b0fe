import Foundation
import FuzzSupport
import RunFormat

/// The pretraining checkpoint (`--from-pretrained`).
func fuzzCheckpoint(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let file = ScratchFolder.fresh().appendingPathComponent("pretrained.ckpt")
    FileManager.default.createFile(atPath: file.path, contents: fuzzData(start, count))
    _ = try? PretrainedCheckpoint(contentsOf: file)
    return 0
}

runFuzzer(fuzzCheckpoint)
