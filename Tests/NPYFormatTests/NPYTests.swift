import Foundation
import NPYFormat
import TestSupport
import Testing

@Suite("NPY files")
struct NPYTests {
    @Test("float32 and int32 arrays survive a write → read round trip")
    func roundTrip() throws {
        let values: [Float] = [1.5, -2, 0, .pi, 1e-30, 3e38]
        let decoded = try NPYReader.decode(NPYWriter.encode(values, shape: [3, 2]))
        #expect(decoded.shape == [3, 2])
        #expect(decoded.elementType == .float32)
        #expect(decoded.values.map { Float($0) } == values)
        let ints: [Int32] = [0, -1, 2_000_000_000, 7]
        let decodedInts = try NPYReader.decode(NPYWriter.encode(ints, shape: [4]))
        #expect(decodedInts.shape == [4])
        #expect(decodedInts.values.map { Int32($0) } == ints)
    }

    @Test("the header is padded so data starts at a multiple of 64 bytes")
    func headerAlignment() {
        for shape in [[1], [10_000, 2], [3, 4, 5]] {
            let data = NPYWriter.encode([Float](repeating: 0, count: shape.reduce(1, *)), shape: shape)
            let headerLength = Int(data[8]) | Int(data[9]) << 8
            #expect((10 + headerLength) % 64 == 0)
            #expect(data[10 + headerLength - 1] == UInt8(ascii: "\n"))
        }
    }

    @Test("numpy.load reads our files with the right dtype, shape and values")
    func numpyReadsOurFiles() throws {
        guard let python = pythonWithNumpy() else {
            Issue.record("python3 with numpy is needed for this test")
            return
        }
        let folder = temporaryDirectory()
        let floats = folder.appendingPathComponent("f.npy"), ints = folder.appendingPathComponent("i.npy")
        try NPYWriter.encode([Float]([1, 2.5, -3, 4, 5, 6]), shape: [2, 3]).write(to: floats)
        try NPYWriter.encode([Int32(3), 1, -4], shape: [3]).write(to: ints)
        let script = """
            import numpy as np
            f = np.load('\(floats.path)'); i = np.load('\(ints.path)')
            assert f.dtype == np.float32 and f.shape == (2, 3), (f.dtype, f.shape)
            assert f.tolist() == [[1, 2.5, -3], [4, 5, 6]]
            assert i.dtype == np.int32 and i.tolist() == [3, 1, -4]
            print('ok')
            """
        let result = try runProcess(python, ["-c", script])
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("ok"))
    }

    @Test("files written by numpy (float64, uint8, int64, version 2.0) are read")
    func readsNumpyFiles() throws {
        guard let python = pythonWithNumpy() else {
            Issue.record("python3 with numpy is needed for this test")
            return
        }
        let folder = temporaryDirectory()
        let script = """
            import numpy as np
            np.save('\(folder.path)/f8.npy', np.array([[0.5, -1.25], [3, 4]], dtype=np.float64))
            np.save('\(folder.path)/u1.npy', np.arange(6, dtype=np.uint8).reshape(2, 3))
            np.save('\(folder.path)/i8.npy', np.array([-5, 9], dtype=np.int64))
            np.lib.format.write_array(open('\(folder.path)/v2.npy', 'wb'), np.ones((2, 2), np.float32), version=(2, 0))
            np.save('\(folder.path)/fortran.npy', np.asfortranarray(np.arange(6.0).reshape(2, 3)))
            np.save('\(folder.path)/fortran3.npy', np.asfortranarray(np.arange(24, dtype=np.float32).reshape(2, 3, 4)))
            np.save('\(folder.path)/fortran-be.npy', np.asfortranarray(np.arange(6, dtype='>i4').reshape(3, 2)))
            for dtype in ['bool', 'complex64', 'float16', 'object']:
                np.save('\(folder.path)/' + dtype + '.npy', np.zeros((2, 2), dtype=dtype), allow_pickle=True)
            np.save('\(folder.path)/structured.npy', np.zeros(3, dtype=[('a', 'f4'), ('b', 'i4')]))
            """
        #expect(try runProcess(python, ["-c", script]).status == 0)
        func load(_ name: String) throws -> NPYArray {
            try NPYReader.decode(Data(contentsOf: folder.appendingPathComponent(name)))
        }
        #expect(try load("f8.npy").values == [0.5, -1.25, 3, 4])
        #expect(try load("u1.npy").shape == [2, 3])
        #expect(try load("u1.npy").values == [0, 1, 2, 3, 4, 5])
        #expect(try load("i8.npy").values == [-5, 9])
        #expect(try load("v2.npy").values == [1, 1, 1, 1])
        // Fortran order is read as numpy reads it: same shape, values in C order.
        #expect(try load("fortran.npy").shape == [2, 3])
        #expect(try load("fortran.npy").values == [0, 1, 2, 3, 4, 5])
        #expect(try load("fortran3.npy").values == (0..<24).map(Double.init))
        #expect(try load("fortran-be.npy").values == [0, 1, 2, 3, 4, 5])
        let floats = try NPYReader.decodeFloats(Data(contentsOf: folder.appendingPathComponent("fortran3.npy")))
        #expect(floats.values == (0..<24).map(Float.init))
        // Types we do not read are named.
        for (file, kind) in [
            ("bool", "bool"), ("complex64", "complex"), ("float16", "float16"), ("object", "Python objects"),
            ("structured", "structured type")
        ] {
            #expect {
                try load(file + ".npy")
            } throws: { error in
                (error as? NPYError)?.message.contains(kind) ?? false
            }
        }
    }

    @Test("bad magic, truncated data and oversized shapes are refused with a message")
    func malformedFiles() {
        #expect(throws: NPYError("not a NumPy .npy file (missing the \\x93NUMPY magic)")) {
            try NPYReader.decode(Data("hello world, not numpy".utf8))
        }
        var truncated = NPYWriter.encode([Float](repeating: 1, count: 6), shape: [2, 3])
        truncated.removeLast(4)
        #expect(throws: NPYError.self) { try NPYReader.decode(truncated) }
        // A header claiming 10^12 elements in a tiny file is refused, not allocated.
        var huge = NPYWriter.encode([Float](repeating: 1, count: 1), shape: [1])
        let header = String(decoding: huge[10..<74], as: UTF8.self).replacingOccurrences(of: "(1,), ", with: "(1000000,1000000), ")
        huge.replaceSubrange(10..<74, with: Array(header.utf8.prefix(64)))
        #expect(throws: NPYError.self) { try NPYReader.decode(huge) }
    }
}
