import DCNCore
import DCNMath
import Testing
import Training

@Suite("--scaling auto's check: standardising replaces the shared scale only when k-means on it cuts both views' graphs clearly lower")
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
        #expect(result.standardizes, "standardised \(result.standardizedCut) against shared \(result.sharedCut)")
        #expect(result.chosen == .standardize)
        #expect(result.standardizedCut + result.margin < result.sharedCut)
        #expect(result.reason.contains("clearly lower") && result.reason.contains("standardised to mean 0 and variance 1"), "\(result.reason)")
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
        #expect(result.reason.contains("clearly lower") && result.reason.contains("log(1 + x)"), "\(result.reason)")
    }

    @Test("classes in the widest features beside small noise: shared, whose k-means already finds them")
    func wideFeaturesCarryTheClasses() {
        let (features, _) = table(classSpread: 8, noiseSpread: 0.5)
        let result = check(features)
        #expect(!result.standardizes, "standardised \(result.standardizedCut) against shared \(result.sharedCut)")
        #expect(result.chosen == .shared)
        #expect(result.reason.contains("does not cut") && result.reason.contains("one common spread"), "\(result.reason)")
    }

    @Test("the margin is the end judge's, 0.02 per cluster, and the check draws the same whatever runs before it")
    func marginAndDeterminism() {
        let (features, _) = table(classSpread: 2, noiseSpread: 10)
        let first = check(features), second = check(features)
        #expect(abs(first.margin - 0.06) < 1e-12)
        #expect(first.sharedCut == second.sharedCut && first.standardizedCut == second.standardizedCut)
    }
}
