import Clustering
public import DCNCore
import DCNMath
import Foundation

/// `--scaling auto`'s check for a table whose features' spreads lie close enough to keep (the data set's
/// preferred scaling, `shared`): whether the standardised features should replace the shared ones.
///
/// k-means labels each view, and each labelling's **contrast** judges it (0.9.0): its normalised cut of its
/// own view's neighbour graph over the cut k-means makes of an unclustered reference of that view
/// (``ClusterContrast``): near 1 when k-means only splits a cloud (columns of loud noise decide the shared
/// view's distances), well under 1 when its clusters are real. The shared scale stays only when its
/// contrast is lower by more than ``contrastMargin``; otherwise the features are standardised (0.10.0), as
/// `--scaling auto` does any table it has no reason to keep on one scale. Until 0.10.0 a tie went to a
/// second figure, each labelling's cuts on both views' graphs summed; on the benchmark's development half
/// standardising every tie did as well with one rule fewer (docs/benchmark.md, *Ties of the scaling check*).
///
/// Its draws use seed 0 whatever the run's seed, so every seed of a table trains on the same scaling.
public struct ScalingCheck: Sendable {
    /// The shared features' contrast: their k-means labelling's cut over the reference's.
    public let sharedContrast: Double
    /// The standardised features' contrast.
    public let standardizedContrast: Double
    /// Whether every value of the table is 0 or more: then standardising means `log`, log(1 + x) first.
    public let nonNegative: Bool

    /// How much lower the shared view's contrast must be to keep the shared scale: chosen on the benchmark's
    /// development half against 0.05 and 0.2 (docs/benchmark.md, *The scaling check's contrast*).
    public static let contrastMargin = 0.1

    /// The seed of the check's draws, whatever the run's.
    static let seed: UInt64 = 0

    /// Judges the shared scale of `features` against standardising them.
    /// - Parameters:
    ///   - features: The unscaled table (rows are samples).
    ///   - clusterCount: k.
    ///   - restarts: k-means restarts (the run's).
    public init(features: Matrix, clusterCount: Int, restarts: Int) {
        nonNegative = features.isNonNegative
        let views = [FeatureScaling.shared, .standardize].map { scaling -> Matrix in
            var view = features
            scaling.apply(to: &view)
            return view
        }
        // Every view is measured with the same seed, so both views' graphs hold the same rows.
        let contrasts = views.map { ClusterContrast(of: $0, clusterCount: clusterCount, restarts: restarts, seed: Self.seed).contrast }
        sharedContrast = contrasts[0]
        standardizedContrast = contrasts[1]
    }

    /// A check with the given figures (for tests of the rule).
    init(sharedContrast: Double, standardizedContrast: Double, nonNegative: Bool) {
        self.sharedContrast = sharedContrast
        self.standardizedContrast = standardizedContrast
        self.nonNegative = nonNegative
    }

    /// Whether the shared view's contrast is lower by more than the margin: only then does the shared scale stay.
    public var sharedIsClearer: Bool { standardizedContrast - sharedContrast > Self.contrastMargin }

    /// Whether the contrasts lie within the margin of each other (then the table is standardised).
    public var contrastsTie: Bool { abs(standardizedContrast - sharedContrast) <= Self.contrastMargin }

    /// Whether standardising wins: unless the shared view's clusters are clearly clearer.
    public var standardizes: Bool { !sharedIsClearer }

    /// The scaling the run uses: when standardising wins, `log` for a table of non-negative values, as
    /// `--scaling auto` standardises such tables (docs/benchmark.md, *Skewed tables and the log scale*).
    public var chosen: FeatureScaling { standardizes ? FeatureScaling.autoStandardizing(nonNegative: nonNegative).scaling : .shared }

    /// The check in words for the report, to follow the table's own reason for the shared scale.
    public var reason: String {
        let contrasts =
            "contrast, k-means' cut over an unclustered reference's: \(Self.twoPlaces(standardizedContrast)) standardised against \(Self.twoPlaces(sharedContrast)) shared, margin \(Self.twoPlaces(Self.contrastMargin))"
        let judged =
            contrastsTie
            ? "k-means finds clusters as clear in both views (\(contrasts)), so the features are standardised, as auto does any table it has no reason to keep on one scale"
            : "k-means finds \(standardizes ? "clearer" : "less clear") clusters in the standardised features (\(contrasts))"
        return standardizes
            ? "\(judged): \(FeatureScaling.autoStandardizing(nonNegative: nonNegative).words)"
            : "\(judged): centred and divided by one common spread, keeping their relative weight"
    }

    private static func twoPlaces(_ value: Double) -> String { String(format: "%.2f", value) }
}
