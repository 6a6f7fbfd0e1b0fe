import DCNCore
import DCNMath
import Testing

@Suite("Principal components by LAPACK's symmetric eigensolver")
struct PrincipalComponentsTests {
    /// 400 points of a correlated 2-D Gaussian, drawn with a fixed seed.
    func correlatedPoints() -> Matrix {
        var generator = SplitMix64(seed: 3)
        var values: [Float] = []
        for _ in 0..<400 {
            let u = Float(generator.nextGaussian()), v = Float(generator.nextGaussian())
            values += [3 * u + 5, 2 * u + 0.5 * v - 1]
        }
        return Matrix(rows: 400, columns: 2, values: values)
    }

    @Test("the variances are the eigenvalues of the 2 × 2 covariance in closed form, largest first")
    func closedFormEigenvalues() {
        let points = correlatedPoints()
        let n = Double(points.rows)
        let xs = (0..<points.rows).map { Double(points[$0, 0]) }, ys = (0..<points.rows).map { Double(points[$0, 1]) }
        let mx = xs.reduce(0, +) / n, my = ys.reduce(0, +) / n
        let a = xs.reduce(0) { $0 + ($1 - mx) * ($1 - mx) } / n
        let c = ys.reduce(0) { $0 + ($1 - my) * ($1 - my) } / n
        let b = zip(xs, ys).reduce(0) { $0 + ($1.0 - mx) * ($1.1 - my) } / n
        let root = (((a - c) / 2) * ((a - c) / 2) + b * b).squareRoot()
        let components = PrincipalComponents(of: points)
        #expect(abs(components.variances[0] - ((a + c) / 2 + root)) < 1e-3 * components.variances[0])
        #expect(abs(components.variances[1] - ((a + c) / 2 - root)) < 1e-3 * components.variances[0])
        #expect(abs(Double(components.means[0]) - mx) < 1e-4 && abs(Double(components.means[1]) - my) < 1e-4)
    }

    @Test("the axes are orthonormal, and the projection's variance along each is that axis's variance")
    func projectionVariances() {
        let points = correlatedPoints()
        let components = PrincipalComponents(of: points)
        let axes = components.axes
        let dot = { (i: Int, j: Int) in (0..<2).reduce(Float(0)) { $0 + axes[i, $1] * axes[j, $1] } }
        #expect(abs(dot(0, 0) - 1) < 1e-5 && abs(dot(1, 1) - 1) < 1e-5 && abs(dot(0, 1)) < 1e-5)
        let projected = components.project(points, count: 2)
        for axis in 0..<2 {
            let column = (0..<projected.rows).map { Double(projected[$0, axis]) }
            let mean = column.reduce(0, +) / Double(column.count)
            let variance = column.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(column.count)
            #expect(abs(mean) < 1e-3)
            #expect(abs(variance - components.variances[axis]) < 1e-3 * components.variances[0], "axis \(axis)")
        }
        #expect(components.project(points, count: 1).columns == 1)
    }
}
