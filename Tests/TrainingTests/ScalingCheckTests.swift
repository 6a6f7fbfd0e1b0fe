import DCNCore
import DCNMath
import Testing
@testable import Training

@Suite("--scaling auto's check: the shared scale stays only when k-means finds clearly clearer clusters in it; a tie is standardised")
struct ScalingCheckTests {
    /// 300 rows of three classes. `classSpread` is how far apart the classes lie along the two features
    /// that tell them (each with within-class spread 0.3); `noiseSpread` is the spread of the
    /// `noiseColumns` features after them, which say nothing of the class.
    func table(classSpread: Float, noiseSpread: Float, noiseColumns: Int = 1) -> (features: Matrix, labels: [Int32]) {
        var generator = SplitMix64(seed: 9)
        func gaussian() -> Float { Float(generator.nextGaussian()) }
        var values: [Float] = [], labels: [Int32] = []
        for row in 0..<300 {
            let c = row % 3
            values += [classSpread * Float(c) + 0.3 * gaussian(), classSpread * Float(c % 2) + 0.3 * gaussian()]
            values += (0..<noiseColumns).map { _ in noiseSpread * gaussian() }
            labels.append(Int32(c))
        }
        return (Matrix(rows: 300, columns: 2 + noiseColumns, values: values), labels)
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
        "classes in the two widest features beside twenty narrow noise features: the shared scale stays, because standardising lets the noise decide"
    )
    func wideFeaturesCarryTheClasses() {
        let (features, _) = table(classSpread: 8, noiseSpread: 0.5, noiseColumns: 20)
        let result = check(features)
        #expect(
            result.sharedContrast + ScalingCheck.contrastMargin < result.standardizedContrast,
            "standardised \(result.standardizedContrast) against shared \(result.sharedContrast)")
        #expect(result.sharedIsClearer && !result.standardizes && result.chosen == .shared)
        #expect(result.reason.contains("less clear clusters") && result.reason.contains("one common spread"), "\(result.reason)")
    }

    @Test(
        "classes in the widest features beside one small noise feature: both views split cleanly, the contrasts tie, and a tie is standardised"
    )
    func clearInBothViewsIsStandardised() {
        let (features, _) = table(classSpread: 8, noiseSpread: 0.5)
        let result = check(features)
        #expect(result.contrastsTie, "standardised \(result.standardizedContrast) against shared \(result.sharedContrast)")
        #expect(result.standardizes && result.chosen == .standardize)
        #expect(
            result.reason.contains("as clear in both views") && result.reason.contains("no reason to keep on one scale")
                && result.reason.contains("standardised to mean 0 and variance 1"), "\(result.reason)")
    }

    @Test("the shared scale stays only when its contrast is lower by more than 0.1; a tie, either way, is standardised")
    func sharedOnlyWhenClearlyClearer() {
        func judged(_ shared: Double, _ standardized: Double, nonNegative: Bool = false) -> ScalingCheck {
            ScalingCheck(sharedContrast: shared, standardizedContrast: standardized, nonNegative: nonNegative)
        }
        // Loud noise: the shared view is a cloud k-means splits (contrast 1.0).
        let loudNoise = judged(1.0, 0.84)
        #expect(!loudNoise.contrastsTie && loudNoise.standardizes)
        #expect(loudNoise.reason.contains("finds clearer clusters in the standardised features"), "\(loudNoise.reason)")
        let clearerShared = judged(0.62, 0.99)
        #expect(!clearerShared.contrastsTie && clearerShared.sharedIsClearer && !clearerShared.standardizes)
        // Both clouds (noise-190: 0.96 against 0.99), or the shared view a little clearer: a tie.
        for (shared, standardized) in [(0.99, 0.96), (1.02, 1.02), (0.93, 0.88), (0.80, 0.90)] {
            let tie = judged(shared, standardized)
            #expect(tie.contrastsTie && !tie.sharedIsClearer && tie.standardizes, "\(shared) against \(standardized)")
            #expect(tie.reason.contains("as clear in both views") && !tie.reason.contains("less clear"), "\(tie.reason)")
        }
        // Exactly 0.1 apart is still a tie.
        #expect(judged(0.0, 0.1).contrastsTie && judged(0.0, 0.1).standardizes)
        #expect(judged(0.79, 0.90).sharedIsClearer)
        // A table with no negative value: a tie is log-scaled, a clearly clearer shared view stays shared.
        let nonNegativeTie = judged(0.94, 0.90, nonNegative: true)
        #expect(nonNegativeTie.chosen == .log && nonNegativeTie.reason.contains("as clear in both views"), "\(nonNegativeTie.reason)")
        #expect(nonNegativeTie.reason.contains("log(1 + x)"), "\(nonNegativeTie.reason)")
        #expect(judged(0.62, 0.99, nonNegative: true).chosen == .shared)
    }

    @Test("the contrast margin is 0.1, and the check draws the same whatever runs before it")
    func marginAndDeterminism() {
        let (features, _) = table(classSpread: 2, noiseSpread: 10)
        let first = check(features), second = check(features)
        #expect(ScalingCheck.contrastMargin == 0.1)
        #expect(first.sharedContrast == second.sharedContrast && first.standardizedContrast == second.standardizedContrast)
    }
}
