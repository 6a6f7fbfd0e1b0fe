import Foundation
import Report
import Runs

/// Renders a recorded run's whole report (`dcn-report render` with the defaults) into a temporary
/// folder and prints each stage's wall time and the total per frame.
func benchmarkRenderStages(runFolder: String) throws {
    var run = URL(fileURLWithPath: runFolder)
    if FileManager.default.fileExists(atPath: run.appendingPathComponent("run/run.json").path) {
        run = run.appendingPathComponent("run")
    }
    let out = FileManager.default.temporaryDirectory.appendingPathComponent("dcn-bench-render-\(getpid())")
    defer { try? FileManager.default.removeItem(at: out) }
    let clock = RenderStageClock()
    let start = DispatchTime.now().uptimeNanoseconds
    _ = try RunPipeline.report(
        runDirectory: run, into: out, templates: try TemplateLocator.locate(), render: RenderOptions(),
        quiet: true, clock: clock)
    let total = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    let frames =
        (try? FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent("frames").path))?
        .filter { $0.hasSuffix(".png") }.count ?? 0
    print("== render by stage (\(run.path), \(frames) frames)")
    for stage in clock.recorded {
        print(stage.name.padding(toLength: 26, withPad: " ", startingAt: 0) + String(format: "%7.1f ms", stage.seconds * 1000))
    }
    print(
        "total".padding(toLength: 26, withPad: " ", startingAt: 0)
            + String(format: "%7.1f ms (%.1f ms per frame)", total * 1000, total * 1000 / Double(max(frames, 1))))
}
