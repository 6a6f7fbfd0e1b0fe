import Foundation

/// Barnes–Hut t-SNE in two dimensions (van der Maaten, JMLR 2014), with the usual optimisation: early
/// exaggeration, momentum and per-coordinate gains. Deterministic: no random draws (the start is given,
/// e.g. PCA), and the parallel force computation writes per point and sums in a fixed order.
public struct TSNE: Sendable {
    /// The effective number of neighbours.
    public var perplexity = 30.0
    /// Barnes–Hut accuracy: a cell is one mass when its width is below `theta` times its distance (0: exact).
    public var theta = 0.5
    /// Iterations with the attraction multiplied by ``exaggeration``, to form clusters first.
    public var exaggerationIterations = 250
    /// The early exaggeration factor.
    public var exaggeration = 12.0
    /// Iterations after the exaggeration.
    public var iterations = 500
    /// Multiplies the learning rate max(n / exaggeration, 50) (Belkina et al., Nat. Commun. 2019); a warm
    /// start that should only follow small changes uses less.
    public var learningRateScale = 1.0

    /// Creates the default settings (perplexity 30, θ = 0.5, 250 + 500 iterations).
    public init() {}

    /// Embeds `points` (row-major, `count × dimensions`) in 2-D from `start` (2 values per point).
    /// - Returns: x and y per point, interleaved (x₀, y₀, x₁, y₁, …).
    public func embed(points: [Float], count: Int, dimensions: Int, start: [Double]) -> [Double] {
        precondition(start.count == 2 * count, "the start needs 2 values per point")
        guard count >= 4 else { return start }
        let p = Affinities(points: points, count: count, dimensions: dimensions, perplexity: perplexity)
        var y = start
        var update = [Double](repeating: 0, count: 2 * count), gains = [Double](repeating: 1, count: 2 * count)
        let rate = max(Double(count) / exaggeration, 50) * learningRateScale
        for iteration in 0..<(exaggerationIterations + iterations) {
            let early = iteration < exaggerationIterations
            let gradient = Self.gradient(p, y, exaggeration: early ? exaggeration : 1, theta: theta)
            let momentum = early ? 0.5 : 0.8
            for i in 0..<(2 * count) {
                let sameSign = (gradient[i] > 0) == (update[i] > 0)
                gains[i] = max(sameSign ? gains[i] * 0.8 : gains[i] + 0.2, 0.01)
                update[i] = momentum * update[i] - rate * gains[i] * gradient[i]
                y[i] += update[i]
            }
            // Keep the embedding centred (the cost does not see translations).
            for axis in 0..<2 {
                let mean = stride(from: axis, to: 2 * count, by: 2).reduce(0.0) { $0 + y[$1] } / Double(count)
                for i in stride(from: axis, to: 2 * count, by: 2) { y[i] -= mean }
            }
        }
        return y
    }

    /// The start t-SNE uses by default: the first two principal components, scaled to a standard
    /// deviation of 10⁻⁴ along the first (Kobak & Linderman, Nat. Biotechnol. 2021).
    public static func pcaStart(points: [Float], count: Int, dimensions: Int, components: (first: [Double], second: [Double], mean: [Double]))
        -> [Double]
    {
        var y = [Double](repeating: 0, count: 2 * count)
        for i in 0..<count {
            var a = 0.0, b = 0.0
            for j in 0..<dimensions {
                let centred = Double(points[i * dimensions + j]) - components.mean[j]
                a += centred * components.first[j]
                b += centred * components.second[j]
            }
            y[2 * i] = a
            y[2 * i + 1] = b
        }
        let std = (stride(from: 0, to: 2 * count, by: 2).reduce(0.0) { $0 + y[$1] * y[$1] } / Double(max(count, 1))).squareRoot()
        return std > 0 ? y.map { $0 / std * 1e-4 } : y
    }

    /// The gradient of KL(P‖Q) at `y` (interleaved x, y), the attraction multiplied by `exaggeration`,
    /// the repulsion by Barnes–Hut with `theta` (0 gives the exact sum).
    public static func gradient(_ p: Affinities, _ y: [Double], exaggeration: Double, theta: Double) -> [Double] {
        let n = y.count / 2
        var xs = [Double](repeating: 0, count: n), ys = [Double](repeating: 0, count: n)
        for i in 0..<n {
            xs[i] = y[2 * i]
            ys[i] = y[2 * i + 1]
        }
        // Per point: attraction (x, y), repulsion (x, y) and its share of Z, written by one thread each.
        var parts = [Double](repeating: 0, count: 5 * n)
        xs.withUnsafeBufferPointer { xBuffer in
            ys.withUnsafeBufferPointer { yBuffer in
                let tree = QuadTree(xs: xBuffer, ys: yBuffer)
                let xs = SharedBuffer(xBuffer), ys = SharedBuffer(yBuffer)
                parts.withUnsafeMutableBufferPointer { buffer in
                    let out = SharedBuffer(buffer)
                    parallelChunks(n) { range in
                        for i in range {
                            let (rx, ry, z) = tree.repulsion(of: i, theta: theta)
                            var ax = 0.0, ay = 0.0
                            for entry in p.rowStarts[i]..<p.rowStarts[i + 1] {
                                let j = p.columns[entry]
                                let dx = xs[i] - xs[j], dy = ys[i] - ys[j]
                                let q = 1 / (1 + dx * dx + dy * dy)
                                ax += p.values[entry] * q * dx
                                ay += p.values[entry] * q * dy
                            }
                            out[5 * i] = ax
                            out[5 * i + 1] = ay
                            out[5 * i + 2] = rx
                            out[5 * i + 3] = ry
                            out[5 * i + 4] = z
                        }
                    }
                }
            }
        }
        var z = 0.0
        for i in 0..<n { z += parts[5 * i + 4] }
        z = max(z, .leastNonzeroMagnitude)
        var gradient = [Double](repeating: 0, count: 2 * n)
        for i in 0..<n {
            gradient[2 * i] = 4 * (exaggeration * parts[5 * i] - parts[5 * i + 2] / z)
            gradient[2 * i + 1] = 4 * (exaggeration * parts[5 * i + 1] - parts[5 * i + 3] / z)
        }
        return gradient
    }

    /// The exact gradient, O(n²), for checking the Barnes–Hut one: ∂KL/∂y_i = 4 Σ_j (p_ij − q_ij) q'_ij (y_i − y_j)
    /// with q'_ij = 1/(1 + ‖y_i − y_j‖²) and q_ij = q'_ij / Σ_{k≠l} q'_kl (van der Maaten & Hinton, 2008).
    public static func exactGradient(_ p: Affinities, _ y: [Double]) -> [Double] {
        let n = y.count / 2
        var dense = [Double](repeating: 0, count: n * n)
        for i in 0..<n { for entry in p.rowStarts[i]..<p.rowStarts[i + 1] { dense[i * n + p.columns[entry]] = p.values[entry] } }
        var z = 0.0
        for i in 0..<n {
            for j in 0..<n where i != j {
                let dx = y[2 * i] - y[2 * j], dy = y[2 * i + 1] - y[2 * j + 1]
                z += 1 / (1 + dx * dx + dy * dy)
            }
        }
        var gradient = [Double](repeating: 0, count: 2 * n)
        for i in 0..<n {
            for j in 0..<n where i != j {
                let dx = y[2 * i] - y[2 * j], dy = y[2 * i + 1] - y[2 * j + 1]
                let q = 1 / (1 + dx * dx + dy * dy)
                gradient[2 * i] += 4 * (dense[i * n + j] - q / z) * q * dx
                gradient[2 * i + 1] += 4 * (dense[i * n + j] - q / z) * q * dy
            }
        }
        return gradient
    }

    /// KL(P‖Q) at `y`, exactly (O(n²)), for checking gradients by finite differences.
    public static func cost(_ p: Affinities, _ y: [Double]) -> Double {
        let n = y.count / 2
        var z = 0.0
        for i in 0..<n {
            for j in 0..<n where i != j {
                let dx = y[2 * i] - y[2 * j], dy = y[2 * i + 1] - y[2 * j + 1]
                z += 1 / (1 + dx * dx + dy * dy)
            }
        }
        var kl = 0.0
        for i in 0..<n {
            for entry in p.rowStarts[i]..<p.rowStarts[i + 1] where p.values[entry] > 0 {
                let j = p.columns[entry]
                let dx = y[2 * i] - y[2 * j], dy = y[2 * i + 1] - y[2 * j + 1]
                kl += p.values[entry] * log(p.values[entry] / (1 / (1 + dx * dx + dy * dy) / z))
            }
        }
        return kl
    }
}
