import DCNReportCommand
import Foundation
import NPYFormat
import TestSupport
import Testing

/// Every kind of bad input gives one line naming the input and the problem, an exit code in 1…127,
/// and leaves no output folder behind.
@Suite("Bad input, table-driven")
struct BadInputTests {
    var binary: String? { builtBinary() }

    /// A case: files to create (name → bytes), arguments ({dir} is replaced by the folder), and the
    /// text the error line must contain.
    struct Case: CustomStringConvertible, Sendable {
        let name: String
        let files: [String: Data]
        let arguments: [String]
        let expected: String
        var description: String { name }
    }

    static func npy(_ header: String, data: Data = Data(count: 24), version: UInt8 = 1) -> Data {
        var dict = header
        dict += String(repeating: " ", count: (64 - (10 + dict.utf8.count + 1) % 64) % 64) + "\n"
        var bytes = Data([0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, version, 0, UInt8(dict.utf8.count & 0xFF), UInt8(dict.utf8.count >> 8)])
        bytes.append(Data(dict.utf8))
        bytes.append(data)
        return bytes
    }

    static let good = "1,2,3\n4,5,6\n7,8,9\n1,1,1\n"

    static let cases: [Case] = [
        Case(name: "empty CSV", files: ["x.csv": Data()], arguments: ["generate", "--dataset", "{dir}/x.csv"], expected: "x.csv: is empty"),
        Case(
            name: "ragged CSV", files: ["x.csv": Data("1,2,3\n4,5\n".utf8)], arguments: ["generate", "--dataset", "{dir}/x.csv"],
            expected: "x.csv: line 2: expected 3 values, found 2"),
        Case(
            name: "non-numeric cell", files: ["x.csv": Data("1,2\n3,abc\n".utf8)], arguments: ["train", "--dataset", "{dir}/x.csv"],
            expected: "line 2, column 2: 'abc' is not a number"),
        Case(
            name: "NaN in CSV", files: ["x.csv": Data("1,2\nnan,3\n".utf8)], arguments: ["train", "--dataset", "{dir}/x.csv"],
            expected: "value is nan, expected a finite number"),
        Case(
            name: "Inf in CSV", files: ["x.csv": Data("1,2\n3,inf\n".utf8)], arguments: ["train", "--dataset", "{dir}/x.csv"],
            expected: "value is inf, expected a finite number"),
        Case(
            name: "not gzip", files: ["x.csv.gz": Data("1,2,3\n".utf8)], arguments: ["train", "--dataset", "{dir}/x.csv.gz"],
            expected: "x.csv.gz: is not gzip data"),
        Case(
            name: "truncated gzip",
            files: ["x.csv.gz": Data([31, 139, 8, 0, 0, 0, 0, 0, 2, 3, 51, 212, 49, 210, 49, 230, 50, 28, 37, 0, 0, 0, 0, 0, 0, 0, 0, 0])],
            arguments: ["train", "--dataset", "{dir}/x.csv.gz"], expected: "gzip data is corrupt or truncated"),
        Case(
            name: "NPY bad magic", files: ["x.npy": Data("NOTNUMPY..........".utf8)], arguments: ["train", "--dataset", "{dir}/x.npy"],
            expected: "x.npy: not a NumPy .npy file"),
        Case(
            name: "NPY version", files: ["x.npy": npy("{'descr': '<f4', 'fortran_order': False, 'shape': (3, 2), }", version: 9)],
            arguments: ["train", "--dataset", "{dir}/x.npy"], expected: "unsupported .npy format version 9.0"),
        Case(
            name: "NPY header", files: ["x.npy": npy("[1, 2, 3]")], arguments: ["train", "--dataset", "{dir}/x.npy"],
            expected: "header is not a dict literal"),
        Case(
            name: "NPY dtype", files: ["x.npy": npy("{'descr': '<c8', 'fortran_order': False, 'shape': (3, 1), }")],
            arguments: ["train", "--dataset", "{dir}/x.npy"], expected: "dtype '<c8' (complex) is not supported"),
        Case(
            name: "NPY shape", files: ["x.npy": npy("{'descr': '<f4', 'fortran_order': False, 'shape': (3, 1, 2, 1, 1), }")],
            arguments: ["train", "--dataset", "{dir}/x.npy"],
            expected:
                "expected a 2-D array (samples × features) or images (N × H × W or N × H × W × C with C of 1, 3 or 4), found shape [3, 1, 2, 1, 1]"),
        Case(
            name: "image shape of another size", files: ["x.csv": Data(good.utf8)],
            arguments: ["train", "--dataset", "{dir}/x.csv", "--image-shape", "2x3"],
            expected: "--image-shape: image shape 2x3 has 6 values per sample, but the data has 3"),
        Case(
            name: "malformed image shape", files: [:], arguments: ["train", "--image-shape", "28by28"],
            expected: "'28by28' is invalid for '--image-shape <image-shape>': expected HxW or HxWxC"),
        Case(
            name: "NPY bool", files: ["x.npy": npy("{'descr': '|b1', 'fortran_order': False, 'shape': (3, 2), }")],
            arguments: ["train", "--dataset", "{dir}/x.npy"], expected: "dtype '|b1' (bool) is not supported"),
        Case(
            name: "NPY truncated", files: ["x.npy": npy("{'descr': '<f4', 'fortran_order': False, 'shape': (30, 2), }")],
            arguments: ["train", "--dataset", "{dir}/x.npy"], expected: "needs 60 × 4 bytes but the file holds 24"),
        Case(
            name: "NPY huge header", files: ["x.npy": npy("{'descr': '<f8', 'fortran_order': False, 'shape': (1000000, 1000000), }")],
            arguments: ["train", "--dataset", "{dir}/x.npy"], expected: "needs 1000000000000 × 8 bytes"),
        Case(
            name: "NPY NaN",
            files: [
                "x.npy": npy(
                    "{'descr': '<f4', 'fortran_order': False, 'shape': (3, 2), }",
                    data: NPYWriter.encode([1, 2, .nan, 4, 5, 6] as [Float], shape: [6]).suffix(24))
            ],
            arguments: ["train", "--dataset", "{dir}/x.npy"], expected: "row 1, column 0 is nan, expected a finite number"),
        Case(
            name: "IDX magic", files: ["x-idx3-ubyte": Data([9, 9, 8, 3])], arguments: ["train", "--dataset", "{dir}/x-idx3-ubyte"],
            expected: "not an IDX file (bad magic number)"),
        Case(
            name: "IDX counts", files: ["x-idx3-ubyte": Data([0, 0, 8, 3, 0, 0, 0, 9, 0, 0, 0, 2, 0, 0, 0, 2, 1, 2, 3])],
            arguments: ["train", "--dataset", "{dir}/x-idx3-ubyte"], expected: "IDX header declares 9×2×2 = 36 values but the file holds 3"),
        Case(
            name: "label count", files: ["x.csv": Data(good.utf8), "y.csv": Data("0\n1\n".utf8)],
            arguments: ["train", "--dataset", "{dir}/x.csv", "--labels", "{dir}/y.csv"], expected: "y.csv: has 2 labels but the data set has 4 rows"),
        Case(
            name: "non-integer label", files: ["x.csv": Data(good.utf8), "y.csv": Data("0\n1\n0.5\n1\n".utf8)],
            arguments: ["train", "--dataset", "{dir}/x.csv", "--labels", "{dir}/y.csv"], expected: "label 2 is 0.5, expected an integer"),
        Case(name: "missing file", files: [:], arguments: ["train", "--dataset", "{dir}/none.csv"], expected: "none.csv: no such file"),
        Case(
            name: "directory as data", files: ["d.csv/keep": Data()], arguments: ["train", "--dataset", "{dir}/d.csv"],
            expected: "d.csv: is a folder without train-images-idx3-ubyte"),
        Case(
            name: "unknown type", files: ["x.txt": Data(good.utf8)], arguments: ["train", "--dataset", "{dir}/x.txt"],
            expected: "x.txt: unknown data set type"),
        Case(name: "k < 2", files: [:], arguments: ["train", "--clusters", "1"], expected: "--clusters must be at least 2, got 1"),
        Case(
            name: "k > N", files: ["x.csv": Data(good.utf8)], arguments: ["train", "--dataset", "{dir}/x.csv", "--clusters", "9"],
            expected: "--clusters 9 exceeds the 4 samples"),
        Case(name: "latent dim", files: [:], arguments: ["train", "--latent-dim", "0"], expected: "--latent-dim must be at least 1, got 0"),
        Case(name: "epochs", files: [:], arguments: ["train", "--epochs=-1"], expected: "--epochs must not be negative, got -1"),
        Case(name: "pretrain epochs", files: [:], arguments: ["train", "--pretrain-epochs=-2"], expected: "--pretrain-epochs must not be negative"),
        Case(name: "batch size", files: [:], arguments: ["train", "--batch-size", "0"], expected: "--batch-size must be at least 1, got 0"),
        Case(name: "learning rate", files: [:], arguments: ["train", "--learning-rate", "0"], expected: "--learning-rate must be positive, got 0.0"),
        Case(name: "negative lambda", files: [:], arguments: ["train", "--lambda=-1"], expected: "--lambda must be a finite number ≥ 0"),
        Case(name: "NaN lambda", files: [:], arguments: ["train", "--lambda", "nan"], expected: "--lambda must be a finite number ≥ 0"),
        Case(name: "non-numeric flag", files: [:], arguments: ["train", "--batch-size", "many"], expected: "'many'"),
        Case(name: "unknown flag", files: [:], arguments: ["train", "--lamda", "1"], expected: "Unknown option '--lamda'"),
        Case(
            name: "bad activation", files: [:], arguments: ["train", "--activation", "swish"],
            expected: "The value 'swish' is invalid for '--activation <activation>'. Please provide one of 'relu'"),
        Case(
            name: "bad preset", files: [:], arguments: ["train", "--preset", "cifar"],
            expected: "The value 'cifar' is invalid for '--preset <preset>'"),
        Case(
            name: "bad frame size", files: [:], arguments: ["generate", "--frame-size", "10x10"],
            expected: "'10x10' is invalid for '--frame-size <frame-size>': expected WIDTHxHEIGHT"),
        Case(
            name: "bad formats", files: [:], arguments: ["generate", "--formats", "png,jpg"],
            expected: "'png,jpg' is invalid for '--formats <formats>': expected png, svg and/or pdf"),
        Case(
            name: "out is a file", files: ["taken": Data("x".utf8)], arguments: ["train", "--out", "{dir}/taken", "--epochs", "1"],
            expected: "taken: exists and is not a folder"),
        Case(
            name: "out under a file", files: ["plain": Data("x".utf8)], arguments: ["train", "--out", "{dir}/plain/sub", "--epochs", "1"],
            expected: "cannot create the folder"),
        Case(
            name: "malformed YAML", files: ["c.yaml": Data("lambda: [1, 2\n".utf8)], arguments: ["train", "--config", "{dir}/c.yaml"],
            expected: "c.yaml: not valid YAML"),
        Case(
            name: "YAML not a mapping", files: ["c.yaml": Data("- 1\n- 2\n".utf8)], arguments: ["train", "--config", "{dir}/c.yaml"],
            expected: "c.yaml: expected a mapping of settings"),
        Case(
            name: "log scaling of negative values", files: ["x.csv": Data("1,2\n3,-4\n5,6\n7,8\n".utf8)],
            arguments: ["train", "--dataset", "{dir}/x.csv", "--clusters", "2", "--scaling", "log"],
            expected: "holds -4.0 at data row 2, column 2, and log scaling takes only values ≥ 0"),
        Case(name: "missing config", files: [:], arguments: ["train", "--config", "{dir}/none.yaml"], expected: "none.yaml: no such file"),
        Case(
            name: "corrupt model", files: ["m.dcn": Data("garbage".utf8), "x.csv": Data(good.utf8)],
            arguments: ["assign", "--model", "{dir}/m.dcn", "--dataset", "{dir}/x.csv", "--out", "{dir}/a.npy"],
            expected: "m.dcn: not a dcn-report model file"),
        Case(
            name: "codes not .npy", files: ["m.dcn": Data("garbage".utf8), "x.csv": Data(good.utf8)],
            arguments: ["assign", "--model", "{dir}/m.dcn", "--dataset", "{dir}/x.csv", "--out", "{dir}/a.npy", "--codes", "{dir}/c.csv"],
            expected: "c.csv': expected a .npy file name"),
        Case(
            name: "render a non-run", files: ["empty/keep": Data()], arguments: ["render", "{dir}/empty"],
            expected: "run.json: not found; is"),
        Case(
            name: "dpi out of range names --dpi", files: [:], arguments: ["generate", "--dpi", "0"],
            expected: "--dpi must be between 24 and 768, got 0"),
        Case(name: "render a missing folder", files: [:], arguments: ["render", "{dir}/nothing"], expected: "nothing: no such folder"),
        Case(
            name: "negative λ is a value, then out of range", files: [:], arguments: ["train", "--lambda", "-1"],
            expected: "--lambda must be a finite number ≥ 0, got -1"),
        Case(
            name: "negative epochs are a value, then out of range", files: [:], arguments: ["train", "--epochs", "-5"],
            expected: "--epochs must not be negative, got -5"),
        Case(
            name: "out under a file names the file", files: ["plain2": Data("x".utf8)],
            arguments: ["train", "--out", "{dir}/plain2/a/b", "--epochs", "1"],
            expected: "plain2 is a file, not a folder")
    ]

    @Test("one line, exit code 1–127, nothing left behind", arguments: cases)
    func badInput(_ testCase: Case) throws {
        guard let binary else {
            Issue.record("dcn-report binary not built")
            return
        }
        let folder = temporaryDirectory("bad-input")
        for (name, data) in testCase.files {
            let url = folder.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            if name.hasSuffix("/keep") { continue }
            try data.write(to: url)
        }
        let out = folder.appendingPathComponent("out")
        var arguments = testCase.arguments.map { $0.replacingOccurrences(of: "{dir}", with: folder.path) }
        if !arguments.contains("--out") && arguments.first != "render" && arguments.first != "assign" { arguments += ["--out", out.path] }
        let result = try runProcess(binary, arguments)
        #expect(result.status >= 1 && result.status <= 127, "exit \(result.status)")
        #expect(result.output.hasPrefix("dcn-report: error: "), "\(result.output)")
        #expect(result.output.split(separator: "\n").count == 1, "\(result.output)")
        #expect(result.output.contains(testCase.expected), "\(result.output)")
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("index.html").path))
    }

    @Test("the top-level --help wraps only between sentences' words: no line of its text is cut short mid-paragraph")
    func helpWrapsCleanly() {
        let text = DCNReport.helpMessage(columns: 80)
        let lines = text.components(separatedBy: "\n").prefix { !$0.hasPrefix("USAGE:") }
        for (index, line) in lines.enumerated() where !line.isEmpty {
            let endsParagraph = index + 1 == lines.count || lines[lines.index(lines.startIndex, offsetBy: index + 1)].isEmpty
            #expect(endsParagraph || line.count >= 50, "line \(index + 1) is cut short: '\(line)'")
        }
    }
}
