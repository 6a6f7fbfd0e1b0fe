import DCNCore
import DCNMath
import Foundation
import Testing
@testable import Training

@Suite("--scaling auto's check: a table takes the view under which k-means' model explains it best, in the input's units")
struct ScalingCheckTests {
    /// 300 rows of three classes. `classSpread` is how far apart the classes lie along the two features
    /// that tell them (each with within-class spread 0.3); `noiseSpread` is the spread of the
    /// `noiseColumns` features after them, which say nothing of the class.
    func table(classSpread: Float, noiseSpread: Float, noiseColumns: Int = 1) -> Matrix {
        var generator = SplitMix64(seed: 9)
        func gaussian() -> Float { Float(generator.nextGaussian()) }
        var values: [Float] = []
        for row in 0..<300 {
            let c = row % 3
            values += [classSpread * Float(c) + 0.3 * gaussian(), classSpread * Float(c % 2) + 0.3 * gaussian()]
            values += (0..<noiseColumns).map { _ in noiseSpread * gaussian() }
        }
        return Matrix(rows: 300, columns: 2 + noiseColumns, values: values)
    }

    func check(_ features: Matrix) -> ScalingCheck {
        ScalingCheck(features: features, clusterCount: 3, restarts: 5)
    }

    @Test("classes in two small features beside a noise feature spread about 30× wider: standardised, since on one scale k-means splits the noise")
    func smallFeaturesCarryTheClasses() {
        let result = check(table(classSpread: 2, noiseSpread: 30))
        #expect(result.candidates.map(\.scaling) == [.shared, .standardize], "a table with negative values has no log view")
        #expect(result.chosen == .standardize, "\(result.candidates)")
        #expect(result.reason.contains("standardised to mean 0 and variance 1") && result.reason.contains("shared -"), "\(result.reason)")
    }

    @Test("classes in the two widest features beside twenty narrow noise features: the shared scale stays, since standardising lets the noise decide")
    func wideFeaturesCarryTheClasses() {
        let result = check(table(classSpread: 8, noiseSpread: 0.5, noiseColumns: 20))
        #expect(result.chosen == .shared, "\(result.candidates)")
        #expect(result.reason.contains("one common spread"), "\(result.reason)")
    }

    @Test("amounts whose classes differ by a factor, with long right tails: the log view, where the classes are as far apart as their spread")
    func ratiosAreLogged() {
        var generator = SplitMix64(seed: 3)
        var values: [Float] = []
        for row in 0..<300 {
            let level = Double(row % 3) * 1.5
            values += (0..<4).map { _ in Float(exp(level + 0.4 * generator.nextGaussian()) * 100) }
        }
        let result = check(Matrix(rows: 300, columns: 4, values: values))
        #expect(result.candidates.map(\.scaling) == [.shared, .standardize, .log])
        #expect(result.chosen == .log, "\(result.candidates)")
        #expect(result.reason.contains("log(1 + x)"), "\(result.reason)")
    }

    @Test("multiplying every feature by one factor moves the shared and standardised figures by the same log-Jacobian, so their choice stays")
    func unitsDoNotMatter() {
        let features = table(classSpread: 2, noiseSpread: 10)
        var inMillimetres = features
        for index in inMillimetres.values.indices { inMillimetres.values[index] *= 10 }
        let a = check(features), b = check(inMillimetres)
        #expect(a.chosen == b.chosen)
        for (x, y) in zip(a.candidates, b.candidates) {
            // Scaling all D = 3 features by 10 divides the density by 10³: each figure drops by 3·log 10.
            #expect(abs((x.logLikelihood - y.logLikelihood) - 3 * log(10.0)) < 1e-3, "\(x) against \(y)")
        }
    }

    @Test("k-means' log-likelihood per sample: −(D/2)·log(2πσ²) − D/2 + Σ p·log p, σ² the within-cluster mean square")
    func likelihoodFormula() {
        // 4 points in 2-D, clusters of 3 and 1, squared error 6: σ² = 6 / 8 = 0.75.
        let value = ScalingCheck.logLikelihood(squaredError: 6, assignments: [0, 0, 0, 1], clusterCount: 2, dimensions: 2)
        let expected = -log(2 * Double.pi * 0.75) - 1 + 0.75 * log(0.75) + 0.25 * log(0.25)
        #expect(abs(value - expected) < 1e-12)
        #expect(ScalingCheck.logLikelihood(squaredError: 0, assignments: [0, 1], clusterCount: 2, dimensions: 1) == .infinity)
    }

    @Test("the log-Jacobian of a scaling by 1/s is −Σ log s; log(1 + x) adds −mean Σ log(1 + x)")
    func jacobian() {
        let table = Matrix(rows: 2, columns: 2, values: [0, 1, 2, 3])
        let halve = FittedScaling(mode: .standardize, offset: [0, 0], scale: [0.5, 0.25])
        #expect(abs(ScalingCheck.logJacobian(of: halve, on: table) - (log(0.5) + log(0.25))) < 1e-9)
        let logged = FittedScaling(mode: .log, offset: [0, 0], scale: [1, 1])
        #expect(abs(ScalingCheck.logJacobian(of: logged, on: table) + (log(1.0) + log(2.0) + log(3.0) + log(4.0)) / 2) < 1e-9)
    }

    @Test("a constant feature is left out, a tie goes to the earlier view, and the check draws the same whatever runs before it")
    func constantsTiesAndDeterminism() {
        let features = table(classSpread: 2, noiseSpread: 10)
        var widened = Matrix(rows: features.rows, columns: features.columns + 1)
        for row in 0..<features.rows {
            for column in 0..<features.columns { widened.values[row * widened.columns + column] = features.values[row * features.columns + column] }
            widened.values[row * widened.columns + features.columns] = 7
        }
        #expect(check(widened).candidates == check(features).candidates)
        #expect(check(features).candidates == check(features).candidates)
        let tie = ScalingCheck(candidates: [.init(scaling: .shared, logLikelihood: -2), .init(scaling: .standardize, logLikelihood: -2)])
        #expect(tie.chosen == .shared)
        #expect(ScalingCheck(candidates: []).chosen == .standardize)
        // Two distinct rows and k = 3: no view's clusters hold any spread.
        let twoRows = Matrix(rows: 6, columns: 2, values: [1, 5, 2, 7, 1, 5, 2, 7, 1, 5, 2, 7])
        let spreadless = ScalingCheck(features: twoRows, clusterCount: 3, restarts: 2)
        #expect(spreadless.chosen == .shared && spreadless.reason.contains("no spread in any view"), "\(spreadless.reason)")
    }

    @Test("a table of more than 10,000 rows is judged on 10,000 evenly spaced rows")
    func largeTablesAreSampled() {
        let big = Matrix(rows: 25_000, columns: 1, values: (0..<25_000).map(Float.init))
        let rows = ScalingCheck.evenlySpacedRows(of: big)
        #expect(rows.rows == ScalingCheck.sampleCap && ScalingCheck.sampleCap == 10_000)
        #expect(rows.values.prefix(3) == [0, 2, 5] && rows.values.last == 24_997)
    }
}
