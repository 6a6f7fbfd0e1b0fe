import Foundation
import FuzzSupport
import RunFormat

/// A whole run folder (``FolderImage``): `run.json`, labels and every epoch's arrays together, read the
/// way `render` and `compare` read them — the manifest, the checked epochs, galleries and feature means —
/// and as `serve`'s runs page reads it (`RunListingEntry`, through `RunJSONOutline`'s byte scan).
func fuzzRunFolder(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let folder = ScratchFolder.fresh()
    FolderImage.unpack(fuzzData(start, count), into: folder)
    if let entry = try? RunListingEntry.read(in: folder) { _ = entry.lastAvailableEpoch(in: folder) }
    guard let run = try? RecordedRun(directory: folder) else { return 0 }
    guard let checked = try? run.checkedEpochs() else { return 0 }
    for entry in checked.entries {
        _ = try? run.gallery(epoch: entry.epoch)
        _ = try? run.featureMeans(epoch: entry.epoch)
    }
    return 0
}

runFuzzer(fuzzRunFolder)
