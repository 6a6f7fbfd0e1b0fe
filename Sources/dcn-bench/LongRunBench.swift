import Foundation
import Report
import Runs

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
    let files = FileManager.default
    var json = try JSONSerialization.jsonObject(with: Data(contentsOf: run.appendingPathComponent("run.json"))) as? [String: Any] ?? [:]
    var entries = json["epochs"] as? [[String: Any]] ?? []
    guard let template = entries.last, let last = template["epoch"] as? Int, let path = template["path"] as? String else { return }
    for epoch in (last + 1)..<epochs {
        var entry = template
        let name = String(format: "epochs/%06d", epoch)
        entry["epoch"] = epoch
        entry["path"] = name
        try files.createDirectory(at: run.appendingPathComponent(name), withIntermediateDirectories: true)
        for array in ["latent.npy", "centers.npy", "assignments.npy"] {
            try files.linkItem(
                at: run.appendingPathComponent(path).appendingPathComponent(array),
                to: run.appendingPathComponent(name).appendingPathComponent(array))
        }
        entries.append(entry)
    }
    json["epochs"] = entries
    try JSONSerialization.data(withJSONObject: json).write(to: run.appendingPathComponent("run.json"))
    let before = peakResidentMiB()
    let start = DispatchTime.now().uptimeNanoseconds
    let out = folder.appendingPathComponent("report")
    _ = try RunPipeline.report(runDirectory: run, into: out, templates: try TemplateLocator.locate(), render: RenderOptions(), quiet: true)
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    let frames = (try? files.contentsOfDirectory(atPath: out.appendingPathComponent("frames").path))?.filter { $0.hasSuffix(".png") }.count ?? 0
    print("== long run: \(entries.count) recorded epochs of 1,000 points, rendered with the defaults (--max-frames \(RenderOptions().maxFrames))")
    print(
        String(
            format: "%d frames drawn in %.1f s; peak resident memory %.0f MiB (%.0f MiB before rendering)", frames, seconds, peakResidentMiB(), before
        ))
}
