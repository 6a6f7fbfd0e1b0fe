import Clustering
public import DCNCore
import DCNMath
import Foundation

/// `--scaling auto`'s check for a table whose features' spreads lie close enough to keep (the data set's
/// preferred scaling, `shared`): k-means on the shared and on the standardised features, and each
/// labelling's normalised cut on both scaled views' neighbour graphs, summed. Standardising replaces the
/// shared scale when its sum is lower by the margin (``JudgeRule/scalingCheck(clusterCount:)``): a
/// labelling that only one view's geometry supports cuts the other view's graph badly.
///
/// Its draws use seed 0 whatever the run's seed, so every seed of a table trains on the same scaling.
public struct ScalingCheck: Sendable {
    /// k-means on the shared features: its normalised cuts on both views' graphs, summed.
    public let sharedCut: Double
    /// k-means on the standardised features: its normalised cuts on both views' graphs, summed.
    public let standardizedCut: Double
    /// How much lower the standardised sum must be.
    public let margin: Double
    /// Whether every value of the table is 0 or more: then standardising means `log`, log(1 + x) first.
    public let nonNegative: Bool

    /// The seed of the check's draws, whatever the run's.
    static let seed: UInt64 = 0

    /// Judges the shared scale of `features` against standardising them.
    /// - Parameters:
    ///   - features: The unscaled table (rows are samples).
    ///   - clusterCount: k.
    ///   - restarts: k-means restarts (the run's).
    public init(features: Matrix, clusterCount: Int, restarts: Int) {
        margin = JudgeRule.scalingCheck(clusterCount: clusterCount).margin
        nonNegative = features.isNonNegative
        let views = [FeatureScaling.shared, .standardize].map { scaling -> Matrix in
            var view = features
            scaling.apply(to: &view)
            return view
        }
        let labellings = views.map { view -> [Int32] in
            var generator = SplitMix64.stream(seed: Self.seed, .inputKMeans)
            return KMeans(clusterCount: clusterCount, restarts: restarts).fit(view, using: &generator).assignments
        }
        // Both graphs draw the same subsample: one stream, restarted.
        let graphs = views.map { view -> NeighbourGraph in
            var generator = SplitMix64.stream(seed: Self.seed, .inputJudge)
            return NeighbourGraph(
                points: view, neighbours: DecisionTuning.graphNeighbours,
                sampleCap: DecisionTuning.graphSampleCap,
                using: &generator)
        }
        let sums = labellings.map { labels in graphs.reduce(0) { $0 + $1.normalizedCut(of: labels, clusterCount: clusterCount) } }
        sharedCut = sums[0]
        standardizedCut = sums[1]
    }

    /// Whether standardising wins.
    public var standardizes: Bool {
        JudgeRule(margin: margin, fitVeto: nil)
            .challengerWins(JudgedLabelling(cut: standardizedCut, fit: nil), over: JudgedLabelling(cut: sharedCut, fit: nil))
    }

    /// The scaling the run uses: when standardising wins, `log` for a table of non-negative values, as
    /// `--scaling auto` standardises such tables (docs/benchmark.md, *Skewed tables and the log scale*).
    public var chosen: FeatureScaling { standardizes ? FeatureScaling.autoStandardizing(nonNegative: nonNegative).scaling : .shared }

    /// The check in words for the report, to follow the table's own reason for the shared scale.
    public var reason: String {
        let sums = "\(Self.twoPlaces(standardizedCut)) against \(Self.twoPlaces(sharedCut)), margin \(Self.twoPlaces(margin))"
        return standardizes
            ? "k-means on the standardised features cuts both views' neighbour graphs clearly lower (\(sums)): \(FeatureScaling.autoStandardizing(nonNegative: nonNegative).words)"
            : "k-means on the standardised features does not cut both views' neighbour graphs clearly lower (\(sums)): centred and divided by one common spread, keeping their relative weight"
    }

    private static func twoPlaces(_ value: Double) -> String { String(format: "%.2f", value) }
}
