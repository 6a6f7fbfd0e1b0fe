import DCNReportCommand
import Foundation
import RunFormat
import TestSupport
import Testing

/// A long run renders in bounded time and memory: at most `--max-frames` frames, evenly spaced with the
/// first and last epochs, chosen before any array is read; a run within the cap renders as before.
@Suite("Long runs", .serialized)
struct LongRunTests {
    let templates = repositoryRoot().appendingPathComponent("templates").path

    func render(_ run: URL, _ extra: [String] = []) throws {
        var command = try DCNReport.parseAsRoot(["render", run.path, "--quiet", "--templates", templates, "--frame-size", "400x200"] + extra)
        try command.run()
    }

    /// A small real run (epochs 0–3), made once.
    func smallRun(_ name: String) throws -> URL {
        let out = temporaryDirectory(name)
        var command = try DCNReport.parseAsRoot(
            [
                "train", "--points-per-cluster", "10", "--pretrain-epochs", "1", "--epochs", "3", "--hidden", "8", "--no-keep-better", "--quiet",
                "--out", out.path
            ])
        try command.run()
        return out.appendingPathComponent("run")
    }

    @Test("a recorded run of 5,000 epochs draws 200 frames, the first and last among them, and reads only those epochs' arrays")
    func longRunIsBounded() throws {
        let run = try smallRun("long-run")
        let files = FileManager.default
        #expect(try RecordedRun(directory: run).manifest.epochs.count == 4)
        try LongRecording.extend(run, to: 5_001)
        let recorded = try RecordedRun(directory: run)
        let chosen = RecordedRun.evenlySpaced(recorded.availableEpochs, atMost: 200)
        #expect(chosen.count == 200 && chosen.first?.epoch == 0 && chosen.last?.epoch == 5_000)
        // Every epoch not chosen loses its assignments: reading one would end the report with a warning.
        let kept = Set(chosen.map(\.path))
        for entry in recorded.availableEpochs where !kept.contains(entry.path) {
            try files.removeItem(at: run.appendingPathComponent(entry.path).appendingPathComponent("assignments.npy"))
        }
        try render(run)
        let report = run.deletingLastPathComponent()
        let frames = try files.contentsOfDirectory(atPath: report.appendingPathComponent("frames").path).filter { $0.hasSuffix(".png") }
        #expect(frames.count == 200)
        #expect(frames.contains("epoch_0000.png") && frames.contains("epoch_5000.png"))
        let html = try String(contentsOf: report.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(html.contains("show 200 of the 5001 recorded epochs"), "the report says which epochs it shows")
        #expect(!html.contains("the report ends at epoch"), "an epoch that was not chosen was read")
    }

    @Test("a run within the cap renders exactly as with no cap: frames, GIF and APNG byte for byte")
    func withinTheCapUnchanged() throws {
        let run = try smallRun("within-cap")
        let report = run.deletingLastPathComponent()
        func files() throws -> [String: Data] {
            var found: [String: Data] = [:]
            for name in ["animation.gif", "animation.png"] + (0...3).map({ String(format: "frames/epoch_%04d.png", $0) }) {
                found[name] = try Data(contentsOf: report.appendingPathComponent(name))
            }
            return found
        }
        try render(run, ["--max-frames", "4"])
        let atTheCap = try files()
        try render(run, ["--max-frames", "100000"])
        #expect(try files() == atTheCap)
        let html = try String(contentsOf: report.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(!html.contains("recorded epochs, evenly spaced"))
        try render(run, ["--max-frames", "2"])
        let two = try FileManager.default.contentsOfDirectory(atPath: report.appendingPathComponent("frames").path).filter { $0.hasSuffix(".png") }
        #expect(Set(two) == ["epoch_0000.png", "epoch_0003.png"])
    }
}
