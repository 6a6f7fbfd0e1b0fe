import Clustering
public import DCNCore
import DCNMath
import Foundation

/// `--scaling auto`'s check for a table whose features' spreads lie close enough to keep (the data set's
/// preferred scaling, `shared`): whether the standardised features should replace the shared ones. k-means
/// labels each view, and two figures judge the labellings, the first unless it ties:
///
/// 1. **Contrast** (0.9.0): each labelling's normalised cut of its own view's neighbour graph over the cut
///    k-means makes of an unclustered reference of that view (``ClusterContrast``): near 1 when k-means only
///    splits a cloud (columns of loud noise decide the shared view's distances), well under 1 when its
///    clusters are real. The view whose contrast is lower by more than ``contrastMargin`` wins.
/// 2. **Cuts on both graphs** (0.5.0), when the contrasts tie: each labelling's cuts of both views' graphs,
///    summed. Standardising wins when its sum is lower by the margin
///    (``JudgeRule/scalingCheck(clusterCount:)``): a labelling that only one view's geometry supports cuts
///    the other view's graph badly.
///
/// Its draws use seed 0 whatever the run's seed, so every seed of a table trains on the same scaling.
public struct ScalingCheck: Sendable {
    /// The shared features' contrast: their k-means labelling's cut over the reference's.
    public let sharedContrast: Double
    /// The standardised features' contrast.
    public let standardizedContrast: Double
    /// k-means on the shared features: its normalised cuts on both views' graphs, summed.
    public let sharedCut: Double
    /// k-means on the standardised features: its normalised cuts on both views' graphs, summed.
    public let standardizedCut: Double
    /// How much lower the standardised sum of cuts must be, when the contrasts tie.
    public let margin: Double
    /// Whether every value of the table is 0 or more: then standardising means `log`, log(1 + x) first.
    public let nonNegative: Bool

    /// How much lower one view's contrast must be to decide: chosen on the benchmark's development half
    /// against 0.05 and 0.2 (docs/benchmark.md, *The scaling check's contrast*).
    public static let contrastMargin = 0.1

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
        let kmeans = KMeans(clusterCount: clusterCount, restarts: restarts)
        // Both graphs draw the same subsample: one stream, restarted for each view.
        let labelled = views.map { ClusterContrast.labelledGraph(of: $0, kmeans: kmeans, seed: Self.seed) }
        let labellings = labelled.map(\.labels), graphs = labelled.map(\.graph)
        let contrasts = views.indices.map { index in
            ClusterContrast(
                cut: graphs[index].normalizedCut(of: labellings[index], clusterCount: clusterCount), on: graphs[index],
                of: views[index], kmeans: kmeans, seed: Self.seed
            ).contrast
        }
        sharedContrast = contrasts[0]
        standardizedContrast = contrasts[1]
        let sums = labellings.map { labels in graphs.reduce(0) { $0 + $1.normalizedCut(of: labels, clusterCount: clusterCount) } }
        sharedCut = sums[0]
        standardizedCut = sums[1]
    }

    /// A check with the given figures (for tests of the rule).
    init(sharedContrast: Double, standardizedContrast: Double, sharedCut: Double, standardizedCut: Double, margin: Double, nonNegative: Bool) {
        self.sharedContrast = sharedContrast
        self.standardizedContrast = standardizedContrast
        self.sharedCut = sharedCut
        self.standardizedCut = standardizedCut
        self.margin = margin
        self.nonNegative = nonNegative
    }

    /// Whether the contrasts lie apart by the margin, so that they decide.
    public var contrastDecides: Bool { abs(standardizedContrast - sharedContrast) > Self.contrastMargin }

    /// Whether standardising wins.
    public var standardizes: Bool {
        if contrastDecides { return standardizedContrast < sharedContrast }
        return JudgeRule(margin: margin, fitVeto: nil)
            .challengerWins(JudgedLabelling(cut: standardizedCut, fit: nil), over: JudgedLabelling(cut: sharedCut, fit: nil))
    }

    /// The scaling the run uses: when standardising wins, `log` for a table of non-negative values, as
    /// `--scaling auto` standardises such tables (docs/benchmark.md, *Skewed tables and the log scale*).
    public var chosen: FeatureScaling { standardizes ? FeatureScaling.autoStandardizing(nonNegative: nonNegative).scaling : .shared }

    /// The check in words for the report, to follow the table's own reason for the shared scale.
    public var reason: String {
        let contrasts =
            "contrast, k-means' cut over an unclustered reference's: \(Self.twoPlaces(standardizedContrast)) standardised against \(Self.twoPlaces(sharedContrast)) shared, margin \(Self.twoPlaces(Self.contrastMargin))"
        let sums =
            "cuts on both views' neighbour graphs: \(Self.twoPlaces(standardizedCut)) against \(Self.twoPlaces(sharedCut)), margin \(Self.twoPlaces(margin))"
        let judged =
            contrastDecides
            ? "k-means finds \(standardizes ? "clearer" : "less clear") clusters in the standardised features (\(contrasts))"
            : "k-means finds clusters as clear in both views (\(contrasts)), and on the standardised features it cuts both views' graphs \(standardizes ? "clearly lower" : "not clearly lower") (\(sums))"
        return standardizes
            ? "\(judged): \(FeatureScaling.autoStandardizing(nonNegative: nonNegative).words)"
            : "\(judged): centred and divided by one common spread, keeping their relative weight"
    }

    private static func twoPlaces(_ value: Double) -> String { String(format: "%.2f", value) }
}
