internal import CBLAS
import Foundation

/// Matrix products on the machine's BLAS (OpenBLAS `cblas_sgemm`), row-major, float32.
///
/// Every product in the training hot path goes through ``gemm(_:_:_:_:into:rows:columns:inner:alpha:beta:)``,
/// which works on raw buffers so callers can reuse preallocated storage.
public enum BLAS {
    /// Whether an operand is used as stored or transposed.
    public enum Transpose: Sendable {
        case none
        case transposed
    }

    /// Computes `C ← alpha · op(A) · op(B) + beta · C` for row-major buffers.
    ///
    /// - Parameters:
    ///   - transposeA: Whether `A` is transposed; `op(A)` is `rows × inner`.
    ///   - a: `A`'s values; stored `rows × inner`, or `inner × rows` when transposed.
    ///   - transposeB: Whether `B` is transposed; `op(B)` is `inner × columns`.
    ///   - b: `B`'s values; stored `inner × columns`, or `columns × inner` when transposed.
    ///   - c: `C`'s values, `rows × columns`, updated in place.
    ///   - rows: Rows of `op(A)` and `C`.
    ///   - columns: Columns of `op(B)` and `C`.
    ///   - inner: The shared dimension.
    ///   - alpha: Scale of the product.
    ///   - beta: Scale of the existing `C` (0 overwrites it).
    public static func gemm(
        _ transposeA: Transpose, _ a: UnsafePointer<Float>,
        _ transposeB: Transpose, _ b: UnsafePointer<Float>,
        into c: UnsafeMutablePointer<Float>,
        rows: Int, columns: Int, inner: Int,
        alpha: Float = 1, beta: Float = 0
    ) {
        guard rows > 0, columns > 0 else { return }
        let lda = transposeA == .none ? inner : rows
        let ldb = transposeB == .none ? columns : inner
        cblas_sgemm(
            CblasRowMajor,
            transposeA == .none ? CblasNoTrans : CblasTrans,
            transposeB == .none ? CblasNoTrans : CblasTrans,
            Int32(rows), Int32(columns), Int32(inner),
            alpha, a, Int32(max(lda, 1)), b, Int32(max(ldb, 1)),
            beta, c, Int32(max(columns, 1)))
    }

    /// How many threads OpenBLAS may use (its `OPENBLAS_NUM_THREADS`, or the core count).
    public static var threadCount: Int { Int(openblas_get_num_threads()) }

    /// Sets how many threads OpenBLAS may use.
    /// - Parameter count: Thread count (≥ 1).
    public static func setThreadCount(_ count: Int) {
        openblas_set_num_threads(Int32(max(1, count)))
    }

    /// Runs `body` with OpenBLAS limited to at most `count` threads, then lifts the limit.
    ///
    /// OpenBLAS's thread count is one setting for the whole process, so overlapping scopes on several
    /// threads are counted: the tightest open limit applies, and the count from before the first scope
    /// returns when the last one closes.
    /// - Parameters:
    ///   - count: Thread count (≥ 1); never raises the count.
    ///   - body: The work.
    public static func withThreadCount<T>(atMost count: Int, _ body: () throws -> T) rethrows -> T {
        ThreadLimits.shared.open(count)
        defer { ThreadLimits.shared.close(count) }
        return try body()
    }
}
