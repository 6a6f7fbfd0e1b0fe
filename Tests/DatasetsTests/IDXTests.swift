import Datasets
import NPYFormat
import Foundation
import TestSupport
import Testing

@Suite("IDX files (MNIST format)")
struct IDXTests {
    func idx(type: UInt8 = 0x08, dimensions: [Int], values: [UInt8]) -> Data {
        var bytes: [UInt8] = [0, 0, type, UInt8(dimensions.count)]
        for d in dimensions { bytes += [UInt8(d >> 24 & 0xFF), UInt8(d >> 16 & 0xFF), UInt8(d >> 8 & 0xFF), UInt8(d & 0xFF)] }
        return Data(bytes + values)
    }

    @Test("images and labels load, gzipped or not, with pixel scaling preferred")
    func imagesAndLabels() throws {
        let folder = temporaryDirectory()
        let images = folder.appendingPathComponent("t10k-images-idx3-ubyte")
        let labels = folder.appendingPathComponent("t10k-labels-idx1-ubyte")
        try idx(dimensions: [3, 2, 2], values: Array(0..<12).map { UInt8($0 * 20) }).write(to: images)
        try idx(dimensions: [3], values: [7, 2, 1]).write(to: labels)
        #expect(try runProcess("/bin/gzip", ["-k", images.path, labels.path]).status == 0)
        for suffix in ["", ".gz"] {
            let data = try DatasetSource.file(images.path + suffix).load(labelsPath: labels.path + suffix, labelColumn: .none, seed: 0)
            #expect(data.count == 3 && data.dimensions == 4)
            #expect(data.features.row(2) == [160, 180, 200, 220])
            #expect(data.labels == [7, 2, 1])
            #expect(data.preferredScaling == .unit)
            #expect(data.imageShape == [2, 2], "IDX images keep their height and width")
        }
    }

    @Test("N × H × W and N × H × W × C NumPy arrays are images that keep their shape; a 2-D array is not")
    func numpyImages() throws {
        let images = NPYWriter.encode((0..<24).map { Float($0) }, shape: [2, 3, 4])
        let data = try NPYLoader.loadFeatures(bytes: images, source: "images.npy")
        #expect(data.count == 2 && data.dimensions == 12 && data.imageShape == [3, 4])
        #expect(data.features.row(1) == (12..<24).map { Float($0) })
        let colour = try NPYLoader.loadFeatures(bytes: NPYWriter.encode([Float](repeating: 1, count: 24), shape: [2, 2, 2, 3]), source: "rgb.npy")
        #expect(colour.imageShape == [2, 2, 3] && colour.dimensions == 12)
        var table = try NPYLoader.loadFeatures(bytes: NPYWriter.encode([Float](repeating: 1, count: 24), shape: [2, 12]), source: "t.npy")
        #expect(table.imageShape == nil)
        try table.setImageShape([3, 4], source: "--image-shape")
        #expect(table.imageShape == [3, 4])
        #expect(throws: DatasetError.self) { try table.setImageShape([5, 5], source: "--image-shape") }
        #expect(throws: DatasetError.self) { try table.setImageShape([2, 3, 2], source: "--image-shape") }
    }

    @Test("a folder of MNIST files loads training then test images, with their labels, as one data set")
    func mnistFolder() throws {
        let folder = temporaryDirectory()
        try idx(dimensions: [3, 2, 2], values: Array(0..<12).map { UInt8($0) }).write(to: folder.appendingPathComponent("train-images-idx3-ubyte"))
        try idx(dimensions: [3], values: [5, 0, 4]).write(to: folder.appendingPathComponent("train-labels-idx1-ubyte"))
        try idx(dimensions: [2, 2, 2], values: Array(100..<108)).write(to: folder.appendingPathComponent("t10k-images.idx3-ubyte"))
        try idx(dimensions: [2], values: [7, 2]).write(to: folder.appendingPathComponent("t10k-labels.idx1-ubyte"))
        #expect(try runProcess("/bin/gzip", [folder.appendingPathComponent("train-images-idx3-ubyte").path]).status == 0)

        let data = try DatasetSource(parsing: folder.path).load(labelsPath: nil, labelColumn: .none, seed: 0)
        #expect(data.count == 5 && data.dimensions == 4)
        #expect(data.features.row(2) == [8, 9, 10, 11])
        #expect(data.features.row(3) == [100, 101, 102, 103])
        #expect(data.labels == [5, 0, 4, 7, 2])
        #expect(data.preferredScaling == .unit)
        #expect(data.name == "mnist")

        // Without one labels file the data set has no labels rather than labels for part of it.
        try FileManager.default.removeItem(at: folder.appendingPathComponent("t10k-labels.idx1-ubyte"))
        #expect(try DatasetSource(parsing: folder.path).load(labelsPath: nil, labelColumn: .none, seed: 0).labels == nil)
    }

    @Test("a folder whose labels do not match its images, or whose test images differ in size, names the file at fault")
    func mnistFolderMismatches() throws {
        let folder = temporaryDirectory()
        try idx(dimensions: [3, 2, 2], values: Array(0..<12)).write(to: folder.appendingPathComponent("train-images-idx3-ubyte"))
        try idx(dimensions: [2], values: [5, 0]).write(to: folder.appendingPathComponent("train-labels-idx1-ubyte"))
        let labels = folder.appendingPathComponent("train-labels-idx1-ubyte").path
        #expect(throws: DatasetError(labels, "has 2 labels for 3 images")) {
            try DatasetSource(parsing: folder.path).load(labelsPath: nil, labelColumn: .none, seed: 0)
        }
        try idx(dimensions: [3], values: [5, 0, 4]).write(to: folder.appendingPathComponent("train-labels-idx1-ubyte"))
        try idx(dimensions: [1, 3, 3], values: Array(0..<9)).write(to: folder.appendingPathComponent("t10k-images-idx3-ubyte"))
        let test = folder.appendingPathComponent("t10k-images-idx3-ubyte").path
        #expect(throws: DatasetError(test, "has images of 9 pixels, the training images 4")) {
            try DatasetSource(parsing: folder.path).load(labelsPath: nil, labelColumn: .none, seed: 0)
        }
    }

    @Test("a folder without MNIST training images is refused with one line naming it")
    func folderWithoutImages() throws {
        let folder = temporaryDirectory()
        do {
            _ = try DatasetSource(parsing: folder.path).load(labelsPath: nil, labelColumn: .none, seed: 0)
            Issue.record("expected an error")
        } catch let error as DatasetError {
            #expect(
                error.description
                    == "\(folder.path): is a folder without train-images-idx3-ubyte[.gz]; give a data file, or a folder of MNIST IDX files")
        }
    }

    @Test(
        "wrong magic, wrong type, truncated data and oversized headers are refused",
        arguments: [
            (Data([1, 2, 3, 4, 5]), "not an IDX file (bad magic number)"),
            (Data([0, 0, 0x0D, 1, 0, 0, 0, 1, 0, 0, 0, 0]), "unsupported IDX value type 0x0D (only unsigned bytes, 0x08)"),
            (Data([0, 0, 8, 1, 0, 0, 0, 5, 1, 2]), "IDX header declares 5 = 5 values but the file holds 2"),
            (
                Data([0, 0, 8, 3, 0x7F, 0xFF, 0xFF, 0xFF, 0x7F, 0xFF, 0xFF, 0xFF, 0x7F, 0xFF, 0xFF, 0xFF]),
                "IDX dimensions [2147483647, 2147483647, 2147483647] are too large"
            )
        ])
    func malformed(bytes: Data, expected: String) throws {
        let file = temporaryDirectory().appendingPathComponent("bad-idx3-ubyte")
        try bytes.write(to: file)
        do {
            _ = try IDXLoader.loadImages(path: file.path)
            Issue.record("expected an error")
        } catch let error as DatasetError {
            #expect(error.description.hasPrefix("\(file.path): \(expected)") || "\(error)".contains(expected), "\(error)")
        }
    }
}
