import DCNReportCommand
import Foundation
import NPYFormat
import TestSupport
import Testing

/// `render` on run folders corrupted the ways a disk, a foreign writer or a person corrupts them: each
/// ends with exit 1 and one line naming the file and the problem, or with exit 0 and a report of what
/// could be read plus a warning — never a signal, never a hang.
@Suite("Corrupted run folders", .serialized)
struct CorruptRunTests {
    /// A small complete run (4 clusters of 20 synthetic points, 2-D codes, epochs 0–3), made once.
    static let base: URL = {
        let out = temporaryDirectory("corrupt-base")
        var command = try! DCNReport.parseAsRoot(
            [
                "train", "--points-per-cluster", "20", "--pretrain-epochs", "2", "--epochs", "3", "--hidden", "8",
                "--no-keep-better", "--quiet", "--out", out.path
            ])
        try! command.run()
        return out.appendingPathComponent("run")
    }()

    /// What a case expects: an error (exit 1) or a report (exit 0), with this text in the output.
    enum Expected: Sendable {
        case error(String)
        case report(warning: String?)
    }

    struct Case: CustomStringConvertible, Sendable {
        let name: String
        let corrupt: @Sendable (URL) throws -> Void
        let expected: Expected
        var description: String { name }
    }

    // MARK: - Corruptions

    static func editManifest(_ change: @escaping @Sendable (inout [String: Any]) -> Void) -> @Sendable (URL) throws -> Void {
        { run in
            let url = run.appendingPathComponent("run.json")
            var json = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
            change(&json)
            try JSONSerialization.data(withJSONObject: json).write(to: url)
        }
    }

    /// Sets `key` in one of run.json's objects (`configuration`, `dataset`).
    static func set(_ section: String, _ key: String, _ value: Any) -> @Sendable (URL) throws -> Void {
        nonisolated(unsafe) let value = value
        return editManifest { json in
            var object = json[section] as! [String: Any]
            object[key] = value
            json[section] = object
        }
    }

    static func setConfiguration(_ key: String, _ value: Any) -> @Sendable (URL) throws -> Void { set("configuration", key, value) }
    static func setDataset(_ key: String, _ value: Any) -> @Sendable (URL) throws -> Void { set("dataset", key, value) }

    static func editEpochs(_ change: @escaping @Sendable (inout [[String: Any]]) -> Void) -> @Sendable (URL) throws -> Void {
        editManifest { json in
            var epochs = json["epochs"] as! [[String: Any]]
            change(&epochs)
            json["epochs"] = epochs
        }
    }

    static func write(_ file: String, _ data: @escaping @Sendable () -> Data) -> @Sendable (URL) throws -> Void {
        { run in try data().write(to: run.appendingPathComponent(file)) }
    }

    static func remove(_ file: String) -> @Sendable (URL) throws -> Void {
        { run in try FileManager.default.removeItem(at: run.appendingPathComponent(file)) }
    }

    /// An `.npy` file with any header and body, for types and shapes our writer never produces.
    static func rawNPY(_ descriptor: String, _ shape: String, body: Data) -> Data {
        var dict = "{'descr': '\(descriptor)', 'fortran_order': False, 'shape': \(shape), }"
        dict += String(repeating: " ", count: (64 - (10 + dict.utf8.count + 1) % 64) % 64) + "\n"
        var bytes = Data([0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, 1, 0, UInt8(dict.utf8.count & 0xFF), UInt8(dict.utf8.count >> 8)])
        bytes.append(Data(dict.utf8))
        bytes.append(body)
        return bytes
    }

    static func assignments(_ values: [Int32]) -> Data { NPYWriter.encode(values, shape: [values.count]) }
    static func floats(_ values: [Float], _ shape: [Int]) -> Data { NPYWriter.encode(values, shape: shape) }
    /// 80 assignments 0–3 with one entry replaced.
    static func assignmentsWith(_ value: Int32, at index: Int = 5) -> Data {
        var values = (0..<80).map { Int32($0 % 4) }
        values[index] = value
        return assignments(values)
    }
    static func codesWith(_ value: Float) -> Data {
        var values = [Float](repeating: 0.5, count: 160)
        values[7] = value
        return floats(values, [80, 2])
    }

    static let cases: [Case] = [
        // run.json on its own
        Case(name: "k = 0", corrupt: setConfiguration("clusterCount", 0), expected: .error("configuration.clusterCount is 0")),
        Case(name: "k negative", corrupt: setConfiguration("clusterCount", -3), expected: .error("configuration.clusterCount is -3")),
        Case(name: "k above the samples", corrupt: setConfiguration("clusterCount", 100_000), expected: .error("expected 1 to 80")),
        Case(name: "k = 5 against 4 centres", corrupt: setConfiguration("clusterCount", 5), expected: .error("lists 4 cluster sizes for k = 5")),
        Case(name: "latent width 0", corrupt: setConfiguration("latentDimensions", 0), expected: .error("configuration.latentDimensions is 0")),
        Case(name: "no samples", corrupt: setDataset("samples", 0), expected: .error("dataset.samples is 0")),
        Case(
            name: "absurd sample count", corrupt: setDataset("samples", 1_000_000_000_000),
            expected: .error("labels.npy: holds 80 labels for the 1000000000000 samples")),
        Case(name: "negative dimensions", corrupt: setDataset("dimensions", -1), expected: .error("dataset.dimensions is -1")),
        Case(name: "image shape with a zero side", corrupt: setDataset("imageShape", [0, 100]), expected: .error("dataset.imageShape [0, 100]")),
        Case(name: "image shape of another size", corrupt: setDataset("imageShape", [3, 3]), expected: .error("holds 9 values per sample")),
        Case(name: "absurd image shape", corrupt: setDataset("imageShape", [100_000, 100_000, 4]), expected: .error("dataset.imageShape")),
        Case(name: "epochs out of order", corrupt: editEpochs { $0.swapAt(1, 2) }, expected: .error("is not after the epoch before it")),
        Case(name: "an epoch listed twice", corrupt: editEpochs { $0.insert($0[1], at: 1) }, expected: .error("is not after the epoch before it")),
        Case(
            name: "an epoch path leaving the folder", corrupt: editEpochs { $0[1]["path"] = "../../etc" },
            expected: .error("which leaves the run folder")),
        Case(name: "an absolute epoch path", corrupt: editEpochs { $0[1]["path"] = "/tmp" }, expected: .error("which leaves the run folder")),
        // Two epochs in one folder, spelt three ways, and through a symlink.
        Case(
            name: "two epochs in one folder", corrupt: editEpochs { $0[2]["path"] = $0[1]["path"] },
            expected: .error("epochs[2] (epoch 2) has path 'epochs/0001', the folder of epochs[1] too; every epoch needs a folder of its own")),
        Case(
            name: "two epochs in one folder, spelt with ./", corrupt: editEpochs { $0[2]["path"] = "./epochs/./0001" },
            expected: .error("has path './epochs/./0001', the folder of epochs[1] too")),
        Case(
            name: "two epochs in one folder, spelt with // and a trailing /", corrupt: editEpochs { $0[3]["path"] = "epochs//0001/" },
            expected: .error("has path 'epochs//0001/', the folder of epochs[1] too")),
        Case(
            name: "two epochs in one folder through a symlink",
            corrupt: { run in
                let epochs = run.appendingPathComponent("epochs")
                try FileManager.default.removeItem(at: epochs.appendingPathComponent("0002"))
                try FileManager.default.createSymbolicLink(atPath: epochs.appendingPathComponent("0002").path, withDestinationPath: "0001")
            }, expected: .error("which leads to the folder of epochs[1]")),
        Case(
            name: "run.json beyond the size limit",
            corrupt: { run in
                // Valid JSON padded with spaces past 64 MB: refused before it is read.
                var data = try Data(contentsOf: run.appendingPathComponent("run.json"))
                data.append(Data(repeating: UInt8(ascii: " "), count: 64 << 20))
                try data.write(to: run.appendingPathComponent("run.json"))
            }, expected: .error("bytes, more than the 64 MB a run manifest may hold (it lists epochs, not data)")),
        Case(
            name: "too few cluster sizes", corrupt: editEpochs { $0[0]["clusterSizes"] = [40, 40] },
            expected: .error("lists 2 cluster sizes for k = 4")),
        Case(
            name: "a negative cluster size", corrupt: editEpochs { $0[2]["clusterSizes"] = [-1, 41, 20, 20] },
            expected: .error("has a cluster size outside 0…80")),
        Case(name: "no epochs", corrupt: editEpochs { $0 = [] }, expected: .error("has no complete epoch to render")),
        Case(
            name: "run.json not JSON", corrupt: write("run.json") { Data("{ not json".utf8) },
            expected: .error("run.json: is not a valid run manifest")),
        Case(name: "run.json empty", corrupt: write("run.json") { Data() }, expected: .error("run.json: is not a valid run manifest")),
        Case(name: "run.json without a name", corrupt: editManifest { $0["name"] = nil }, expected: .error("missing 'name'")),
        Case(name: "run.json without epochs", corrupt: editManifest { $0["epochs"] = nil }, expected: .error("missing 'epochs'")),
        Case(name: "run.json with a string for k", corrupt: setConfiguration("clusterCount", "four"), expected: .error("configuration.clusterCount")),
        Case(name: "run.json missing", corrupt: remove("run.json"), expected: .error("run.json: not found")),
        // labels.npy
        Case(
            name: "labels with NaN", corrupt: write("labels.npy") { floats([Float](repeating: 1, count: 79) + [.nan], [80]) },
            expected: .error("labels.npy: label 79 is nan")),
        Case(
            name: "labels not integers", corrupt: write("labels.npy") { floats([Float](repeating: 1.5, count: 80), [80]) },
            expected: .error("label 0 is 1.5")),
        Case(
            name: "labels of the wrong count", corrupt: write("labels.npy") { assignments([Int32](repeating: 1, count: 79)) },
            expected: .error("holds 79 labels for the 80 samples")),
        Case(name: "labels not NumPy", corrupt: write("labels.npy") { Data("1,2,3".utf8) }, expected: .error("labels.npy: not a NumPy .npy file")),
        Case(
            name: "label ids up to 2³¹ − 1", corrupt: write("labels.npy") { assignments((0..<80).map { $0 < 40 ? Int32.max : -7 }) },
            expected: .report(warning: nil)),
        // epoch 0: required
        Case(
            name: "epoch 0: assignment 7 with k = 4", corrupt: write("epochs/0000/assignments.npy") { assignmentsWith(7) },
            expected: .error("sample 5 is assigned to 7; expected a cluster 0…3")),
        Case(
            name: "epoch 0: negative assignment", corrupt: write("epochs/0000/assignments.npy") { assignmentsWith(-1) },
            expected: .error("sample 5 is assigned to -1;")),
        Case(
            name: "epoch 0: NaN assignment", corrupt: write("epochs/0000/assignments.npy") { floats((0..<80).map { $0 == 3 ? .nan : 1 }, [80]) },
            expected: .error("sample 3 is assigned to nan")),
        Case(
            name: "epoch 0: fractional assignment",
            corrupt: write("epochs/0000/assignments.npy") { floats([Float](repeating: 1.5, count: 80), [80]) },
            expected: .error("sample 0 is assigned to 1.5")),
        Case(
            name: "epoch 0: too few assignments", corrupt: write("epochs/0000/assignments.npy") { assignments([0, 1, 2]) },
            expected: .error("has 3 values for the 80 samples")),
        Case(
            name: "epoch 0: 2-D assignments",
            corrupt: write("epochs/0000/assignments.npy") {
                assignments([Int32](repeating: 0, count: 80)).count > 0 ? NPYWriter.encode([Int32](repeating: 0, count: 80), shape: [40, 2]) : Data()
            }, expected: .error("expected a 1-D array")),
        Case(
            name: "epoch 0: complex assignments", corrupt: write("epochs/0000/assignments.npy") { rawNPY("<c8", "(80,)", body: Data(count: 640)) },
            expected: .error("(complex) is not supported")),
        Case(name: "epoch 0: assignments missing", corrupt: remove("epochs/0000/assignments.npy"), expected: .error("assignments.npy: not found")),
        Case(name: "epoch 0: NaN code", corrupt: write("epochs/0000/latent.npy") { codesWith(.nan) }, expected: .error("row 3, column 1 is nan")),
        Case(
            name: "epoch 0: infinite code", corrupt: write("epochs/0000/latent.npy") { codesWith(.infinity) },
            expected: .error("row 3, column 1 is inf")),
        Case(
            name: "epoch 0: codes of the wrong count", corrupt: write("epochs/0000/latent.npy") { floats([Float](repeating: 0, count: 20), [10, 2]) },
            expected: .error("has 10 rows for the 80 samples")),
        Case(
            name: "epoch 0: 1-D codes", corrupt: write("epochs/0000/latent.npy") { floats([Float](repeating: 0, count: 160), [160]) },
            expected: .error("expected a 2-D array")),
        Case(
            name: "epoch 0: truncated codes",
            corrupt: write("epochs/0000/latent.npy") { floats([Float](repeating: 0, count: 160), [80, 2]).dropLast(9) },
            expected: .error("latent.npy: shape [80, 2] needs 160 × 4 bytes")),
        Case(
            name: "epoch 0: three centres for k = 4", corrupt: write("epochs/0000/centers.npy") { floats([Float](repeating: 0, count: 6), [3, 2]) },
            expected: .error("centers.npy: has shape [3, 2]; expected [4, 2]")),
        Case(
            name: "epoch 0: centres of another width", corrupt: write("epochs/0000/centers.npy") { floats([Float](repeating: 0, count: 12), [4, 3]) },
            expected: .error("expected [4, 2]")),
        Case(
            name: "epoch 0: NaN centre", corrupt: write("epochs/0000/centers.npy") { floats([0, 0, 1, 1, .nan, 2, 3, 3], [4, 2]) },
            expected: .error("centre 2 has nan")),
        Case(name: "epoch 0: codes missing (the epoch is skipped)", corrupt: remove("epochs/0000/latent.npy"), expected: .report(warning: nil)),
        // a later epoch: the report ends before it
        Case(
            name: "last epoch: assignment 7", corrupt: write("epochs/0003/assignments.npy") { assignmentsWith(7) },
            expected: .report(warning: "the report ends at epoch 2")),
        Case(
            name: "last epoch: NaN code", corrupt: write("epochs/0003/latent.npy") { codesWith(.nan) },
            expected: .report(warning: "the report ends at epoch 2")),
        Case(
            name: "epoch 2: centres not NumPy", corrupt: write("epochs/0002/centers.npy") { Data("garbage".utf8) },
            expected: .report(warning: "the report ends at epoch 1")),
        // optional parts
        Case(
            name: "decoded centres not NumPy", corrupt: write("epochs/0001/decoded_centers.npy") { Data("garbage".utf8) },
            expected: .report(warning: nil)),
        Case(
            name: "decoded centres with NaN",
            corrupt: write("epochs/0000/decoded_centers.npy") { floats([Float](repeating: .nan, count: 400), [4, 100]) },
            expected: .report(warning: nil)),
        Case(
            name: "feature means of the wrong shape", corrupt: write("gallery/0000/feature_means.npy") { floats([1, 2, 3], [3, 1]) },
            expected: .report(warning: "leaves out those feature means")),
        Case(name: "timing.json not JSON", corrupt: write("timing.json") { Data("nope".utf8) }, expected: .report(warning: nil))
    ]

    @Test("render ends with a clear error or a partial report and a warning: no signal, no hang", arguments: cases)
    func corruptFolder(_ testCase: Case) throws {
        guard let binary = builtBinary() else {
            Issue.record("dcn-report binary not built")
            return
        }
        let folder = temporaryDirectory("corrupt")
        let run = folder.appendingPathComponent("run")
        try FileManager.default.copyItem(at: Self.base, to: run)
        try testCase.corrupt(run)
        let out = folder.appendingPathComponent("report")
        let result = try runWithTimeout(
            binary,
            [
                "render", run.path, "--out", out.path, "--quiet", "--frame-size", "300x200",
                "--formats", "png", "--projection", "pca"
            ], seconds: 120)
        #expect(result.exited, "ended by signal \(result.status) or the timeout: \(result.output)")
        switch testCase.expected {
        case .error(let text):
            #expect(result.status == 1, "exit \(result.status): \(result.output)")
            #expect(result.output.hasPrefix("dcn-report: error: "), "\(result.output)")
            #expect(result.output.split(separator: "\n").count == 1, "\(result.output)")
            #expect(result.output.contains(text), "\(result.output)")
        case .report(let warning):
            #expect(result.status == 0, "exit \(result.status): \(result.output)")
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("index.html").path))
            if let warning {
                #expect(result.output.contains("warning: ") && result.output.contains(warning), "\(result.output)")
                let html = try String(contentsOf: out.appendingPathComponent("index.html"), encoding: .utf8)
                #expect(html.contains(warning))
            }
        }
    }

    /// The corrupted folders shared with the Python package's tests (`Tests/Fixtures/corrupt-runs`, made by
    /// its `make.py`): each case's `expected.txt` names the file its damage is in.
    static let sharedCases: [String] = {
        let root = repositoryRoot().appendingPathComponent("Tests/Fixtures").appendingPathComponent("corrupt-runs")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        return names.filter { FileManager.default.fileExists(atPath: root.appendingPathComponent("\($0)/expected.txt").path) }.sorted()
    }()

    @Test("the shared fixtures: render names the damaged file, in its one-line error or in its warning", arguments: sharedCases)
    func sharedFixture(_ name: String) throws {
        guard let binary = builtBinary() else {
            Issue.record("dcn-report binary not built")
            return
        }
        let root = repositoryRoot().appendingPathComponent("Tests/Fixtures").appendingPathComponent("corrupt-runs/\(name)")
        let expected = try String(contentsOf: root.appendingPathComponent("expected.txt"), encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let folder = temporaryDirectory("shared-corrupt")
        let run = folder.appendingPathComponent("run")
        try FileManager.default.copyItem(at: root.appendingPathComponent("run"), to: run)
        let result = try runWithTimeout(
            binary,
            [
                "render", run.path, "--out", folder.appendingPathComponent("report").path, "--quiet",
                "--frame-size", "300x200", "--formats", "png", "--projection", "pca"
            ], seconds: 120)
        #expect(result.exited, "ended by signal \(result.status) or the timeout: \(result.output)")
        let named = result.output.contains(run.appendingPathComponent(expected).path)
        if result.status == 0 {
            #expect(result.output.contains("warning: ") && named, "no warning naming \(expected): \(result.output)")
        } else {
            #expect(result.status == 1 && result.output.split(separator: "\n").count == 1, "\(result.output)")
            #expect(named || (expected == "run.json" && result.output.contains(run.path)), "\(expected) not named: \(result.output)")
        }
    }

    @Test("the shared valid fixture renders without a warning")
    func sharedValidFixture() throws {
        guard let binary = builtBinary() else {
            Issue.record("dcn-report binary not built")
            return
        }
        let folder = temporaryDirectory("shared-valid")
        let run = folder.appendingPathComponent("run")
        try FileManager.default.copyItem(
            at: repositoryRoot().appendingPathComponent("Tests/Fixtures").appendingPathComponent("corrupt-runs/valid/run"), to: run)
        let result = try runWithTimeout(
            binary, ["render", run.path, "--out", folder.appendingPathComponent("report").path, "--quiet", "--formats", "png"],
            seconds: 120)
        #expect(result.status == 0 && !result.output.contains("warning"), "\(result.output)")
    }

    /// Runs a program, killing it after `seconds`; `exited` is false for a signal or a timeout.
    func runWithTimeout(_ executable: String, _ arguments: [String], seconds: Double) throws -> (exited: Bool, status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let timer = DispatchWorkItem { if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + seconds, execute: timer)
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        timer.cancel()
        return (process.terminationReason == .exit, process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
