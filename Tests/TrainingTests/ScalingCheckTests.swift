import DCNCore
import DCNMath
import Testing
@testable import Training

@Suite("--scaling auto's check: standardising replaces the shared scale only when k-means finds clearly clearer clusters in it")
struct ScalingCheckTests {
    /// 300 rows of three classes. `classSpread` is how far apart the classes lie along the two features
    /// that tell them (each with within-class spread 0.3); `noiseSpread` is the spread of a third
    /// feature that says nothing of the class.
    func table(classSpread: Float, noiseSpread: Float) -> (features: Matrix, labels: [Int32]) {
        var generator = SplitMix64(seed: 9)
        func gaussian() -> Float { Float(generator.nextGaussian()) }
        var values: [Float] = [], labels: [Int32] = []
        for row in 0..<300 {
            let c = row % 3
            values += [classSpread * Float(c) + 0.3 * gaussian(), classSpread * Float(c % 2) + 0.3 * gaussian(), noiseSpread * gaussian()]
            labels.append(Int32(c))
        }
        return (Matrix(rows: 300, columns: 3, values: values), labels)
    }

    func check(_ features: Matrix) -> ScalingCheck {
        ScalingCheck(features: features, clusterCount: 3, restarts: 5)
    }

    @Test(
        "classes in two small features beside a noise feature spread about 10× wider: standardised, because the shared view's k-means splits the noise"
    )
    func smallFeaturesCarryTheClasses() {
        let (features, _) = table(classSpread: 2, noiseSpread: 10)
        let result = check(features)
        #expect(result.standardizes, "standardised \(result.standardizedContrast) against shared \(result.sharedContrast)")
        #expect(result.chosen == .standardize)
        #expect(result.standardizedContrast + ScalingCheck.contrastMargin < result.sharedContrast)
        #expect(result.sharedContrast > 0.8, "the shared view's k-means splits a cloud without clusters: \(result.sharedContrast)")
        #expect(
            result.reason.contains("finds clearer clusters") && result.reason.contains("standardised to mean 0 and variance 1"), "\(result.reason)")
    }

    @Test(
        "the same table moved to positive values: where standardising wins, the run log-scales, as auto does any non-negative table it would standardise"
    )
    func nonNegativeTableIsLogScaled() {
        var (features, _) = table(classSpread: 2, noiseSpread: 10)
        let lowest = features.values.min() ?? 0
        for index in features.values.indices { features.values[index] -= lowest }
        let result = check(features)
        #expect(result.nonNegative && result.standardizes)
        #expect(result.chosen == .log)
        #expect(result.reason.contains("finds clearer clusters") && result.reason.contains("log(1 + x)"), "\(result.reason)")
    }

    @Test(
        "classes in the widest features beside small noise: both views split cleanly, so the contrasts tie and the sums keep the shared scale"
    )
    func wideFeaturesCarryTheClasses() {
        let (features, _) = table(classSpread: 8, noiseSpread: 0.5)
        let result = check(features)
        #expect(!result.contrastDecides, "standardised \(result.standardizedContrast) against shared \(result.sharedContrast)")
        #expect(!result.standardizes && result.chosen == .shared)
        #expect(
            result.reason.contains("as clear in both views") && result.reason.contains("not clearly lower")
                && result.reason.contains("one common spread"), "\(result.reason)")
    }

    @Test("the contrasts decide when they lie more than 0.1 apart, whatever the sums say; within 0.1 the sums decide by 0.02 per cluster")
    func contrastFirstThenSums() {
        func judged(_ shared: Double, _ standardized: Double, sums: (shared: Double, standardized: Double)) -> ScalingCheck {
            ScalingCheck(
                sharedContrast: shared, standardizedContrast: standardized, sharedCut: sums.shared, standardizedCut: sums.standardized,
                margin: 0.06, nonNegative: false)
        }
        // Loud noise: the shared view is a cloud k-means splits (contrast 1.0), yet the sums favour it.
        let loudNoise = judged(1.0, 0.84, sums: (shared: 2.6, standardized: 3.4))
        #expect(loudNoise.contrastDecides && loudNoise.standardizes)
        #expect(loudNoise.reason.contains("finds clearer clusters in the standardised features"), "\(loudNoise.reason)")
        let clearerShared = judged(0.62, 0.99, sums: (shared: 3.0, standardized: 2.0))
        #expect(clearerShared.contrastDecides && !clearerShared.standardizes)
        // Within 0.1 the sums decide, with their own margin.
        let tieStandardized = judged(0.99, 0.96, sums: (shared: 8.39, standardized: 8.07))
        #expect(!tieStandardized.contrastDecides && tieStandardized.standardizes)
        #expect(
            tieStandardized.reason.contains("as clear in both views") && tieStandardized.reason.contains("graphs clearly lower")
                && !tieStandardized.reason.contains("not clearly lower"), "\(tieStandardized.reason)"
        )
        #expect(!judged(0.99, 0.96, sums: (shared: 8.39, standardized: 8.34)).standardizes)
        #expect(!judged(0.90, 0.82, sums: (shared: 1.0, standardized: 1.0)).contrastDecides)
    }

    @Test("the contrast margin is 0.1 whatever k, the sums' the end judge's 0.02 per cluster, and the check draws the same whatever runs before it")
    func marginsAndDeterminism() {
        let (features, _) = table(classSpread: 2, noiseSpread: 10)
        let first = check(features), second = check(features)
        #expect(ScalingCheck.contrastMargin == 0.1)
        #expect(abs(first.margin - 0.06) < 1e-12)
        #expect(first.sharedContrast == second.sharedContrast && first.standardizedContrast == second.standardizedContrast)
        #expect(first.sharedCut == second.sharedCut && first.standardizedCut == second.standardizedCut)
    }
}
