import DCNMath
import Foundation
import NPYFormat
import TestSupport
import Testing
@testable import Datasets

/// Bounded, fixed-seed fuzzing of the parsers: random byte flips, truncations, insertions and
/// splices of valid inputs must give a result or a typed error — never a crash, hang or huge allocation.
/// A longer run: `DCN_FUZZ_ITERATIONS=200000 swift test --filter FuzzTests`.
@Suite("Fuzzing the parsers")
struct FuzzTests {
    static let iterations = ProcessInfo.processInfo.environment["DCN_FUZZ_ITERATIONS"].flatMap(Int.init) ?? 3_000

    static func mutate(_ input: [UInt8], using generator: inout SplitMix64) -> [UInt8] {
        var bytes = input
        for _ in 0...generator.nextIndex(below: 4) {
            switch generator.nextIndex(below: 5) {
            case 0 where !bytes.isEmpty:  // flip a byte
                bytes[generator.nextIndex(below: bytes.count)] = UInt8(truncatingIfNeeded: generator.next())
            case 1 where !bytes.isEmpty:  // truncate
                bytes.removeLast(generator.nextIndex(below: bytes.count))
            case 2:  // insert random bytes
                let at = generator.nextIndex(below: bytes.count + 1)
                bytes.insert(contentsOf: (0..<generator.nextIndex(below: 8)).map { _ in UInt8(truncatingIfNeeded: generator.next()) }, at: at)
            case 3 where bytes.count > 2:  // set a byte to an extreme
                bytes[generator.nextIndex(below: bytes.count)] = [0, 0x7F, 0x80, 0xFF][generator.nextIndex(below: 4)]
            default:  // duplicate a slice
                if bytes.count > 4 {
                    let start = generator.nextIndex(below: bytes.count - 2)
                    bytes.insert(contentsOf: bytes[start..<min(bytes.count, start + 8)], at: generator.nextIndex(below: bytes.count))
                }
            }
        }
        return bytes
    }

    @Test("NPY reader")
    func npy() {
        var generator = SplitMix64(seed: 1)
        let seeds = [NPYWriter.encode([1, 2, 3, 4, 5, 6] as [Float], shape: [3, 2]), NPYWriter.encode([Int32(1), 2], shape: [2])].map { [UInt8]($0) }
        var decoded = 0, refused = 0
        for i in 0..<Self.iterations {
            // Every other mutation keeps the header and changes only the array's bytes, so that the
            // reader's accepting path is fuzzed as much as its refusals.
            let seed = seeds[i % 2], headerEnd = (seed.firstIndex(of: UInt8(ascii: "\n")) ?? 0) + 1
            let input =
                i % 4 < 2
                ? Self.mutate(seed, using: &generator)
                : Array(seed[..<headerEnd]) + Self.mutate(Array(seed[headerEnd...]), using: &generator)
            do {
                let array = try NPYReader.decode(Data(input))
                #expect(array.values.count == array.shape.reduce(1, *))
                #expect(array.values.count * array.elementType.byteCount <= input.count)
                decoded += 1
            } catch is NPYError { refused += 1 } catch { Issue.record("unexpected error \(error)") }
        }
        // Both outcomes must be common, or the fuzzing exercised only one side of the reader: every mutation
        // refused (mutations that never leave a readable file) or every one decoded (a reader that checks nothing).
        #expect(decoded >= Self.iterations / 10, "only \(decoded) of \(Self.iterations) mutated files decoded")
        #expect(refused >= Self.iterations / 10, "only \(refused) of \(Self.iterations) mutated files refused")
    }

    @Test("IDX reader, from bytes in memory")
    func idx() throws {
        var generator = SplitMix64(seed: 2)
        let seed: [UInt8] = [0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 2, 0, 0, 0, 2] + (0..<8).map { UInt8($0) }
        for _ in 0..<Self.iterations {
            let input = Data(Self.mutate(seed, using: &generator))
            do {
                let data = try IDXLoader.loadImages(bytes: input, source: "f-idx3-ubyte")
                #expect(data.features.values.count <= 64)
            } catch is DatasetError {} catch { Issue.record("unexpected error \(error)") }
        }
    }

    @Test("NPY features loader")
    func npyFeatures() {
        var generator = SplitMix64(seed: 5)
        let seed = [UInt8](NPYWriter.encode([1, 2, 3, 4, 5, 6] as [Float], shape: [3, 2]))
        for _ in 0..<Self.iterations {
            let input = Data(Self.mutate(seed, using: &generator))
            do {
                let data = try NPYLoader.loadFeatures(bytes: input, source: "f.npy")
                #expect(data.features.isFinite && data.features.values.count * 1 <= input.count)
            } catch is DatasetError {} catch { Issue.record("unexpected error \(error)") }
        }
    }

    @Test("gzip path")
    func gzip() throws {
        var generator = SplitMix64(seed: 3)
        let seed: [UInt8] = [31, 139, 8, 0, 0, 0, 0, 0, 2, 3, 51, 212, 49, 210, 49, 230, 50, 28, 37, 140, 146, 135, 0, 209, 111, 2, 59, 88, 2, 0, 0]
        for _ in 0..<Self.iterations {
            let input = Data(Self.mutate(seed, using: &generator))
            do { _ = try FileBytes.gunzip(input, path: "fuzz.gz") } catch is DatasetError {} catch { Issue.record("unexpected error \(error)") }
        }
    }

    @Test("CSV reader, from bytes in memory")
    func csv() throws {
        var generator = SplitMix64(seed: 4)
        let seed = [UInt8]("a,b,label\n1,2.5,0\n-3,4e2,1\n5,6,1\n".utf8)
        for _ in 0..<Self.iterations {
            let input = Data(Self.mutate(seed, using: &generator))
            do {
                let data = try CSVLoader.load(bytes: input, source: "f.csv", labelColumn: .last)
                #expect(data.features.isFinite)
            } catch is DatasetError {} catch { Issue.record("unexpected error \(error)") }
        }
    }
}

@Suite("Memory limits")
struct MemoryLimitTests {
    @Test("a data set larger than available memory is refused up front with the estimate")
    func tooLarge() {
        #expect {
            try MemoryCheck.check(rows: 10_000_000, columns: 1_000_000, input: "huge.npy")
        } throws: { error in
            "\(error)".hasPrefix("huge.npy: 10000000 × 1000000 values need about") && "\(error)".contains("is available")
        }
        #expect(throws: Never.self) { try MemoryCheck.check(rows: 1_000, columns: 100, input: "small.npy") }
    }
}

@Suite("Sizes that overflow")
struct OverflowTests {
    @Test("an IDX header of 0 images whose rows would overflow is refused in one line (found by FuzzIDX)")
    func idxZeroImagesHugeRows() {
        let bytes = Data([0, 0, 8, 4, 0, 0, 0, 0, 0x00, 0x6f, 0x71, 0xb7, 0x62, 0x6c, 0x00, 0x62, 0x6c, 0x00, 0x00, 0x40])
        #expect { try IDXLoader.loadImages(bytes: bytes, source: "x-idx3-ubyte") } throws: { error in
            (error as? DatasetError)?.description.contains("too large") ?? false
        }
    }

    @Test("an image shape whose size overflows is refused in one line")
    func imageShapeOverflow() {
        var data = SyntheticDataset(pointsPerCluster: 2).generate(seed: 0)
        #expect { try data.setImageShape([4_000_000_000, 4_000_000_000, 4], source: "--image-shape") } throws: { error in
            (error as? DatasetError)?.description.contains("more values than can be counted") ?? false
        }
    }
}
