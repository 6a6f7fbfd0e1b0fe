import DCNReportCommand
import Foundation
import NPYFormat
import Recording
import TestSupport
import Testing
import RunFormat

@Suite("Config files, re-rendering, killed runs and other trainers' recordings", .serialized)
struct LifecycleTests {
    let templates = repositoryRoot().appendingPathComponent("templates").path

    var binary: String? { builtBinary() }

    /// Starts the binary and returns once its standard output has shown `marker` (or it ended).
    func launch(_ binary: String, _ arguments: [String], until marker: String) throws -> (Process, Pipe) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        var buffer = ""
        while !buffer.contains(marker) {
            let chunk = pipe.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            buffer += String(decoding: chunk, as: UTF8.self)
        }
        return (process, pipe)
    }

    func run(_ arguments: [String]) throws {
        var command = try DCNReport.parseExpandingConfig(arguments)
        try command.run()
    }

    @Test("a config file and the equivalent flags give identical recordings; flags override the file")
    func configFile() throws {
        let folder = temporaryDirectory("config")
        let yaml = folder.appendingPathComponent("run.yaml")
        try """
        points-per-cluster: 30
        pretrain-epochs: 3
        epochs: 2
        hidden: [20, 10]
        lambda: 0.5
        reset-counts: true
        seed: 3
        """.write(to: yaml, atomically: true, encoding: .utf8)
        let a = folder.appendingPathComponent("a/same"), b = folder.appendingPathComponent("b/same")
        try run(["train", "--config", yaml.path, "--quiet", "--out", a.path])
        try run([
            "train", "--points-per-cluster", "30", "--pretrain-epochs", "3", "--epochs", "2", "--hidden", "20,10",
            "--lambda", "0.5", "--reset-counts", "--seed", "3", "--quiet", "--out", b.path
        ])
        for file in ["run/run.json", "run/epochs/0002/latent.npy", "run/final/kmeans_assignments.npy"] {
            #expect(try Data(contentsOf: a.appendingPathComponent(file)) == Data(contentsOf: b.appendingPathComponent(file)), "\(file)")
        }
        let c = folder.appendingPathComponent("c/same")
        try run(["train", "--config", yaml.path, "--lambda", "0.25", "--quiet", "--out", c.path])
        let manifest = try RecordedRun(directory: c.appendingPathComponent("run")).manifest
        #expect(manifest.configuration.lambda == 0.25)
        #expect(manifest.configuration.hiddenLayers == [20, 10])
    }

    @Test("an unknown config key is named in one error line")
    func unknownKey() throws {
        guard let binary else {
            Issue.record("dcn-report binary not built")
            return
        }
        let yaml = temporaryDirectory("config").appendingPathComponent("bad.yaml")
        try "lamda: 0.5\n".write(to: yaml, atomically: true, encoding: .utf8)
        let result = try runProcess(binary, ["train", "--config", yaml.path, "--out", temporaryDirectory("unused").path])
        #expect(result.status != 0 && result.status < 128)
        #expect(
            result.output
                == "dcn-report: error: \(yaml.path): unknown key 'lamda' (did you mean 'lambda'? keys are the command's flag names, e.g. lambda, batch-size)\n"
        )
        // Every flag of the command is a valid key, including those of its option groups.
        try "learning-rate: 0.001\nbatch-norm: false\nframe-size: 400x200\n".write(to: yaml, atomically: true, encoding: .utf8)
        let render = try runProcess(binary, ["train", "--config", yaml.path, "--out", temporaryDirectory("unused").path])
        #expect(render.output.contains("unknown key 'frame-size'"), "train has no --frame-size; generate has")
    }

    @Test("render on a recording from train produces the same report as generate")
    func renderMatchesGenerate() throws {
        let folder = temporaryDirectory("rerender")
        let flags = ["--points-per-cluster", "30", "--pretrain-epochs", "2", "--epochs", "3", "--quiet", "--frame-size", "500x240"]
        let generated = folder.appendingPathComponent("g/report"), trained = folder.appendingPathComponent("t/report")
        try run(["generate"] + flags + ["--templates", templates, "--out", generated.path])
        try run(["train"] + flags.filter { $0 != "--frame-size" && $0 != "500x240" } + ["--out", trained.path])
        // Same timing file so the "training time" row matches; everything else comes from the recording.
        try FileManager.default.removeItem(at: trained.appendingPathComponent("run/timing.json"))
        try FileManager.default.copyItem(
            at: generated.appendingPathComponent("run/timing.json"),
            to: trained.appendingPathComponent("run/timing.json"))
        try run(["render", trained.appendingPathComponent("run").path, "--frame-size", "500x240", "--quiet", "--templates", templates])
        let a = try String(contentsOf: generated.appendingPathComponent("index.html"), encoding: .utf8)
        let b = try String(contentsOf: trained.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(a == b)
    }

    @Test("a render that fails after drawing leaves the existing report exactly as it was, and no staging folder")
    func failedRenderLosesNothing() throws {
        let folder = temporaryDirectory("failed-render")
        let report = folder.appendingPathComponent("report")
        try run([
            "generate", "--points-per-cluster", "30", "--pretrain-epochs", "2", "--epochs", "3", "--quiet", "--frame-size", "500x240",
            "--templates", templates, "--out", report.path
        ])
        func snapshot() throws -> [String: Data] {
            var files: [String: Data] = [:]
            let enumerator = FileManager.default.enumerator(atPath: report.path)!
            for case let path as String in enumerator where !path.hasPrefix("run/") {
                let url = report.appendingPathComponent(path)
                var isFolder: ObjCBool = false
                if FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), !isFolder.boolValue {
                    files[path] = try Data(contentsOf: url)
                }
            }
            return files
        }
        let before = try snapshot()
        #expect(before["index.html"] != nil && before.keys.contains { $0.hasPrefix("frames/") })
        // A template that does not parse fails only once every frame and figure has been drawn.
        let broken = folder.appendingPathComponent("broken")
        try FileManager.default.createDirectory(at: broken, withIntermediateDirectories: true)
        try "{{#section}} never closed".write(to: broken.appendingPathComponent("report.mustache"), atomically: true, encoding: .utf8)
        #expect(throws: (any Error).self) {
            try run(["render", report.appendingPathComponent("run").path, "--frame-size", "640x300", "--quiet", "--templates", broken.path])
        }
        #expect(try snapshot() == before, "files of the existing report changed")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: report.path).filter { $0.hasPrefix(".dcn-report-staging") }
        #expect(leftovers.isEmpty)
    }

    @Test("render accepts the folder given to train --out as well as the run/ folder inside it")
    func renderTakesTheTrainOutFolder() throws {
        let out = temporaryDirectory("render-parent").appendingPathComponent("t")
        try run(["train", "--points-per-cluster", "30", "--pretrain-epochs", "2", "--epochs", "2", "--quiet", "--out", out.path])
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("index.html").path))
        try run(["render", out.path, "--frame-size", "500x240", "--quiet", "--templates", templates])
        let html = try String(contentsOf: out.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(html.contains("frames/epoch_0002.png"))
        // A folder with neither run.json nor run/run.json is still refused, naming run.json.
        let empty = temporaryDirectory("render-empty")
        #expect { try run(["render", empty.path, "--quiet", "--templates", templates]) } throws: { "\($0)".contains("run.json") }
    }

    @Test("a run killed with SIGKILL after epoch 5 of 20 renders epochs 0–5 and is reported incomplete")
    func killedRun() throws {
        guard let binary else {
            Issue.record("dcn-report binary not built")
            return
        }
        let out = temporaryDirectory("killed").appendingPathComponent("report")
        let (process, _) = try launch(
            binary,
            [
                "train", "--points-per-cluster", "400", "--pretrain-epochs", "2", "--epochs", "20",
                "--out", out.path
            ], until: "epoch   5/20")
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)
        let recording = try RecordedRun(directory: out.appendingPathComponent("run"))
        #expect(recording.manifest.status == .running)
        let epochs = recording.availableEpochs.map(\.epoch)
        #expect(epochs.first == 0 && epochs.count >= 6 && epochs.count < 21, "\(epochs)")
        let result = try runProcess(binary, ["render", out.appendingPathComponent("run").path, "--templates", templates, "--frame-size", "400x200"])
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("the run is incomplete: epochs 0–\(epochs.last!) of 20"))
        let html = try String(contentsOf: out.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(html.contains("This run is incomplete"))
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(String(format: "frames/epoch_%04d.png", epochs.last!)).path))
    }

    @Test("SIGINT stops training after the current step: exit 130, status interrupted, every listed epoch complete")
    func interruptedRun() throws {
        guard let binary else {
            Issue.record("dcn-report binary not built")
            return
        }
        let out = temporaryDirectory("sigint").appendingPathComponent("report")
        let (process, pipe) = try launch(
            binary,
            [
                "generate", "--points-per-cluster", "100", "--pretrain-epochs", "1", "--epochs", "3000",
                "--out", out.path, "--templates", templates, "--frame-size", "400x200"
            ],
            until: "epoch   3/3000")
        kill(process.processIdentifier, SIGINT)
        DispatchQueue.global().async { _ = pipe.fileHandleForReading.readDataToEndOfFile() }
        // Should stop within a minibatch or two; never let a broken handler hang the suite.
        let deadline = Date().addingTimeInterval(120)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        #expect(process.terminationStatus == 130)
        let recording = try RecordedRun(directory: out.appendingPathComponent("run"))
        #expect(recording.manifest.status == .interrupted)
        #expect(recording.availableEpochs.count == recording.manifest.epochs.count)
        #expect(recording.manifest.epochs.count < 50)
        // generate still wrote the report of the completed epochs.
        let html = try String(contentsOf: out.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(html.contains("Training stopped early: training interrupted"))
    }

    @Test("a run that diverges stops with a message and a report of every good epoch before it")
    func divergedRun() throws {
        guard let binary else {
            Issue.record("dcn-report binary not built")
            return
        }
        let out = temporaryDirectory("diverge").appendingPathComponent("report")
        // SGD with λ = 1000: epochs 0–2 are recorded, epoch 3 diverges (TrainingTests checks the same setting).
        let result = try runProcess(
            binary,
            [
                "generate", "--points-per-cluster", "50", "--pretrain-epochs", "2", "--epochs", "8",
                "--optimizer", "sgd", "--learning-rate", "0.01", "--lambda", "1000",
                "--clustering-scale", "paper", "--out", out.path, "--templates", templates, "--frame-size", "400x200", "--quiet"
            ])
        #expect(result.status == 1)
        #expect(result.output.contains("dcn-report: error: training diverged"))
        #expect(result.output.contains("--learning-rate or --lambda"))
        let recording = try RecordedRun(directory: out.appendingPathComponent("run"))
        #expect(recording.manifest.status == .diverged)
        let epochs = recording.availableEpochs.map(\.epoch)
        #expect(epochs.count >= 2 && epochs == Array(0..<epochs.count))
        let html = try String(contentsOf: out.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(html.contains("Training stopped early: training diverged"))
        for epoch in epochs {
            let frame = out.appendingPathComponent(String(format: "frames/epoch_%04d.png", epoch))
            #expect(FileManager.default.fileExists(atPath: frame.path), "frame of epoch \(epoch)")
        }
    }

    @Test("epochs without losses (format 4: a method with no decoder and no loss) render, without loss charts")
    func recordingWithoutLossesRenders() throws {
        let folder = temporaryDirectory("nolosses").appendingPathComponent("report")
        try run(["train", "--points-per-cluster", "30", "--pretrain-epochs", "0", "--epochs", "2", "--quiet", "--out", folder.path])
        let runFolder = folder.appendingPathComponent("run"), manifestURL = runFolder.appendingPathComponent("run.json")
        var manifest = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: manifestURL)) as? [String: Any])
        manifest["epochs"] = (manifest["epochs"] as? [[String: Any]] ?? []).map { $0.filter { $0.key != "losses" } }
        try JSONSerialization.data(withJSONObject: manifest).write(to: manifestURL)
        #expect(try RecordedRun(directory: runFolder).manifest.epochs.allSatisfy { $0.losses == RecordedLosses() })
        try run(["render", runFolder.path, "--templates", templates, "--frame-size", "400x200", "--quiet"])
        let html = try String(contentsOf: folder.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(html.contains("frames/epoch_0002.png") && !html.contains("Loss curves"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("figures/losses.png").path))
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("figures/metrics.png").path))
    }

    @Test("a recording of format 2 (no decoded centres) still renders, without the centre strip")
    func previousFormatRenders() throws {
        let folder = temporaryDirectory("format2").appendingPathComponent("report")
        try run(["train", "--points-per-cluster", "30", "--pretrain-epochs", "2", "--epochs", "2", "--quiet", "--out", folder.path])
        let runFolder = folder.appendingPathComponent("run")
        for epoch in 0...2 {
            try FileManager.default.removeItem(at: runFolder.appendingPathComponent(String(format: "epochs/%04d/decoded_centers.npy", epoch)))
        }
        let manifestURL = runFolder.appendingPathComponent("run.json")
        let text = try String(contentsOf: manifestURL, encoding: .utf8).replacingOccurrences(
            of: "\"formatVersion\" : 4", with: "\"formatVersion\" : 2")
        try text.write(to: manifestURL, atomically: true, encoding: .utf8)
        #expect(try RecordedRun(directory: runFolder).manifest.formatVersion == 2)
        try run(["render", runFolder.path, "--templates", templates, "--frame-size", "400x200", "--quiet"])
        let html = try String(contentsOf: folder.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(html.contains("frames/epoch_0002.png"))
        #expect(!html.contains("id=\"centres\""))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("figures/decoded-centres.png").path))
        // The current format draws the strip and the figure.
        let current = temporaryDirectory("format3").appendingPathComponent("report")
        try run([
            "generate", "--points-per-cluster", "30", "--pretrain-epochs", "2", "--epochs", "2", "--quiet", "--out", current.path,
            "--templates", templates, "--frame-size", "400x200"
        ])
        let page = try String(contentsOf: current.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(page.contains("id=\"centres\"") && page.contains("centres/epoch_0002.png"))
        #expect(FileManager.default.fileExists(atPath: current.appendingPathComponent("figures/decoded-centres.svg").path))
    }

    @Test("a run folder written by Python and numpy alone renders into a report")
    func foreignRecording() throws {
        guard let python = pythonWithNumpy() else {
            Issue.record("python3 with numpy is needed for this test")
            return
        }
        let folder = temporaryDirectory("foreign").appendingPathComponent("run")
        let script = """
            import json, os, numpy as np
            run = '\(folder.path)'
            os.makedirs(run + '/epochs', exist_ok=True)
            rng = np.random.default_rng(0)
            labels = np.repeat(np.arange(3), 50).astype(np.int32)
            np.save(run + '/labels.npy', labels)
            epochs = []
            for e in range(4):
                centers = np.array([[0, 0], [4, 0], [0, 4]], np.float32)
                z = (centers[labels] * (0.5 + e / 6) + rng.normal(size=(150, 2))).astype(np.float32)
                a = np.argmin(((z[:, None, :] - centers[None]) ** 2).sum(-1), 1).astype(np.int32)
                path = 'epochs/%04d' % e
                os.makedirs(run + '/' + path)
                np.save(run + '/' + path + '/latent.npy', z); np.save(run + '/' + path + '/assignments.npy', a)
                np.save(run + '/' + path + '/centers.npy', centers)
                epochs.append({'epoch': e, 'phase': 'pretrain' if e == 0 else 'train', 'path': path,
                               'losses': {'reconstruction': 1.0 / (e + 1), 'clustering': 0.5, 'total': 1.2},
                               'clusterSizes': np.bincount(a, minlength=3).tolist()})
            manifest = {'formatVersion': 1, 'tool': {'name': 'my-pytorch-loop', 'version': '0'}, 'status': 'complete',
                        'name': 'pytorch-run', 'configuration': {'clusterCount': 3, 'latentDimensions': 2, 'epochs': 3, 'lambda': 0.1},
                        'dataset': {'name': 'blobs', 'description': 'three blobs', 'samples': 150, 'dimensions': 2,
                                    'classes': 3, 'scaling': 'none'}, 'epochs': epochs}
            json.dump(manifest, open(run + '/run.json', 'w'))
            """
        #expect(try runProcess(python, ["-c", script]).status == 0)
        try run(["render", folder.path, "--quiet", "--templates", templates, "--frame-size", "400x200"])
        let html = try String(contentsOf: folder.deletingLastPathComponent().appendingPathComponent("index.html"), encoding: .utf8)
        #expect(html.contains("pytorch-run"))
        #expect(html.contains("frames/epoch_0003.png"))
        // Another trainer's run is named as such, and shows only the settings it recorded.
        #expect(html.contains("Recorded by") && html.contains("my-pytorch-loop 0"))
        #expect(html.contains("λ (clustering weight)") && !html.contains("Centre counts") && !html.contains("Encoder"))
    }
}
