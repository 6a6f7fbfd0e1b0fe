/// A dense, row-major matrix of `Float` values.
///
/// Row `r` occupies `values[r * columns ..< (r + 1) * columns]`. This is the layout every
/// stage exchanges: data sets (samples × features), latent codes (samples × latent dimensions),
/// cluster centres (clusters × latent dimensions) and NumPy's C order.
public struct Matrix: Equatable, Sendable {
    /// Number of rows.
    public let rows: Int
    /// Number of columns.
    public let columns: Int
    /// The values, row after row.
    public var values: [Float]

    /// Creates a matrix filled with `value`.
    /// - Parameters:
    ///   - rows: Number of rows (≥ 0).
    ///   - columns: Number of columns (≥ 0).
    ///   - value: The value of every entry.
    public init(rows: Int, columns: Int, repeating value: Float = 0) {
        precondition(rows >= 0 && columns >= 0, "matrix dimensions must not be negative")
        self.rows = rows
        self.columns = columns
        self.values = [Float](repeating: value, count: rows * columns)
    }

    /// Creates a matrix from row-major values.
    /// - Parameters:
    ///   - rows: Number of rows.
    ///   - columns: Number of columns.
    ///   - values: `rows * columns` values, row after row.
    public init(rows: Int, columns: Int, values: [Float]) {
        precondition(values.count == rows * columns, "expected \(rows * columns) values, got \(values.count)")
        self.rows = rows
        self.columns = columns
        self.values = values
    }

    /// The entry at `row`, `column`.
    public subscript(row: Int, column: Int) -> Float {
        get { values[row * columns + column] }
        set { values[row * columns + column] = newValue }
    }

    /// A copy of one row.
    /// - Parameter index: The row index.
    /// - Returns: The row's `columns` values.
    public func row(_ index: Int) -> [Float] {
        Array(values[index * columns..<(index + 1) * columns])
    }

    /// A new matrix holding the given rows, in the given order.
    /// - Parameter indices: Row indices into this matrix.
    /// - Returns: A `indices.count × columns` matrix.
    public func rows(_ indices: [Int]) -> Matrix {
        var result = Matrix(rows: indices.count, columns: columns)
        result.values.withUnsafeMutableBufferPointer { destination in
            values.withUnsafeBufferPointer { source in
                for (outRow, inRow) in indices.enumerated() {
                    let from = source.baseAddress! + inRow * columns
                    (destination.baseAddress! + outRow * columns).update(from: from, count: columns)
                }
            }
        }
        return result
    }

    /// A new matrix holding the given columns, in the given order.
    /// - Parameter indices: Column indices into this matrix.
    /// - Returns: A `rows × indices.count` matrix.
    public func columns(_ indices: [Int]) -> Matrix {
        guard indices != Array(0..<columns) else { return self }
        var result = Matrix(rows: rows, columns: indices.count)
        for row in 0..<rows {
            for (outColumn, inColumn) in indices.enumerated() {
                result.values[row * indices.count + outColumn] = values[row * columns + inColumn]
            }
        }
        return result
    }

    /// Whether every entry is finite (neither NaN nor infinite).
    public var isFinite: Bool { values.allSatisfy { $0.isFinite } }
}
