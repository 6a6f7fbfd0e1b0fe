@testable import DCNMath
import Synchronization
import Testing
import DCNCore

@Suite("BLAS matrix products")
struct BLASTests {
    @Test("a 2×3 by 3×2 product matches the hand-computed result")
    func handComputedProduct() {
        let a = Matrix(rows: 2, columns: 3, values: [1, 2, 3, 4, 5, 6])
        let b = Matrix(rows: 3, columns: 2, values: [7, 8, 9, 10, 11, 12])
        // [1·7+2·9+3·11, 1·8+2·10+3·12; 4·7+5·9+6·11, 4·8+5·10+6·12]
        #expect(a.multiplied(by: b).values == [58, 64, 139, 154])
    }

    @Test("transposed operands and beta accumulate as C ← αAᵀBᵀ + βC")
    func transposedOperands() {
        let a: [Float] = [1, 4, 2, 5, 3, 6]  // Aᵀ stored: A = [[1,2,3],[4,5,6]]
        let b: [Float] = [7, 9, 11, 8, 10, 12]  // Bᵀ stored: B = [[7,8],[9,10],[11,12]]
        var c: [Float] = [1, 1, 1, 1]
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                c.withUnsafeMutableBufferPointer { c in
                    BLAS.gemm(
                        .transposed, a.baseAddress!, .transposed, b.baseAddress!, into: c.baseAddress!,
                        rows: 2, columns: 2, inner: 3, alpha: 2, beta: 1)
                }
            }
        }
        #expect(c == [117, 129, 279, 309])
    }

    @Test("thread limits: the tightest open scope applies, the first count returns when the last scope closes")
    func overlappingThreadLimits() {
        let count = Mutex(8)
        var current: Int { count.withLock { $0 } }
        let limits = ThreadLimits(read: { count.withLock { $0 } }, apply: { value in count.withLock { $0 = value } })
        limits.open(1)  // trainer A
        #expect(current == 1)
        limits.open(4)  // a looser scope on another thread changes nothing
        #expect(current == 1)
        limits.close(1)  // A ends while the other scope is open
        #expect(current == 4)
        limits.close(4)
        #expect(current == 8)
        limits.open(16)  // a limit never raises the count
        #expect(current == 8)
        limits.close(16)
        #expect(current == 8)
    }

    @Test("inside withThreadCount(atMost: 1) OpenBLAS runs on one thread")
    func scopedThreadLimit() {
        // Other suites may hold their own scopes concurrently; inside ours the count is 1 regardless.
        #expect(BLAS.withThreadCount(atMost: 1) { BLAS.threadCount } == 1)
    }
}

@Suite("Seeded randomness")
struct RandomnessTests {
    @Test("SplitMix64 reproduces the reference sequence for seed 0")
    func referenceSequence() {
        var generator = SplitMix64(seed: 0)
        // Reference values of Vigna's splitmix64.c for seed 0.
        #expect(generator.next() == 0xE220_A839_7B1D_CDAF)
        #expect(generator.next() == 0x6E78_9E6A_A1B9_65F4)
    }

    @Test("the same seed gives the same shuffle; another seed a different one")
    func shuffleDeterminism() {
        var a = Array(0..<100), b = Array(0..<100), c = Array(0..<100)
        var g1 = SplitMix64(seed: 7), g2 = SplitMix64(seed: 7), g3 = SplitMix64(seed: 8)
        a.deterministicShuffle(using: &g1)
        b.deterministicShuffle(using: &g2)
        c.deterministicShuffle(using: &g3)
        #expect(a == b)
        #expect(a != c)
        #expect(a.sorted() == Array(0..<100))
    }

    @Test("Gaussian draws have mean ≈ 0 and variance ≈ 1")
    func gaussianMoments() {
        var generator = SplitMix64(seed: 3)
        let draws = (0..<100_000).map { _ in generator.nextGaussian() }
        let mean = draws.reduce(0, +) / Double(draws.count)
        let variance = draws.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(draws.count)
        #expect(abs(mean) < 0.02)
        #expect(abs(variance - 1) < 0.02)
    }
}

extension Matrix {
    /// The product `self · other`.
    /// - Parameter other: A `columns × n` matrix.
    /// - Returns: The `rows × n` product, computed by BLAS.
    func multiplied(by other: Matrix) -> Matrix {
        precondition(columns == other.rows, "inner dimensions differ: \(columns) vs \(other.rows)")
        var result = Matrix(rows: rows, columns: other.columns)
        values.withUnsafeBufferPointer { a in
            other.values.withUnsafeBufferPointer { b in
                result.values.withUnsafeMutableBufferPointer { c in
                    BLAS.gemm(
                        .none, a.baseAddress!, .none, b.baseAddress!, into: c.baseAddress!,
                        rows: rows, columns: other.columns, inner: columns)
                }
            }
        }
        return result
    }
}
