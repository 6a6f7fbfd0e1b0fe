/// Reordering a Fortran-order (column-major) array's values into C order (row-major).
enum FortranOrder {
    /// The values of an array of `shape` stored with its first axis varying fastest, rearranged so its
    /// last axis varies fastest; the shape is unchanged.
    /// - Parameters:
    ///   - stored: The values as the file stores them.
    ///   - shape: The array's shape, outermost first.
    /// - Returns: The same array in C order.
    static func toCOrder<Element>(_ stored: [Element], shape: [Int]) -> [Element] {
        guard shape.count >= 2, !stored.isEmpty else { return stored }
        // Fortran strides: axis a advances by the product of the dimensions before it.
        var fortranStrides = [Int](repeating: 1, count: shape.count)
        for axis in 1..<shape.count { fortranStrides[axis] = fortranStrides[axis - 1] * shape[axis - 1] }
        var result = [Element]()
        result.reserveCapacity(stored.count)
        var index = [Int](repeating: 0, count: shape.count)
        var source = 0
        for _ in 0..<stored.count {
            result.append(stored[source])
            // Advance the C-order multi-index (last axis fastest), tracking the Fortran offset.
            var axis = shape.count - 1
            while axis >= 0 {
                index[axis] += 1
                source += fortranStrides[axis]
                if index[axis] < shape[axis] { break }
                source -= fortranStrides[axis] * shape[axis]
                index[axis] = 0
                axis -= 1
            }
        }
        return result
    }
}
