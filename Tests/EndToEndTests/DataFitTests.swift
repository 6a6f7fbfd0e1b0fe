import DCNCore
import DCNMath
import DCNReportCommand
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

    @Test("a float table is standardised by --scaling auto, and run.json and the report say so and why")
    func floatTableIsStandardised() throws {
        let folder = temporaryDirectory("table")
        let (values, labels) = table()
        try NPYWriter.encode(values, shape: [90, 3]).write(to: folder.appendingPathComponent("x.npy"))
        try NPYWriter.encode(labels, shape: [90]).write(to: folder.appendingPathComponent("y.npy"))
        let out = folder.appendingPathComponent("out")
        try train(["--dataset", folder.appendingPathComponent("x.npy").path, "--labels", folder.appendingPathComponent("y.npy").path], out: out)
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
        try train(["--dataset", folder.appendingPathComponent("x.npy").path, "--labels", folder.appendingPathComponent("y.npy").path,
                   "--scaling", "none"], out: unscaled)
        let rawUnscaled = try #require(RecordedRun(directory: unscaled.appendingPathComponent("run")).manifest.baselines.first { $0.id == "kmeans-raw" })
        #expect(rawUnscaled.metrics.nmi < 0.3)
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
            try train(["--dataset", folder.appendingPathComponent("\(name).npy").path, "--labels", folder.appendingPathComponent("y.npy").path,
                       "--name", "same"], out: folder.appendingPathComponent("out-\(name)"))
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
            ["generate", "--points-per-cluster", "30", "--pretrain-epochs", "2", "--epochs", "0", "--quiet", "--frame-size", "500x240",
             "--templates", repositoryRoot().appendingPathComponent("templates").path, "--out", out.path])
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
        let worse = RunOutcome(kept: .start, startScore: 0.10, dcnScore: 0.30, inputKMeansScore: 0.12, margin: 0.06,
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
        let close = RunOutcome(kept: .dcn, startScore: 0.10, dcnScore: 0.15, inputKMeansScore: 0.12, margin: 0.06,
                               keepBetter: true, dcnEpoch: 50)
        #expect(ReportPage.outcomeLines(close).isEmpty)
        let better = RunOutcome(kept: .dcn, startScore: 0.30, dcnScore: 0.10, inputKMeansScore: nil, margin: 0.06,
                                keepBetter: true, dcnEpoch: 50)
        #expect(ReportPage.outcomeLines(better).isEmpty)
    }
}

