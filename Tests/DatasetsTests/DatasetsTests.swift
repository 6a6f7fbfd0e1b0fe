import DCNMath
@testable import Datasets
import Foundation
import NPYFormat
import TestSupport
import Testing
import DCNCore

@Suite("Data sets")
struct DatasetsTests {
    @Test("the synthetic example has 4 × 2,500 points in 100-D, balanced labels, and depends only on the seed")
    func syntheticShapeAndDeterminism() {
        let a = SyntheticDataset().generate(seed: 0)
        #expect(a.count == 10_000)
        #expect(a.dimensions == 100)
        #expect(a.classCount == 4)
        #expect(a.labels!.filter { $0 == 3 }.count == 2_500)
        #expect(a.features.isFinite)
        let b = SyntheticDataset().generate(seed: 0), c = SyntheticDataset().generate(seed: 1)
        #expect(a.features == b.features)
        #expect(a.features != c.features)
    }

    @Test("CSV with a header row and labels in a named column")
    func csvWithHeader() throws {
        let file = temporaryDirectory().appendingPathComponent("data.csv")
        try "a,b,label\n1,2,0\n3.5,-4,1\n5,6e3,1\n".write(to: file, atomically: true, encoding: .utf8)
        let data = try CSVLoader.load(path: file.path, labelColumn: .named("label"))
        #expect(data.features == Matrix(rows: 3, columns: 2, values: [1, 2, 3.5, -4, 5, 6000]))
        #expect(data.scalingIsChecked, "a table's scaling is chosen by the run's check once k is known")
        #expect(data.labels == [0, 1, 1])
    }

    @Test("auto scaling: integers on one 0–255 scale, as many as an image's pixels, are divided by the largest; ratings are not")
    func integerTables() throws {
        let folder = temporaryDirectory()
        // 4 × 4-image-like, 16 features: every varying column reaches 16 (one is constant).
        let pixels = folder.appendingPathComponent("pixels.csv")
        let rows = (0..<6).map { r in (0..<16).map { c in c == 0 ? "0" : String((r * 5 + c * 3) % 17) }.joined(separator: ",") }
        try rows.joined(separator: "\n").write(to: pixels, atomically: true, encoding: .utf8)
        let image = try CSVLoader.load(path: pixels.path, labelColumn: .none)
        #expect(image.preferredScaling == .unit, "\(image.scalingReason)")
        #expect(image.scalingReason.contains("0–16") && image.scalingReason.contains("image's pixels"))
        #expect(!image.scalingIsChecked, "the unit rule is not judged")
        // Five answers on a 1–5 scale: one common integer range, but not an image's number of features
        // (0.10.0 divided it by 5 as pixels): a table, left to the run's check.
        let survey = folder.appendingPathComponent("survey.csv")
        try "1,2,5,4,3\n5,4,1,2,3\n3,3,3,5,1\n2,5,4,1,4\n4,1,2,3,5\n".write(to: survey, atomically: true, encoding: .utf8)
        let answers = try CSVLoader.load(path: survey.path, labelColumn: .none)
        #expect(answers.preferredScaling != .unit && answers.scalingIsChecked, "\(answers.scalingReason)")
        // 16 integer features on one 0–255 scale, as many as a 4 × 4 image's pixels, mostly dark and so
        // highly skewed: still pixels.
        let darkFile = folder.appendingPathComponent("image.csv")
        let dark = (0..<8).map { r in (0..<16).map { c in (r + c) % 7 == 0 ? "255" : "0" }.joined(separator: ",") }
        try dark.joined(separator: "\n").write(to: darkFile, atomically: true, encoding: .utf8)
        let darkImage = try CSVLoader.load(path: darkFile.path, labelColumn: .none)
        #expect(darkImage.preferredScaling == .unit && darkImage.scalingReason.contains("image's pixels"), "\(darkImage.scalingReason)")
        // Age, children and rooms: integers in 0–255 on three different scales; amounts beside lengths.
        let people = folder.appendingPathComponent("people.csv")
        try "age,children,rooms\n34,2,4\n71,0,6\n25,1,2\n58,3,5\n".write(to: people, atomically: true, encoding: .utf8)
        #expect(try CSVLoader.load(path: people.path, labelColumn: .none).scalingIsChecked)
        let amounts = folder.appendingPathComponent("amounts.csv")
        try "-1.4,3200.5\n4.7,4100.25\n6.0,3650.75\n1.3,5010.5\n".write(to: amounts, atomically: true, encoding: .utf8)
        let mixed = try CSVLoader.load(path: amounts.path, labelColumn: .none)
        #expect(mixed.scalingIsChecked && mixed.scalingReason.contains("once k is known"), "\(mixed.scalingReason)")
    }

    @Test("shared scaling centres each feature and divides all by the root of their mean variance")
    func sharedScaling() {
        // Column variances 2.5 and 10 (means 3 and 20): the common spread is √6.25 = 2.5.
        var m = Matrix(rows: 4, columns: 2, values: [1, 16, 2, 18, 4, 22, 5, 24])
        let fitted = FeatureScaling.shared.apply(to: &m)
        #expect(fitted.offset == [3, 20])
        #expect(fitted.scale.allSatisfy { abs($0 - 1 / 2.5) < 1e-6 })
        #expect(m.values.map { ($0 * 2.5).rounded() } == [-2, -4, -1, -2, 1, 2, 2, 4])
        var constant = Matrix(rows: 2, columns: 1, values: [3, 3])
        FeatureScaling.shared.apply(to: &constant)
        #expect(constant.values == [0, 0], "a constant table is only centred")
    }

    @Test("log scaling takes log(1 + x), then standardises each feature; it refuses negative values")
    func logScaling() {
        // log(1 + x) of the first column is 0, 1, 2, 3 (mean 1.5, variance 1.25); the second is constant.
        let e = Float(M_E)
        var m = Matrix(rows: 4, columns: 2, values: [0, 5, e - 1, 5, e * e - 1, 5, e * e * e - 1, 5])
        let fitted = FeatureScaling.log.apply(to: &m)
        #expect(fitted.mode == .log && abs(fitted.offset[0] - 1.5) < 1e-5)
        let expected: [Float] = [-1.5, -0.5, 0.5, 1.5].map { $0 / Float(1.25).squareRoot() }
        #expect(zip((0..<4).map { m[$0, 0] }, expected).allSatisfy { abs($0 - $1) < 1e-5 })
        #expect((0..<4).allSatisfy { m[$0, 1] == 0 }, "a constant feature becomes 0")
        var new = Matrix(rows: 1, columns: 2, values: [e - 1, 5])
        fitted.apply(to: &new)
        #expect(abs(new.values[0] - expected[1]) < 1e-5, "new data is logged and scaled as the training data was")
        let negative = Matrix(rows: 2, columns: 2, values: [1, 2, 3, -0.5])
        #expect(FeatureScaling.log.firstValueOutsideDomain(of: negative).map { [$0.row, $0.column] } == [1, 1])
        #expect(FeatureScaling.standardize.firstValueOutsideDomain(of: negative) == nil)
    }

    @Test("CSV without header, labels from the last column, gzip-compressed")
    func gzippedCSV() throws {
        let folder = temporaryDirectory()
        let file = folder.appendingPathComponent("digits.csv")
        try "0,255,7\n128,64,3\r\n".write(to: file, atomically: true, encoding: .utf8)
        let status = try runProcess("/bin/gzip", ["-k", file.path]).status
        #expect(status == 0)
        let data = try CSVLoader.load(path: file.path + ".gz", labelColumn: .last)
        #expect(data.features.values == [0, 255, 128, 64])
        #expect(data.labels == [7, 3])
    }

    @Test(
        "malformed CSV gives the file, line and problem",
        arguments: [
            ("1,2\n3\n", "line 2: expected 2 values, found 1 (line 1 has 2 values)"),
            ("a,b,c,d\n1,2,3,4,5,6\n", "line 2: expected 4 values, found 6 (the header names 4 columns)"),
            ("1,2\n3,x\n", "line 2, column 2: 'x' is not a number"),
            ("1,2\n3,nan\n", "line 2, column 2: value is nan, expected a finite number"),
            ("", "is empty")
        ])
    func malformedCSV(content: String, expected: String) throws {
        let file = temporaryDirectory().appendingPathComponent("bad.csv")
        try content.write(to: file, atomically: true, encoding: .utf8)
        do {
            _ = try CSVLoader.load(path: file.path, labelColumn: .none)
            Issue.record("expected an error")
        } catch let error as DatasetError {
            #expect(error.description == "\(file.path): \(expected)")
        }
    }

    @Test("NPY features with NPY labels; a label count mismatch names the labels file")
    func npyWithLabels() throws {
        let folder = temporaryDirectory()
        let x = folder.appendingPathComponent("x.npy"), y = folder.appendingPathComponent("y.npy")
        try NPYWriter.encode([Float]([1, 2, 3, 4, 5, 6]), shape: [3, 2]).write(to: x)
        try NPYWriter.encode([Int32(0), 1, 1], shape: [3]).write(to: y)
        let data = try DatasetSource.file(x.path).load(labelsPath: y.path, labelColumn: .none, seed: 0)
        #expect(data.features.rows == 3 && data.features.columns == 2)
        #expect(data.labels == [0, 1, 1])
        try NPYWriter.encode([Int32(0), 1], shape: [2]).write(to: y)
        #expect(throws: DatasetError(y.path, "has 2 labels but the data set has 3 rows")) {
            try DatasetSource.file(x.path).load(labelsPath: y.path, labelColumn: .none, seed: 0)
        }
    }

    @Test("a missing file, a folder that is not MNIST and a folder given as labels are named in the error")
    func missingFiles() {
        #expect(throws: DatasetError("/no/such.csv", "no such file")) {
            try DatasetSource.file("/no/such.csv").load(labelsPath: nil, labelColumn: .none, seed: 0)
        }
        let folder = temporaryDirectory().appendingPathComponent("d.npy")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        #expect(
            throws: DatasetError(folder.path, "is a folder without train-images-idx3-ubyte[.gz]; give a data file, or a folder of MNIST IDX files")
        ) {
            try DatasetSource.file(folder.path).load(labelsPath: nil, labelColumn: .none, seed: 0)
        }
        #expect(throws: DatasetError(folder.path, "is a directory, expected a file")) {
            try DatasetSource.synthetic.load(labelsPath: folder.path, labelColumn: .none, seed: 0)
        }
    }

    @Test("standardize gives zero mean and unit variance per feature; minmax maps to [0, 1]")
    func scaling() {
        var m = Matrix(rows: 4, columns: 2, values: [1, 10, 2, 10, 3, 10, 6, 10])
        FeatureScaling.standardize.apply(to: &m)
        let column = (0..<4).map { Double(m[$0, 0]) }
        #expect(abs(column.reduce(0, +)) < 1e-6)
        #expect(abs(column.map { $0 * $0 }.reduce(0, +) / 4 - 1) < 1e-5)
        #expect((0..<4).allSatisfy { m[$0, 1] == 0 })
        var n = Matrix(rows: 3, columns: 1, values: [2, 4, 6])
        FeatureScaling.minmax.apply(to: &n)
        #expect(n.values == [0, 0.5, 1])
    }
}
