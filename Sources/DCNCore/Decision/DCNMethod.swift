/// Which DCN a run trains, as a paper would name it, with a version that changes whenever the method's
/// recordings change (the identity check, docs/identity-check.sh, is what tells).
public enum DCNMethod: String, CaseIterable, Codable, Sendable {
    /// This tool's DCN (the default): a start chosen without labels among four candidates and held, the
    /// collapse refill, the end judge that may keep the start, and the clustering term's scale
    /// (docs/method.md). Version 1 is the decision as release 0.2.0 made it explicit; version 2 (0.4.0) judges
    /// DCN at the end against the start's own partition, by the cut alone, and can keep a held partition;
    /// version 3 (0.5.0) builds the start check's graph on the input's signal components (principal
    /// components above the noise level), so that noise columns do not decide it; version 4 (0.6.0) refills
    /// a start's collapsed cluster too and never refills by a split that leaves a half collapsed, so that
    /// a few outliers do not end as a cluster of their own; version 5 (0.7.0) refills only a collapsed
    /// cluster under 1 % of the samples, so that a real class of a few per cent is not split away.
    case dcnReport = "dcn-report"
    /// DCN as the paper states it (Yang et al., ICML 2017, Algorithm 1): k-means with restarts on the
    /// pretrained codes, no hold, no refill, no end judge, the clustering term as the paper writes it.
    case paper

    /// The method's version, recorded in `run.json`; bumped whenever its recordings change.
    public var version: Int {
        switch self {
        case .dcnReport: 5
        case .paper: 1
        }
    }

    /// How the report and the Methods paragraph name it.
    public var title: String {
        switch self {
        case .dcnReport: "dcn-report's DCN"
        case .paper: "DCN as the paper states it"
        }
    }

    /// The settings (by `DCNConfiguration` field) this method fixes; a flag for one of them is refused.
    public var fixedFields: [String] {
        switch self {
        case .dcnReport: []
        case .paper: ["startPartition", "refillCollapsedClusters", "keepBetter", "clusteringScale"]
        }
    }

    /// Sets the fields this method fixes.
    public func apply(to configuration: inout DCNConfiguration) {
        guard self == .paper else { return }
        configuration.startPartition = .kmeans
        configuration.refillCollapsedClusters = false
        configuration.keepBetter = false
        configuration.clusteringScale = .paper
    }
}

/// The method a run used, as `run.json` records it.
public struct MethodInfo: Codable, Equatable, Sendable {
    /// `dcn-report` or `paper`.
    public var name: DCNMethod
    /// The method's version.
    public var version: Int

    /// The current version of `method`.
    public init(_ method: DCNMethod) {
        name = method
        version = method.version
    }
}
