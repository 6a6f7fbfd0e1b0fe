/// Small loops written with explicit SIMD: Swift keeps floating-point sums in source order, so a plain
/// `sum += diff * diff` loop is never vectorised. Results depend only on the inputs, never on threads.
enum VectorKernels {
    /// ‖a − b‖² over `count` values, accumulated in 16 lanes.
    @inline(__always)
    static func squaredDistance(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, count: Int) -> Float {
        let vectors = count / 16
        var lanes = SIMD16<Float>()
        let ra = UnsafeRawPointer(a), rb = UnsafeRawPointer(b)
        for v in 0..<vectors {
            let diff =
                ra.loadUnaligned(fromByteOffset: v * 64, as: SIMD16<Float>.self)
                - rb.loadUnaligned(fromByteOffset: v * 64, as: SIMD16<Float>.self)
            lanes += diff * diff
        }
        var sum = lanes.sum()
        for j in (vectors * 16)..<count {
            let diff = a[j] - b[j]
            sum += diff * diff
        }
        return sum
    }

    /// `target[j] += sign · Double(row[j])` for `count` values, 8 at a time.
    @inline(__always)
    static func accumulate(_ row: UnsafePointer<Float>, into target: UnsafeMutablePointer<Double>, count: Int, sign: Double = 1) {
        let vectors = count / 8
        let source = UnsafeRawPointer(row), destination = UnsafeMutableRawPointer(target)
        for v in 0..<vectors {
            let values = sign * SIMD8<Double>(source.loadUnaligned(fromByteOffset: v * 32, as: SIMD8<Float>.self))
            let current = destination.loadUnaligned(fromByteOffset: v * 64, as: SIMD8<Double>.self)
            destination.storeBytes(of: current + values, toByteOffset: v * 64, as: SIMD8<Double>.self)
        }
        for j in (vectors * 8)..<count { target[j] += sign * Double(row[j]) }
    }
}
