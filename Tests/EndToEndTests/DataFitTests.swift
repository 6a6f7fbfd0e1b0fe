import DCNCore
import DCNMath
import DCNReportCommand
import Datasets
import Foundation
import NPYFormat
@testable import Report
import RunFormat
import TestSupport
import Testing

@Suite("Defaults that fit the data, end to end", .serialized)
struct DataFitTests {
    func train(_ arguments: [String], out: URL) throws {
        var command = try DCNReport.parseAsRoot(
            ["train", "--pretrain-epochs", "3", "--epochs", "3", "--hidden", "16", "--quiet", "--out", out.path] + arguments)
        try command.run()
    }

    /// A 3-class table of 90 rows: a noise feature in the thousands that says nothing of the class, and
    /// two features near 1 that do. Unscaled, the noise decides k-means; standardised, the classes do.
    func table() -> (values: [Float], labels: [Int32]) {
        var generator = SplitMix64(seed: 4)
        func gaussian() -> Float { Float(generator.nextGaussian()) }
        var values: [Float] = [], labels: [Int32] = []
        for row in 0..<90 {
            let c = row % 3
            values += [1000 + 300 * gaussian(), 2 * Float(c) + 0.3 * gaussian(), Float(c) + 0.2 * gaussian()]
            labels.append(Int32(c))
        }
        return (values, labels)
    }

    /// Writes ``table()`` as `x.npy` and `y.npy` in `folder`; returns the flags that train on them.
    func writeTable(in folder: URL) throws -> [String] {
        let (values, labels) = table()
        let features = folder.appendingPathComponent("x.npy"), classes = folder.appendingPathComponent("y.npy")
        try NPYWriter.encode(values, shape: [90, 3]).write(to: features)
        try NPYWriter.encode(labels, shape: [90]).write(to: classes)
        return ["--dataset", features.path, "--labels", classes.path]
    }

    /// The `.npy` bytes of `values` (rows × columns, C order) stored in Fortran order.
    func fortranNPY(_ values: [Float], rows: Int, columns: Int) -> Data {
        var columnMajor = [Float]()
        for c in 0..<columns { for r in 0..<rows { columnMajor.append(values[r * columns + c]) } }
        var data = NPYWriter.encode(columnMajor, shape: [rows, columns])
        let header = String(decoding: data[10..<Int(data[8]) + 10], as: UTF8.self)
        let swapped = header.replacingOccurrences(of: "'fortran_order': False", with: "'fortran_order': True ")
        data.replaceSubrange(10..<Int(data[8]) + 10, with: Array(swapped.utf8))
        return data
    }

    @Test("--limit 60 trains on 60 of the 90 rows, the same ones for the same seed, and run.json records it")
    func limitDrawsTheSameRows() throws {
        let folder = temporaryDirectory("limit")
        let (values, labels) = table()
        // The last feature is each row's index, so the recorded labels and sizes tell which rows were drawn.
        var indexed: [Float] = []
        for row in 0..<90 { indexed += [values[row * 3], values[row * 3 + 1], Float(row)] }
        try NPYWriter.encode(indexed, shape: [90, 3]).write(to: folder.appendingPathComponent("x.npy"))
        try NPYWriter.encode(labels, shape: [90]).write(to: folder.appendingPathComponent("y.npy"))
        func run(seed: String, _ name: String) throws -> RecordedRun {
            let out = folder.appendingPathComponent(name)
            try train(
                [
                    "--dataset", folder.appendingPathComponent("x.npy").path, "--labels", folder.appendingPathComponent("y.npy").path,
                    "--limit", "60", "--seed", seed, "--epochs", "0"
                ], out: out)
            return try RecordedRun(directory: out.appendingPathComponent("run"))
        }
        let first = try run(seed: "1", "a"), again = try run(seed: "1", "b"), other = try run(seed: "2", "c")
        #expect(first.manifest.dataset.samples == 60 && first.manifest.dataset.subsampledFrom == 90)
        #expect(first.labels?.count == 60)
        let whole = Dataset(name: "t", description: "", features: Matrix(rows: 90, columns: 3, values: indexed), labels: labels)
        let data = whole.limited(to: 60, seed: 1)
        #expect(data.features.rows == 60 && data.subsampledFrom == 90)
        let rows = (0..<60).map { Int(data.features.values[$0 * 3 + 2]) }
        #expect(rows == rows.sorted() && Set(rows).count == 60, "rows kept in the data's order, each once")
        #expect(data.labels == rows.map { labels[$0] }, "labels follow their rows")
        let otherDraw = whole.limited(to: 60, seed: 2)
        let otherRows = (0..<60).map { Int(otherDraw.features.values[$0 * 3 + 2]) }
        #expect(otherRows != rows, "another seed draws other rows")
        let latent = try Data(contentsOf: first.directory.appendingPathComponent("epochs/0000/latent.npy"))
        #expect(first.labels == again.labels)
        #expect(latent == (try Data(contentsOf: again.directory.appendingPathComponent("epochs/0000/latent.npy"))))
        #expect(other.manifest.dataset.samples == 60)
    }

    @Test(
        "--clustering-scale: codes divides the clustering term by the codes' variance at the start (epoch 0 records mean ‖f(x) − μ‖² / Σ Var(f), start.clusteringDivisor the variance), paper never, auto for a k-means start but not for a held one (boundary merge or joint)"
    )
    func clusteringScale() throws {
        let folder = temporaryDirectory("clustering-scale")
        let tableFlags = try writeTable(in: folder)
        func run(_ extra: [String], _ name: String) throws -> (run: RecordedRun, scatter: Double, variance: Double, recorded: Double) {
            let out = folder.appendingPathComponent(name)
            try train(tableFlags + ["--seed", "2", "--epochs", "2"] + extra, out: out)
            let run = try RecordedRun(directory: out.appendingPathComponent("run"))
            let start = try run.arrays(for: run.manifest.epochs[0])
            let d = start.latent.columns
            var scatter = 0.0
            for i in 0..<start.latent.rows {
                let k = Int(start.assignments[i])
                for j in 0..<d {
                    let diff = Double(start.latent.values[i * d + j]) - Double(start.centers.values[k * d + j])
                    scatter += diff * diff
                }
            }
            let recorded = try #require(run.manifest.epochs[0].losses.clustering)
            return (run, scatter / Double(start.latent.rows), start.latent.totalVariance, recorded)
        }
        func isDivided(_ r: (run: RecordedRun, scatter: Double, variance: Double, recorded: Double)) -> Bool? {
            let divisor = r.run.manifest.start?.clusteringDivisor
            if abs(r.recorded - r.scatter / r.variance) <= 1e-4 * r.recorded, let divisor, abs(divisor - r.variance) <= 1e-4 * r.variance {
                return true
            }
            if abs(r.recorded - r.scatter) <= 1e-4 * r.recorded, divisor == nil { return false }
            return nil
        }
        let codes = try run(["--start", "kmeans", "--clustering-scale", "codes"], "codes")
        let paper = try run(["--start", "kmeans", "--clustering-scale", "paper"], "paper")
        let auto = try run(["--start", "kmeans"], "auto-kmeans")
        let merged = try run(["--start", "merged"], "auto-merged")
        let mergedCodes = try run(["--start", "merged", "--clustering-scale", "codes"], "codes-merged")
        let joint = try run(["--start", "joint"], "auto-joint")
        #expect(codes.run.manifest.configuration.clusteringScale == .codes)
        #expect(auto.run.manifest.configuration.clusteringScale == .auto, "auto is the default")
        #expect(abs(codes.variance - 1) > 0.2, "the codes' variance differs from 1, so a divided term differs from an undivided one")
        #expect(isDivided(codes) == true)
        #expect(isDivided(paper) == false)
        #expect(isDivided(auto) == true)
        #expect(isDivided(merged) == false)
        #expect(isDivided(mergedCodes) == true)
        #expect(isDivided(joint) == false, "a joint start is held like a merge")
        // Pretraining and the start are the same; only DCN's steps differ, by the weight of the term.
        #expect(codes.scatter == paper.scatter)
        let codesAfter = try codes.run.arrays(for: codes.run.manifest.epochs[2]).latent.values
        let paperAfter = try paper.run.arrays(for: paper.run.manifest.epochs[2]).latent.values
        let autoAfter = try auto.run.arrays(for: auto.run.manifest.epochs[2]).latent.values
        #expect(codesAfter != paperAfter)
        #expect(autoAfter == codesAfter)
        let row = ReportPage.summaryRows(auto.run).first { $0.key == "Clustering term" }?.value ?? ""
        #expect(row.contains("divided by the codes' total variance") && row.contains("a k-means start"), "\(row)")
        let mergedRow = ReportPage.summaryRows(merged.run).first { $0.key == "Clustering term" }?.value ?? ""
        #expect(mergedRow.contains("as the paper writes it") && mergedRow.contains("boundary-merge"), "\(mergedRow)")
        let jointRows = ReportPage.summaryRows(joint.run)
        let jointRow = jointRows.first { $0.key == "Clustering term" }?.value ?? ""
        #expect(jointRow.contains("as the paper writes it") && jointRow.contains("joint k-means start is held"), "\(jointRow)")
        #expect(jointRows.first { $0.key == "DCN start" }?.value == "joint k-means (input and codes together)")
        #expect(joint.run.manifest.baselines.contains { $0.id == "ae-joint-start" })
        #expect(
            FrameSequence.title(joint.run.manifest.epochs[0], totalEpochs: 2, start: .joint)
                == "Epoch 0 · after autoencoder pretraining and the joint k-means start")
    }

    @Test(
        "--start input: the report names k-means on the input as the start, adds no start row of its own (the raw k-means row is that partition), and says why auto took it"
    )
    func inputStartInTheReport() throws {
        let folder = temporaryDirectory("input-start")
        let out = folder.appendingPathComponent("input")
        try train(try writeTable(in: folder) + ["--seed", "2", "--epochs", "2", "--start", "input", "--no-keep-better"], out: out)
        let run = try RecordedRun(directory: out.appendingPathComponent("run"))
        #expect(run.manifest.start?.partition == .input)
        #expect(ReportPage.summaryRows(run).first { $0.key == "DCN start" }?.value == "k-means on the input")
        #expect(run.manifest.baselines.map(\.id).filter { $0.hasSuffix("-start") }.isEmpty)
        let rawKMeans = try #require(run.manifest.baselines.first { $0.id == "kmeans-raw" }?.metrics)
        #expect(run.manifest.epochs[0].metrics == rawKMeans)
        #expect(
            FrameSequence.title(run.manifest.epochs[0], totalEpochs: 2, start: .input)
                == "Epoch 0 · after autoencoder pretraining and the input k-means start")
        let check = StartCheck(candidateCut: 8.007, candidateFit: -0.199, inputCut: 7.723, inputFit: 0.472, margin: 0.2)
        let replaced = ReportPage.inputCheckText(check, replaced: .joint)
        #expect(replaced.contains("replaced the joint k-means start") && replaced.contains("8.007 against k-means on the input 7.723"), "\(replaced)")
        #expect(ReportPage.inputCheckText(check, replaced: nil).hasPrefix("; checked against k-means on the input and kept"))
    }

    @Test("a configuration recorded before --clustering-scale reads relativeClustering: true as codes, false or absent as paper")
    func legacyRelativeClustering() throws {
        func scale(_ json: String) throws -> ClusteringScale {
            try JSONDecoder().decode(DCNConfiguration.self, from: Data(json.utf8)).clusteringScale
        }
        #expect(try scale(#"{"relativeClustering": true}"#) == .codes)
        #expect(try scale(#"{"relativeClustering": false}"#) == .paper)
        #expect(try scale(#"{}"#) == .paper)
        #expect(try scale(#"{"clusteringScale": "auto"}"#) == .auto)
    }

    @Test("the retired experiments --hold-margin and --fresh-optimizer are refused with one line that says what to do")
    func retiredFlagsAreRefused() throws {
        for retired in RetiredFlag.allCases {
            #expect(throws: (any Error).self) { try DCNReport.parseAsRoot(["train", "--\(retired.rawValue)"]) }
            do {
                _ = try DCNReport.parseAsRoot(["train", "--\(retired.rawValue)"])
            } catch {
                let message = DCNReport.message(for: error)
                #expect(message.contains("--\(retired.rawValue) was an experiment and was retired") && message.contains("drop it"), "\(message)")
                #expect(!message.contains("\n"), "one line: \(message)")
            }
        }
    }

    @Test("a float table is standardised by --scaling auto, and run.json and the report say so and why")
    func floatTableIsStandardised() throws {
        let folder = temporaryDirectory("table")
        let tableFlags = try writeTable(in: folder)
        let out = folder.appendingPathComponent("out")
        try train(tableFlags, out: out)
        let run = try RecordedRun(directory: out.appendingPathComponent("run"))
        #expect(run.manifest.dataset.scaling == "standardize")
        #expect(run.manifest.dataset.scalingReason?.contains("--scaling auto") == true)
        let rows = ReportPage.summaryRows(run)
        #expect(rows.contains { $0.key == "Input scaling" && $0.value.hasPrefix("standardize — chosen by --scaling auto") })
        // The raw k-means baseline works on the same standardised input and finds the three classes,
        // which the unscaled noise feature would hide.
        let raw = try #require(run.manifest.baselines.first { $0.id == "kmeans-raw" })
        #expect(raw.metrics.nmi > 0.8)
        let unscaled = folder.appendingPathComponent("unscaled")
        try train(
            [
                "--dataset", folder.appendingPathComponent("x.npy").path, "--labels", folder.appendingPathComponent("y.npy").path,
                "--scaling", "none"
            ], out: unscaled)
        let rawUnscaled = try #require(
            RecordedRun(directory: unscaled.appendingPathComponent("run")).manifest.baselines.first { $0.id == "kmeans-raw" })
        #expect(rawUnscaled.metrics.nmi < 0.3)
    }

    @Test("a table is judged once k is known: run.json records the view the check chose and every view's figure")
    func judgedTableScaling() throws {
        let folder = temporaryDirectory("judged")
        // Three classes along two features near 1, a noise feature about 10× as spread: k-means on the shared
        // scale splits the noise, on the standardised features it finds the classes.
        var generator = SplitMix64(seed: 9)
        func gaussian() -> Float { Float(generator.nextGaussian()) }
        var values: [Float] = [], labels: [Int32] = []
        for row in 0..<300 {
            let c = row % 3
            values += [2 * Float(c) + 0.3 * gaussian(), 2 * Float(c % 2) + 0.3 * gaussian(), 10 * gaussian()]
            labels.append(Int32(c))
        }
        let features = folder.appendingPathComponent("x.npy"), classes = folder.appendingPathComponent("y.npy")
        try NPYWriter.encode(values, shape: [300, 3]).write(to: features)
        try NPYWriter.encode(labels, shape: [300]).write(to: classes)
        let out = folder.appendingPathComponent("out")
        try train(["--dataset", features.path, "--labels", classes.path], out: out)
        let dataset = try RecordedRun(directory: out.appendingPathComponent("run")).manifest.dataset
        #expect(dataset.scaling == "standardize")
        let reason = try #require(dataset.scalingReason)
        #expect(
            reason.contains("k-means' model explains the table best") && reason.contains("shared -") && reason.contains("standardised -")
                && reason.hasSuffix("each feature standardised to mean 0 and variance 1"), "\(reason)")
        // Every seed trains on the same scaling: the check draws with seed 0.
        let other = folder.appendingPathComponent("other")
        try train(["--dataset", features.path, "--labels", classes.path, "--seed", "7"], out: other)
        #expect(try RecordedRun(directory: other.appendingPathComponent("run")).manifest.dataset.scalingReason == reason)
    }

    @Test("a Fortran-order .npy trains exactly as its C-order copy")
    func fortranOrderTrainsIdentically() throws {
        let folder = temporaryDirectory("fortran")
        let (values, labels) = table()
        try NPYWriter.encode(values, shape: [90, 3]).write(to: folder.appendingPathComponent("c.npy"))
        try fortranNPY(values, rows: 90, columns: 3).write(to: folder.appendingPathComponent("f.npy"))
        try NPYWriter.encode(labels, shape: [90]).write(to: folder.appendingPathComponent("y.npy"))
        #expect(try Data(contentsOf: folder.appendingPathComponent("c.npy")) != Data(contentsOf: folder.appendingPathComponent("f.npy")))
        for name in ["c", "f"] {
            try train(
                [
                    "--dataset", folder.appendingPathComponent("\(name).npy").path, "--labels", folder.appendingPathComponent("y.npy").path,
                    "--name", "same"
                ], out: folder.appendingPathComponent("out-\(name)"))
        }
        for file in ["epochs/0000/latent.npy", "epochs/0003/latent.npy", "epochs/0003/assignments.npy", "epochs/0003/centers.npy", "model.dcn"] {
            let c = try Data(contentsOf: folder.appendingPathComponent("out-c/run/\(file)"))
            let f = try Data(contentsOf: folder.appendingPathComponent("out-f/run/\(file)"))
            #expect(c == f, "\(file) differs")
        }
    }

    @Test("--epochs 0 is pretraining and the start only: no DCN rows, and the report says so")
    func zeroEpochs() throws {
        let out = temporaryDirectory("zero-epochs")
        var command = try DCNReport.parseAsRoot(
            [
                "generate", "--points-per-cluster", "30", "--pretrain-epochs", "2", "--epochs", "0", "--quiet", "--frame-size", "500x240",
                "--templates", repositoryRoot().appendingPathComponent("templates").path, "--out", out.path
            ])
        try command.run()
        let run = try RecordedRun(directory: out.appendingPathComponent("run"))
        #expect(run.manifest.epochs.map(\.epoch) == [0])
        #expect(!run.manifest.baselines.contains { $0.id.hasPrefix("dcn-") || $0.id == "kept-start" })
        #expect(run.manifest.outcome == nil)
        let html = try String(contentsOf: out.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(html.contains("No DCN epochs were trained (--epochs 0)"))
    }

    @Test("the report says DCN ended worse than its start only when it did, and names what the run kept")
    func worseThanStartLine() {
        let worse = RunOutcome(
            kept: .start, startScore: 0.10, dcnScore: 0.30, inputKMeansScore: 0.12, margin: 0.06,
            keepBetter: true, dcnEpoch: 50)
        let lines = ReportPage.outcomeLines(worse)
        #expect(lines.count == 2)
        #expect(lines[0].hasPrefix("DCN ended worse than its start: normalised cut 0.300 against 0.100"))
        #expect(lines[0].contains("keeps its start's labelling"))
        #expect(lines[1].hasPrefix("DCN ended worse than k-means on the input"))
        var kept = worse
        kept.kept = .dcn
        kept.keepBetter = false
        #expect(ReportPage.outcomeLines(kept)[0].contains("keeps DCN's labelling"))
        // Within the margin: no line.
        let close = RunOutcome(
            kept: .dcn, startScore: 0.10, dcnScore: 0.15, inputKMeansScore: 0.12, margin: 0.06,
            keepBetter: true, dcnEpoch: 50)
        #expect(ReportPage.outcomeLines(close).isEmpty)
        let better = RunOutcome(
            kept: .dcn, startScore: 0.30, dcnScore: 0.10, inputKMeansScore: nil, margin: 0.06,
            keepBetter: true, dcnEpoch: 50)
        #expect(ReportPage.outcomeLines(better).isEmpty)
        // A higher cut but a better mixture fit (DCN found a small class): not worse, no line; a worse fit: the
        // line, naming both figures.
        var smallClass = worse
        smallClass.kept = .dcn
        smallClass.dcnFit = -1.2
        smallClass.startFit = -1.5
        smallClass.inputKMeansFit = -1.4
        #expect(ReportPage.outcomeLines(smallClass).isEmpty && !smallClass.dcnWorseThanStart)
        smallClass.dcnFit = -1.6
        #expect(ReportPage.outcomeLines(smallClass).first?.contains("and mixture fit -1.600 against -1.500 (higher is better)") == true)
    }

    @Test(
        "since method version 2 a held start's own partition challenges DCN; the report says the run kept it and how much the saved model reproduces")
    func keptHeldPartitionLine() {
        var kept = RunOutcome(
            kept: .start, startScore: 0.50, dcnScore: 0.30, inputKMeansScore: nil, margin: 0.06,
            keepBetter: true, dcnEpoch: 50, startPartitionScore: 0.20)
        kept.challenger = .startPartition
        kept.savedModelAgreement = 0.81
        kept.dcnFit = 2
        kept.startPartitionFit = 1
        let lines = ReportPage.outcomeLines(kept, start: .joint)
        #expect(lines.count == 1)
        #expect(lines[0].hasPrefix("DCN ended worse than its start's joint k-means partition (epoch 0): normalised cut 0.300 against 0.200"))
        #expect(lines[0].contains("The run keeps its start's partition (the last epoch)"))
        #expect(lines[0].contains("gives 81.0 % of the samples this partition's label"))
        #expect(!lines[0].contains("mixture fit"), "the fit no longer decides, so the line does not argue with it")
        // Within the margin of the partition: no line, although the nearest-centre labelling is far worse.
        var close = kept
        close.kept = .dcn
        close.startPartitionScore = 0.27
        #expect(ReportPage.outcomeLines(close).isEmpty && !close.dcnWorseThanStart)
    }

    @Test("a run that started from a boundary merge is also judged against that partition, which the report names when DCN ended worse")
    func worseThanMergedPartitionLine() {
        // DCN better than the start's nearest-centre labelling, clearly worse than its merged partition.
        let merged = RunOutcome(
            kept: .dcn, startScore: 0.50, dcnScore: 0.30, inputKMeansScore: nil, margin: 0.06,
            keepBetter: true, dcnEpoch: 50, startPartitionScore: 0.20)
        #expect(merged.dcnWorseThanStartPartition && !merged.dcnWorseThanStart)
        let lines = ReportPage.outcomeLines(merged)
        #expect(lines.count == 1)
        #expect(
            lines.first?.hasPrefix("DCN ended worse than its start's boundary-merge partition (epoch 0): normalised cut 0.300 against 0.200") == true)
        #expect(lines.first?.contains("keeps DCN's labelling") == true)
        #expect(
            ReportPage.outcomeLines(merged, start: .joint).first?.hasPrefix("DCN ended worse than its start's joint k-means partition (epoch 0)")
                == true)
        // Within the margin of the partition: no line; no partition recorded (a k-means start): no line.
        var close = merged
        close.startPartitionScore = 0.27
        #expect(ReportPage.outcomeLines(close).isEmpty)
        close.startPartitionScore = nil
        #expect(ReportPage.outcomeLines(close).isEmpty && !close.dcnWorseThanStartPartition)
        // Worse than both: the start line alone (the run kept the start).
        var both = merged
        both.startScore = 0.10
        both.kept = .start
        #expect(ReportPage.outcomeLines(both).count == 1 && ReportPage.outcomeLines(both)[0].hasPrefix("DCN ended worse than its start: "))
    }
}
