import Foundation
import Report
import Runs
import TestSupport

/// A recorded run of `epochs` epochs (a small real run whose last epoch's arrays are linked into every
/// later epoch's folder) rendered with the defaults: wall time, frames drawn and this process's peak
/// resident memory, which stays that of `--max-frames` epochs however long the run.
func benchmarkLongRun(epochs: Int) throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dcn-bench-long-\(getpid())")
    defer { try? FileManager.default.removeItem(at: folder) }
    var request = RunRequest()
    request.pointsPerCluster = 250
    request.pretrainEpochs = 2
    request.epochs = 3
    request.quiet = true
    request.out = folder.path
    _ = try request.train()
    let run = folder.appendingPathComponent("run")
    try LongRecording.extend(run, to: epochs)
    let files = FileManager.default
    let before = peakResidentMiB()
    let start = DispatchTime.now().uptimeNanoseconds
    let out = folder.appendingPathComponent("report")
    _ = try RunPipeline.report(runDirectory: run, into: out, templates: try TemplateLocator.locate(), render: RenderOptions(), quiet: true)
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    let frames = (try? files.contentsOfDirectory(atPath: out.appendingPathComponent("frames").path))?.filter { $0.hasSuffix(".png") }.count ?? 0
    print("== long run: \(epochs) recorded epochs of 1,000 points, rendered with the defaults (--max-frames \(RenderOptions().maxFrames))")
    print(
        String(
            format: "%d frames drawn in %.1f s; peak resident memory %.0f MiB (%.0f MiB before rendering)", frames, seconds, peakResidentMiB(), before
        ))
}
