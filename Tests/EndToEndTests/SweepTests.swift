import DCNReportCommand
import Foundation
import RunFormat
import TestSupport
import Testing

@Suite("Sweeps and shared pretraining", .serialized)
struct SweepTests {
    var binary: String? { builtBinary() }
    /// A tiny synthetic run: seconds per run.
    let tiny = ["--points-per-cluster", "40", "--pretrain-epochs", "3", "--epochs", "2", "--kmeans-restarts", "2"]

    func train(_ arguments: [String]) throws {
        var command = try DCNReport.parseExpandingConfig(["train", "--quiet"] + arguments)
        try command.run()
    }

    /// Every file of a recording but timing.json (wall-clock seconds) and process.json (the writing process), by relative path.
    func recording(_ folder: URL) throws -> [String: Data] {
        let files = try FileManager.default.subpathsOfDirectory(atPath: folder.path)
            .filter { !$0.hasSuffix("timing.json") && !$0.hasSuffix("process.json") }
        var contents: [String: Data] = [:]
        for file in files {
            var directory: ObjCBool = false
            FileManager.default.fileExists(atPath: folder.appendingPathComponent(file).path, isDirectory: &directory)
            if !directory.boolValue { contents[file] = try Data(contentsOf: folder.appendingPathComponent(file)) }
        }
        return contents
    }

    func status(_ folder: URL) -> RunStatus? {
        (try? RecordedRun(directory: folder.appendingPathComponent("run")))?.manifest.status
    }

    func modified(_ folder: URL) throws -> Date {
        try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent("run/run.json").path)[.modificationDate] as! Date
    }

    @Test("a run started from a pretraining checkpoint records exactly what it records when it pretrains itself")
    func checkpointRecording() throws {
        let folder = temporaryDirectory("checkpoint")
        let checkpoint = folder.appendingPathComponent("pre.ckpt")
        // Same folder name (it is the run's name), different parents.
        let own = folder.appendingPathComponent("a/run-1"), resumed = folder.appendingPathComponent("b/run-1")
        try train(tiny + ["--lambda", "0.5", "--out", folder.appendingPathComponent("leader").path, "--save-pretrained", checkpoint.path])
        // A different λ acts only after pretraining: this run starts from the leader's checkpoint.
        try train(tiny + ["--lambda", "4", "--out", own.path])
        try train(tiny + ["--lambda", "4", "--out", resumed.path, "--from-pretrained", checkpoint.path])
        let a = try recording(own), b = try recording(resumed)
        #expect(a.keys.sorted() == b.keys.sorted() && a.count >= 15)
        for (file, data) in a { #expect(b[file] == data, "\(file) differs") }
        let manifest = try RecordedRun(directory: resumed.appendingPathComponent("run")).manifest
        #expect(manifest.pretraining.count == 3 && manifest.configuration.lambda == 4)
    }

    @Test("a checkpoint refuses runs with other pretraining settings or other data, in one line")
    func checkpointMismatch() throws {
        guard let binary else {
            Issue.record("dcn-report binary not built")
            return
        }
        let folder = temporaryDirectory("checkpoint-mismatch")
        let checkpoint = folder.appendingPathComponent("pre.ckpt")
        try train(tiny + ["--out", folder.appendingPathComponent("leader").path, "--save-pretrained", checkpoint.path])
        for (extra, expected) in [
            (["--batch-size", "32"], "was pretrained with another batchSize"),
            (["--points-per-cluster", "41"], "was pretrained on other data")
        ] {
            let result = try runProcess(
                binary,
                ["train", "--quiet"] + tiny + extra + [
                    "--from-pretrained", checkpoint.path,
                    "--out", folder.appendingPathComponent("x").path
                ])
            #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("x").path), "nothing is written")
            #expect(result.status == 1)
            #expect(result.output.hasPrefix("dcn-report: error: \(checkpoint.path): \(expected)"), "\(result.output)")
            #expect(result.output.split(separator: "\n").count == 1)
        }
        try Data("nonsense".utf8).write(to: checkpoint)
        let result = try runProcess(
            binary, ["train", "--quiet"] + tiny + ["--from-pretrained", checkpoint.path, "--out", folder.appendingPathComponent("y").path])
        #expect(result.output == "dcn-report: error: \(checkpoint.path): not a dcn-report pretraining checkpoint\n")
    }

    @Test("a 2 × 2 sweep writes four complete run folders named by setting; rerunning it trains nothing")
    func sweepGrid() throws {
        guard let binary else {
            Issue.record("dcn-report binary not built")
            return
        }
        let out = temporaryDirectory("sweep").appendingPathComponent("s")
        let arguments = ["sweep"] + tiny + ["--lambda", "0.5,2", "--seed", "1,2", "--out", out.path, "--quiet"]
        let first = try runProcess(binary, arguments)
        #expect(first.status == 0, "\(first.output)")
        let names = ["lambda-0.5-seed1", "lambda-0.5-seed2", "lambda-2-seed1", "lambda-2-seed2"]
        let runs = names.map { out.appendingPathComponent("runs/\($0)") }
        #expect(runs.allSatisfy { status($0) == .complete })
        for run in runs {
            let manifest = try RecordedRun(directory: run.appendingPathComponent("run")).manifest
            #expect(manifest.configuration.lambda == (run.lastPathComponent.hasPrefix("lambda-0.5") ? 0.5 : 2))
            #expect(manifest.configuration.seed == (run.lastPathComponent.hasSuffix("seed1") ? 1 : 2))
        }
        // One pretraining per seed: two checkpoints for four runs.
        let checkpoints = try FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent("pretrained").path)
        #expect(checkpoints.filter { $0.hasSuffix(".ckpt") }.count == 2)
        let before = try runs.map(modified)
        let second = try runProcess(binary, arguments)
        #expect(second.status == 0)
        #expect(try runs.map(modified) == before, "a completed run was trained again")
        let plan = try runProcess(binary, arguments.filter { $0 != "--quiet" } + ["--plan"])
        #expect(plan.status == 0 && plan.output.isEmpty, "\(plan.output)")
        // The command the sweep's last line suggests works as printed: compare writes SWEEP/report.
        let loud = try runProcess(binary, arguments.filter { $0 != "--quiet" })
        let suggested = try #require(loud.output.split(separator: "`").dropFirst().first.map(String.init))
        #expect(suggested == "dcn-report compare \(out.path)")
        let compared = try runProcess(binary, Array(suggested.split(separator: " ").dropFirst().map(String.init)) + ["--quiet", "--no-run-reports"])
        #expect(compared.status == 0, "\(compared.output)")
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("report/index.html").path))
    }

    @Test("a killed sweep, rerun, trains only the missing runs; --plan lists exactly those")
    func resumeAfterKill() throws {
        guard let binary else {
            Issue.record("dcn-report binary not built")
            return
        }
        let out = temporaryDirectory("sweep-kill").appendingPathComponent("s")
        let arguments = [
            "sweep", "--points-per-cluster", "40", "--pretrain-epochs", "3", "--epochs", "40", "--kmeans-restarts", "2",
            "--lambda", "0.5,1,2", "--seed", "1", "--jobs", "1", "--no-shared-pretraining", "--out", out.path, "--quiet"
        ]
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let first = out.appendingPathComponent("runs/lambda-0.5-seed1")
        let deadline = Date().addingTimeInterval(120)
        while status(first) != .complete && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        // The child training the second run is killed too, as a scheduler's kill would.
        _ = try runProcess("/usr/bin/pkill", ["-KILL", "-f", out.path])
        #expect(status(first) == .complete)
        let done = try modified(first)
        let missing = ["lambda-1-seed1", "lambda-2-seed1"].filter { status(out.appendingPathComponent("runs/\($0)")) != .complete }
        #expect(!missing.isEmpty, "the sweep finished before it was killed; make its runs longer")
        let plan = try runProcess(binary, arguments.filter { $0 != "--quiet" } + ["--plan"])
        let lines = plan.output.split(separator: "\n")
        #expect(lines.count == missing.count)
        for name in missing { #expect(lines.contains { $0.contains("runs/\(name) ") }, "\(name) not planned") }
        #expect(lines.allSatisfy { $0.hasPrefix(binary + " train ") })
        let rerun = try runProcess(binary, arguments)
        #expect(rerun.status == 0, "\(rerun.output)")
        #expect(try modified(first) == done, "the completed run was trained again")
        #expect(["lambda-0.5-seed1", "lambda-1-seed1", "lambda-2-seed1"].allSatisfy { status(out.appendingPathComponent("runs/\($0)")) == .complete })
    }

    @Test("a run that fails is named, the others complete, and the sweep exits non-zero")
    func failedRun() throws {
        guard let binary else {
            Issue.record("dcn-report binary not built")
            return
        }
        let out = temporaryDirectory("sweep-fail").appendingPathComponent("s")
        // Four class names fit the synthetic data's four classes; two do not, which only training finds.
        let result = try runProcess(binary, ["sweep"] + tiny + ["--class-names", "a,b,c,d/a,b", "--out", out.path, "--quiet"])
        #expect(result.status == 1)
        #expect(result.output.contains("sweep: 1 of 2 runs failed: class-names-a-b-seed0 (log: runs/class-names-a-b-seed0.log)"), "\(result.output)")
        #expect(status(out.appendingPathComponent("runs/class-names-a-b-c-d-seed0")) == .complete)
        let log = try String(contentsOf: out.appendingPathComponent("runs/class-names-a-b-seed0.log"), encoding: .utf8)
        #expect(log.contains("--class-names: 2 names given but the labels have 4 classes"))
    }

    @Test("sweep flags are checked before anything runs: unknown, reserved or malformed, in one line")
    func badSweepFlags() throws {
        guard let binary else {
            Issue.record("dcn-report binary not built")
            return
        }
        let out = temporaryDirectory("sweep-bad").appendingPathComponent("s")
        for (arguments, expected) in [
            (["--lamda", "1,2"], "sweep: unknown training flag '--lamda' (did you mean --lambda?)"),
            (["--name", "x"], "sweep: --name is set by the sweep itself"),
            (["--lambda", "1,,2"], "sweep: --lambda '1,,2' has an empty alternative"),
            (["--lambda", "1,x"], "sweep run lambda-x-seed0: The value 'x' is invalid for '--lambda <lambda>'")
        ] {
            let result = try runProcess(binary, ["sweep", "--out", out.path] + arguments)
            #expect(result.status != 0)
            #expect(result.output.hasPrefix("dcn-report: error: \(expected)"), "\(result.output)")
            #expect(!FileManager.default.fileExists(atPath: out.path))
        }
    }
}
