import CGIF
import CairoRendering
import Clustering
import DCNCore
import Datasets
import DCNReportCommand
import Foundation
import NPYFormat
import Recording
import TestSupport
import Training
import Testing
import RunFormat
import Scoring

@Suite("dcn-report generate, end to end", .serialized)
struct GenerateTests {
    let root = repositoryRoot()

    func generate(_ extra: [String], out: URL) throws {
        var command = try DCNReport.parseAsRoot(
            [
                "generate", "--points-per-cluster", "60", "--pretrain-epochs", "5", "--epochs", "10", "--quiet",
                "--frame-size", "600x280", "--templates", root.appendingPathComponent("templates").path, "--out", out.path
            ] + extra)
        try command.run()
    }

    /// Trains and records only (no frames, animations or report), for tests about the recording.
    func train(_ extra: [String], out: URL) throws {
        var command = try DCNReport.parseAsRoot(
            ["train", "--points-per-cluster", "60", "--pretrain-epochs", "5", "--epochs", "10", "--quiet", "--out", out.path] + extra)
        try command.run()
    }

    @Test("a small synthetic run writes the report, one decodable PNG per epoch, the GIF and the recording")
    func smallSyntheticRun() throws {
        let out = temporaryDirectory("generate")
        try generate([], out: out)

        let html = try String(contentsOf: out.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(html.contains("k-means on raw input"))
        #expect(html.contains("frames/epoch_0010.png"))
        #expect(!html.contains("{{"))
        // The run summary names how DCN started, and nothing of another trainer's wording.
        #expect(html.contains("DCN start") && html.contains("normalised cut"))
        #expect(html.contains("Deep Clustering Network on") && !html.contains("Recorded by"))

        // A run that ended worse than its start keeps it as one more epoch (11).
        let keptStart = try RecordedRun(directory: out.appendingPathComponent("run")).manifest.outcome?.kept == .start
        let lastEpoch = keptStart ? 11 : 10
        #expect(html.contains("DCN ended worse than its start") == keptStart)
        for epoch in 0...lastEpoch {
            let image = try PNGImage(contentsOf: out.appendingPathComponent(String(format: "frames/epoch_%04d.png", epoch)).path)
            #expect(image.width == 600 && image.height == 280)
        }
        let gif = try GIFInfo(contentsOf: out.appendingPathComponent("animation.gif"))
        #expect(gif.frameCount == lastEpoch + 1)
        for figure in ["latent-final", "losses", "metrics", "confusion", "cluster-sizes"] {
            for format in ["png", "svg", "pdf"] {
                #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("figures/\(figure).\(format)").path))
            }
            #expect(html.contains("figures/\(figure).pdf"))
        }
        #expect(html.contains("animation.png"))

        let run = try RecordedRun(directory: out.appendingPathComponent("run"))
        #expect(run.manifest.status == .complete)
        #expect(run.manifest.epochs.map(\.epoch) == Array(0...lastEpoch))
        #expect(run.manifest.epochs.first?.phase == .pretrain)
        let start = try #require(run.manifest.start)
        #expect(
            run.manifest.baselines.map(\.id) == ["kmeans-raw", "ae-kmeans"]
                + (start.partition == .merged ? ["ae-merged-start"] : start.partition == .joint ? ["ae-joint-start"] : [])
                + ["dcn-online", "dcn-nearest-centre"] + (keptStart ? ["kept-start"] : []) + ["dcn-final-kmeans"])
        #expect(html.contains("DCN + final k-means"))
        #expect(run.labels?.count == 240)
        let last = try run.arrays(for: run.manifest.epochs.last!)
        #expect(last.latent.rows == 240 && last.latent.columns == 2)
        #expect(last.centers.rows == 4)
        // The metrics in run.json are those of the recorded arrays.
        let recomputed = ClusteringMetrics(predicted: last.assignments, truth: run.labels!)
        #expect(recomputed == run.manifest.epochs.last!.metrics)
    }

    @Test("numpy reads the recording: shapes, dtypes and the final NMI agree")
    func numpyReadsRecording() throws {
        guard let python = pythonWithNumpy() else {
            Issue.record("python3 with numpy is needed for this test")
            return
        }
        let out = temporaryDirectory("numpy")
        // --no-keep-better: DCN's two epochs are the last (a kept start would add a third).
        try generate(["--epochs", "2", "--no-keep-better"], out: out)
        let script = """
            import json, numpy as np
            run = '\(out.path)/run'
            m = json.load(open(run + '/run.json'))
            labels = np.load(run + '/labels.npy')
            assert labels.dtype == np.int32 and labels.shape == (240,)
            for e in m['epochs']:
                z = np.load(run + '/' + e['path'] + '/latent.npy')
                a = np.load(run + '/' + e['path'] + '/assignments.npy')
                c = np.load(run + '/' + e['path'] + '/centers.npy')
                assert z.dtype == np.float32 and z.shape == (240, 2), z.shape
                assert a.dtype == np.int32 and a.shape == (240,)
                assert c.dtype == np.float32 and c.shape == (4, 2)
                g = np.load(run + '/' + e['path'] + '/decoded_centers.npy')
                assert g.dtype == np.float32 and g.shape == (4, 100) and np.isfinite(g).all(), g.shape
                assert np.bincount(a, minlength=4).tolist() == e['clusterSizes']
            print('ok', len(m['epochs']))
            """
        let result = try runProcess(python, ["-c", script])
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("ok 3"))
    }

    @Test("image data record galleries at epoch 0 and the last epoch, whose inputs are the data's own rows, and the report draws them")
    func galleries() throws {
        let out = temporaryDirectory("gallery")
        // The synthetic samples are 100 values: shown as 10 × 10 images.
        try generate(["--epochs", "2", "--image-shape", "10x10", "--no-keep-better"], out: out)
        let run = try RecordedRun(directory: out.appendingPathComponent("run"))
        #expect(run.manifest.dataset.imageShape == [10, 10])
        let data = Datasets.SyntheticDataset(pointsPerCluster: 60).generate(seed: 0)
        for epoch in [0, 2] {
            let gallery = try #require(try run.gallery(epoch: epoch), "gallery of epoch \(epoch)")
            #expect(gallery.clusters == 4 && gallery.perGroup == 8 && gallery.classes == 4)
            let selected = gallery.members.filter { $0 >= 0 }
            #expect(selected.count == 4 * 3 * 8, "every cluster has at least 8 members")
            for sample in Set(selected) { #expect(gallery.inputs[sample] == data.features.row(Int(sample))) }
            for format in ["png", "svg", "pdf"] {
                #expect(
                    FileManager.default.fileExists(
                        atPath: out.appendingPathComponent(String(format: "figures/gallery-epoch-%04d.", epoch) + format).path))
            }
        }
        let html = try String(contentsOf: out.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(html.contains("figures/gallery-epoch-0002.png") && html.contains("figures/decoded-centres.png"))
        #expect(html.contains("id=\"figure-gallery-epoch-0002\" class=\"wide\""), "galleries take the page's width")
        #expect(html.contains("id=\"figure-losses\">"), "charts stay in the two-column grid")
    }

    @Test("tabular data record each cluster's standardised feature means at epoch 0 and the last epoch, and the report charts them")
    func featureMeans() throws {
        let out = temporaryDirectory("feature-means")
        try generate(["--epochs", "2", "--no-keep-better"], out: out)
        let run = try RecordedRun(directory: out.appendingPathComponent("run"))
        let data = Datasets.SyntheticDataset(pointsPerCluster: 60).generate(seed: 0)
        let means = try #require(try run.featureMeans(epoch: 2))
        let assignments = try run.arrays(for: run.availableEpochs.last!).assignments
        #expect(means.rows == 4 && means.columns == 100)
        // Feature 7 of cluster 1, by hand: standardise over all samples, average over the cluster's members.
        let column = (0..<data.count).map { Double(data.features[$0, 7]) }
        let mean = column.reduce(0, +) / Double(data.count)
        let sd = (column.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(data.count)).squareRoot()
        let members = (0..<data.count).filter { assignments[$0] == 1 }
        let expected = members.map { (column[$0] - mean) / sd }.reduce(0, +) / Double(members.count)
        #expect(abs(Double(means[1, 7]) - expected) < 1e-4)
        #expect(try run.featureMeans(epoch: 0) != nil && run.gallery(epoch: 2) == nil)
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("figures/feature-means.pdf").path))
    }

    @Test("the same flags and seed give byte-identical recordings")
    func deterministicRecording() throws {
        // Same folder name (it is the run's name), different parents.
        let a = temporaryDirectory("det-a").appendingPathComponent("run-1"), b = temporaryDirectory("det-b").appendingPathComponent("run-1")
        try train(["--epochs", "3", "--seed", "11", "--no-keep-better"], out: a)
        try train(["--epochs", "3", "--seed", "11", "--no-keep-better"], out: b)
        // Every file but timing.json (wall-clock seconds) and process.json (the writing process), which the
        // format keeps apart for this reason.
        let files = try FileManager.default.subpathsOfDirectory(atPath: a.path).sorted()
            .filter { !$0.hasSuffix("timing.json") && !$0.hasSuffix("process.json") && !isDirectory(a.appendingPathComponent($0)) }
        #expect(
            files.contains("run/model.dcn") && files.contains("run/epochs/0003/decoded_centers.npy")
                && files.contains("run/gallery/0003/feature_means.npy") && files.count == 24)
        #expect(
            try FileManager.default.subpathsOfDirectory(atPath: b.path).sorted()
                .filter { !$0.hasSuffix("timing.json") && !$0.hasSuffix("process.json") && !isDirectory(b.appendingPathComponent($0)) } == files)
        for file in files {
            let x = try Data(contentsOf: a.appendingPathComponent(file)), y = try Data(contentsOf: b.appendingPathComponent(file))
            #expect(x == y, "\(file) differs")
        }
    }

    @Test("the saved model assigns the training data exactly as the last recorded epoch, or as much of a kept held partition as the run records")
    func savedModelReproducesAssignments() throws {
        let folder = temporaryDirectory("assign")
        let data = Datasets.SyntheticDataset(pointsPerCluster: 60).generate(seed: 2)
        let x = folder.appendingPathComponent("x.npy"), y = folder.appendingPathComponent("y.npy")
        try NPYWriter.encode(data.features.values, shape: [data.count, data.dimensions]).write(to: x)
        try NPYWriter.encode(data.labels!, shape: [data.count]).write(to: y)
        let out = folder.appendingPathComponent("report")
        try train(["--dataset", x.path, "--labels", y.path, "--scaling", "standardize", "--epochs", "3"], out: out)
        let assigned = folder.appendingPathComponent("assigned.npy")
        var assign = try DCNReport.parseAsRoot([
            "assign", "--model", out.appendingPathComponent("run/model.dcn").path,
            "--dataset", x.path, "--out", assigned.path, "--codes", folder.appendingPathComponent("codes.npy").path
        ])
        try assign.run()
        // The last listed epoch: DCN's epoch 3, or epoch 4 when the run kept its start (--keep-better).
        let run = try RecordedRun(directory: out.appendingPathComponent("run"))
        let last = try #require(run.manifest.epochs.last)
        #expect(last.epoch == (run.manifest.outcome?.kept == .start ? 4 : 3))
        let recorded = try NPYReader.decode(Data(contentsOf: out.appendingPathComponent("run/\(last.path)/assignments.npy")))
        let reproduced = try NPYReader.decode(Data(contentsOf: assigned))
        if let agreement = run.manifest.outcome?.savedModelAgreement {
            // The run kept its start's held partition, which is not made of nearest-centre cells.
            let agreeing = zip(reproduced.values, recorded.values).filter { $0 == $1 }.count
            #expect(Double(agreeing) / Double(recorded.values.count) == agreement)
        } else {
            #expect(reproduced.values == recorded.values)
        }
        #expect(reproduced.elementType == .int32)
        // --codes: the training data's codes are the last epoch's latent.npy (to the last bits a BLAS thread
        // count may change).
        let latent = try NPYReader.decode(Data(contentsOf: out.appendingPathComponent("run/\(last.path)/latent.npy")))
        let codes = try NPYReader.decode(Data(contentsOf: folder.appendingPathComponent("codes.npy")))
        #expect(codes.shape == latent.shape && codes.elementType == .float32)
        #expect(zip(codes.values, latent.values).allSatisfy { abs($0 - $1) <= 1e-4 * max(1, abs($1)) })
    }

    @Test("the mnist preset sets the paper's network and batch size")
    func mnistPreset() throws {
        let folder = temporaryDirectory("preset")
        let data = Datasets.SyntheticDataset(pointsPerCluster: 30).generate(seed: 2)
        let x = folder.appendingPathComponent("x.npy")
        try NPYWriter.encode(data.features.values, shape: [data.count, data.dimensions]).write(to: x)
        var command = try DCNReport.parseAsRoot([
            "train", "--preset", "mnist", "--dataset", x.path, "--pretrain-epochs", "1",
            "--epochs", "1", "--clusters", "4", "--quiet", "--out", folder.appendingPathComponent("r").path
        ])
        try command.run()
        let run = try RecordedRun(directory: folder.appendingPathComponent("r/run"))
        #expect(run.manifest.configuration.hiddenLayers == [500, 500, 2000])
        #expect(run.manifest.configuration.latentDimensions == 10)
        #expect(run.manifest.configuration.batchSize == 256)
        #expect(run.manifest.configuration.lambda == 1)
        #expect(run.manifest.configuration.epochs == 1)
        #expect(run.manifest.status == .complete)
    }

    @Test("the report warns when the clustering term is negligible (λ = 0) and not at the default λ; it charts the terms' shares")
    func negligibleClusteringTermIsFlagged() throws {
        let off = temporaryDirectory("lambda-off"), on = temporaryDirectory("lambda-on")
        // 20 pretraining epochs: with the helper's 5 the autoencoder has not learnt yet (relative error ≈ 1,
        // codes nearly constant), and the clustering term is rightly flagged as negligible at any λ.
        try generate(["--lambda", "0", "--pretrain-epochs", "20", "--epochs", "3", "--formats", "png"], out: off)
        try generate(["--pretrain-epochs", "20", "--epochs", "3", "--formats", "png"], out: on)
        let offHTML = try String(contentsOf: off.appendingPathComponent("index.html"), encoding: .utf8)
        let onHTML = try String(contentsOf: on.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(offHTML.contains("The clustering term is negligible"))
        #expect(offHTML.contains("(λ = 0)"))
        #expect(!onHTML.contains("The clustering term is negligible"))
        #expect(onHTML.contains("figures/loss-share.png"))
        #expect(FileManager.default.fileExists(atPath: on.appendingPathComponent("figures/loss-share.png").path))
    }

    @Test("a file's default network grows with its width: w–w–4w with w = 4·D up to a power of two, from 64 to the paper's 500")
    func networkSizedToTheData() throws {
        #expect(NetworkSizing.hiddenLayers(features: 4) == [64, 64, 256])
        #expect(NetworkSizing.hiddenLayers(features: 13) == [64, 64, 256])
        #expect(NetworkSizing.hiddenLayers(features: 17) == [128, 128, 512])
        #expect(NetworkSizing.hiddenLayers(features: 64) == [256, 256, 1024])
        #expect(NetworkSizing.hiddenLayers(features: 125) == [500, 500, 2000])
        #expect(NetworkSizing.hiddenLayers(features: 784) == [500, 500, 2000])

        let folder = temporaryDirectory("sized")
        var table: [Float] = []
        for i in 0..<40 {
            let row: [Float] = [Float(i % 4), Float(i % 3), Float(i % 5), Float(i)]
            table += row
        }
        let x = folder.appendingPathComponent("table.npy")
        try NPYWriter.encode(table, shape: [40, 4]).write(to: x)
        func trained(_ flags: [String], _ name: String) throws -> RecordedConfiguration {
            var command = try DCNReport.parseAsRoot(
                [
                    "train", "--dataset", x.path, "--pretrain-epochs", "1", "--epochs", "1", "--clusters", "2", "--quiet",
                    "--out", folder.appendingPathComponent(name).path
                ] + flags)
            try command.run()
            return try RecordedRun(directory: folder.appendingPathComponent("\(name)/run")).manifest.configuration
        }
        let sized = try trained([], "default")
        #expect(sized.hiddenLayers == [64, 64, 256])
        #expect(sized.batchSize == 8)  // 40 rows: the largest power of two at most 10
        #expect(try trained(["--hidden", "500,500,2000"], "paper").hiddenLayers == [500, 500, 2000])
        #expect(try trained(["--batch-size", "20"], "batch").batchSize == 20)
        let mnist = try trained(["--preset", "mnist"], "mnist")
        #expect(mnist.hiddenLayers == [500, 500, 2000])
        #expect(mnist.batchSize == 256)
    }

    @Test("a file's default minibatch is the largest power of two at most a quarter of its rows, and at most the paper's 256")
    func batchSizedToTheRows() {
        #expect(NetworkSizing.batchSize(rows: 3) == 1)
        #expect(NetworkSizing.batchSize(rows: 114) == 16)
        #expect(NetworkSizing.batchSize(rows: 150) == 32)
        #expect(NetworkSizing.batchSize(rows: 1_000) == 128)
        #expect(NetworkSizing.batchSize(rows: 1_023) == 128)
        #expect(NetworkSizing.batchSize(rows: 1_024) == 256)
        #expect(NetworkSizing.batchSize(rows: 70_000) == 256)
    }

    @Test(
        "a 100-column file without a preset gets the paper's network with a code as wide as k and at least 10 and a batch sized to its rows; the built-in demo keeps its own"
    )
    func defaultsFitTheData() throws {
        let folder = temporaryDirectory("general")
        let data = Datasets.SyntheticDataset(pointsPerCluster: 30).generate(seed: 2)
        let x = folder.appendingPathComponent("x.npy")
        try NPYWriter.encode(data.features.values, shape: [data.count, data.dimensions]).write(to: x)
        var command = try DCNReport.parseAsRoot([
            "train", "--dataset", x.path, "--pretrain-epochs", "1", "--epochs", "1",
            "--clusters", "3", "--quiet", "--out", folder.appendingPathComponent("r").path
        ])
        try command.run()
        let general = try RecordedRun(directory: folder.appendingPathComponent("r/run")).manifest.configuration
        #expect(general.hiddenLayers == [500, 500, 2000])
        #expect(general.latentDimensions == 10)
        #expect(general.batchSize == 16)  // 90 rows: at most a quarter of them
        #expect(general.lambda == 1)

        var many = try DCNReport.parseAsRoot([
            "train", "--dataset", x.path, "--pretrain-epochs", "1", "--epochs", "1",
            "--clusters", "12", "--quiet", "--out", folder.appendingPathComponent("m").path
        ])
        try many.run()
        #expect(try RecordedRun(directory: folder.appendingPathComponent("m/run")).manifest.configuration.latentDimensions == 12)

        var demo = try DCNReport.parseAsRoot([
            "train", "--pretrain-epochs", "1", "--epochs", "1", "--points-per-cluster", "20",
            "--quiet", "--out", folder.appendingPathComponent("d").path
        ])
        try demo.run()
        let synthetic = try RecordedRun(directory: folder.appendingPathComponent("d/run")).manifest.configuration
        #expect(synthetic.hiddenLayers == [100, 50, 10])
        #expect(synthetic.latentDimensions == 2)
    }

    @Test("a folder that is not a dcn-report output is refused and left untouched")
    func refusesForeignFolder() throws {
        let out = temporaryDirectory("foreign")
        let precious = out.appendingPathComponent("thesis.tex")
        try "do not delete".write(to: precious, atomically: true, encoding: .utf8)
        #expect(throws: (any Error).self) { try generate([], out: out) }
        #expect(try String(contentsOf: precious, encoding: .utf8) == "do not delete")
    }
}

@Suite("dcn-report command line")
struct CommandLineTests {
    /// The built `dcn-report` next to the test bundle.
    var binary: String? { builtBinary() }

    @Test(
        "bad input gives one clear line and a non-zero exit",
        arguments: [
            (["generate", "--clusters", "1"], "--clusters must be at least 2"),
            (["generate", "--hidden", "100,x"], "'100,x' is invalid for '--hidden <hidden>': expected positive integers"),
            (["generate", "--epochs=-3"], "--epochs must not be negative"),
            (["generate", "--dataset", "/no/such/file.csv"], "/no/such/file.csv: no such file"),
            (
                ["generate", "--scaling", "logarithm"],
                "'logarithm' is invalid for '--scaling <scaling>': expected one of auto, none, unit, minmax, standardize, shared, log"
            ),
            (["generate", "--frame-size", "big"], "'big' is invalid for '--frame-size <frame-size>': expected WIDTHxHEIGHT"),
            (["generate", "--learning-rate", "abc"], "abc")
        ])
    func badInput(arguments: [String], expected: String) throws {
        guard let binary else {
            Issue.record("dcn-report binary not built")
            return
        }
        let result = try runProcess(binary, arguments + ["--out", temporaryDirectory("bad").path])
        #expect(result.status != 0 && result.status < 128)
        let lines = result.output.split(separator: "\n")
        #expect(lines.count == 1, "\(result.output)")
        #expect(result.output.hasPrefix("dcn-report: error: "))
        #expect(result.output.contains(expected), "\(result.output)")
    }
}

private func isDirectory(_ url: URL) -> Bool {
    var directory: ObjCBool = false
    return FileManager.default.fileExists(atPath: url.path, isDirectory: &directory) && directory.boolValue
}
