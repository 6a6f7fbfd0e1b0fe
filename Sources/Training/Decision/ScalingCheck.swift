import Clustering
public import DCNCore
import DCNMath
import Foundation

/// `--scaling auto`'s check for a table whose features' spreads lie close enough to keep (the data set's
/// preferred scaling, `shared`): k-means on the features under each scaling, and each labelling's normalised
/// cut on both scaled views' neighbour graphs, summed. The challenger (standardising) replaces the
/// incumbent when its sum is lower by the margin (``JudgeRule/scalingCheck(clusterCount:)``): a labelling
/// that only one view's geometry supports cuts the other view's graph badly.
///
/// Its draws use seed 0 whatever the run's seed, so every seed of a table trains on the same scaling.
public struct ScalingCheck: Sendable {
    /// The scaling that stands unless beaten (`shared`).
    public let incumbent: FeatureScaling
    /// The scaling that challenges it (`standardize`).
    public let challenger: FeatureScaling
    /// k-means on the incumbent's view: its normalised cuts on both views' graphs, summed.
    public let incumbentCut: Double
    /// k-means on the challenger's view: its normalised cuts on both views' graphs, summed.
    public let challengerCut: Double
    /// How much lower the challenger's sum must be.
    public let margin: Double

    /// The seed of the check's draws, whatever the run's.
    static let seed: UInt64 = 0

    /// Judges the two scalings of `features`.
    /// - Parameters:
    ///   - features: The unscaled table (rows are samples).
    ///   - incumbent: The preferred scaling.
    ///   - challenger: The scaling that challenges it.
    ///   - clusterCount: k.
    ///   - restarts: k-means restarts (the run's).
    public init(features: Matrix, incumbent: FeatureScaling, challenger: FeatureScaling, clusterCount: Int, restarts: Int) {
        self.incumbent = incumbent
        self.challenger = challenger
        margin = JudgeRule.scalingCheck(clusterCount: clusterCount).margin
        let views = [incumbent, challenger].map { scaling -> Matrix in
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
        incumbentCut = sums[0]
        challengerCut = sums[1]
    }

    /// Whether the challenger wins.
    public var challengerWins: Bool {
        JudgeRule(margin: margin, fitVeto: nil)
            .challengerWins(JudgedLabelling(cut: challengerCut, fit: nil), over: JudgedLabelling(cut: incumbentCut, fit: nil))
    }

    /// The scaling the run uses.
    public var chosen: FeatureScaling { challengerWins ? challenger : incumbent }

    /// The check in words for the report, to follow the table's own reason for the incumbent.
    public var reason: String {
        let sums = "\(Self.twoPlaces(challengerCut)) against \(Self.twoPlaces(incumbentCut)), margin \(Self.twoPlaces(margin))"
        return challengerWins
            ? "k-means on the \(challenger.adjective) features cuts both views' neighbour graphs clearly lower (\(sums)): \(challenger.effect)"
            : "k-means on the \(challenger.adjective) features does not cut both views' neighbour graphs clearly lower (\(sums)): \(incumbent.effect)"
    }

    private static func twoPlaces(_ value: Double) -> String { String(format: "%.2f", value) }
}

extension FeatureScaling {
    /// How the features are after this scaling, in words.
    fileprivate var adjective: String {
        switch self {
        case .none: "unscaled"
        case .unit: "unit-scaled"
        case .minmax: "min-max-scaled"
        case .standardize: "standardised"
        case .shared: "shared-scale"
        }
    }

    /// What this scaling does, in words.
    fileprivate var effect: String {
        switch self {
        case .none: "values used as they are"
        case .unit: "divided by the largest value"
        case .minmax: "each feature mapped to 0–1"
        case .standardize: "each feature standardised to mean 0 and variance 1"
        case .shared: "centred and divided by one common spread, keeping their relative weight"
        }
    }
}
