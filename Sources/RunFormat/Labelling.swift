public import Scoring

/// Every labelling a run folder may score in `run.json`'s `baselines[]`: the one list of ids and titles.
///
/// The recorder writes these ids, the report orders its scores table by them, `compare` makes its columns
/// from them, and the Python writer's `BASELINE_TITLES` is checked against them (PythonPackageTests).
/// Other writers may record ids of their own; those keep the title they recorded.
public enum Labelling: String, CaseIterable, Codable, Sendable {
    // In report order: DCN's own labelling first (the headline), then its other labellings, then the baselines.
    /// The start restored at the end because DCN ended worse than it (``RunOutcome``).
    case keptStart = "kept-start"
    /// Every sample at its nearest centre in the last epoch's codes: DCN's own labelling.
    case dcnNearestCentre = "dcn-nearest-centre"
    /// k-means run afresh on the last epoch's codes.
    case dcnFinalKMeans = "dcn-final-kmeans"
    /// The assignments made during the last epoch, as the network moved.
    case dcnOnline = "dcn-online"
    /// The boundary-merge start (epoch 0), when the run started from it.
    case aeMergedStart = "ae-merged-start"
    /// The joint k-means start (epoch 0): k-means on the input and the codes together, when the run started from it.
    case aeJointStart = "ae-joint-start"
    /// k-means on the pretrained codes (epoch 0).
    case aeKMeans = "ae-kmeans"
    /// k-means on the scaled input.
    case kmeansRaw = "kmeans-raw"

    /// The id recorded in `run.json`.
    public var id: String { rawValue }

    /// The title of a column or row that shows this labelling.
    public var title: String {
        switch self {
        case .keptStart: "Start kept"
        case .dcnNearestCentre: "DCN nearest centre"
        case .dcnFinalKMeans: "DCN + final k-means"
        case .dcnOnline: "DCN online"
        case .aeMergedStart: "AE + boundary-merge start"
        case .aeJointStart: "AE + joint k-means start"
        case .aeKMeans: "AE + k-means"
        case .kmeansRaw: "k-means on raw input"
        }
    }

    /// The title recorded in `run.json`, naming the epoch where one epoch is meant.
    /// - Parameter epoch: The epoch the labelling was taken at, when it names one.
    public func recordedTitle(epoch: Int? = nil) -> String {
        switch self {
        case .keptStart: "Run's labelling: the start, kept (epoch \(epoch ?? 0))"
        case .dcnNearestCentre: "DCN (nearest centre, epoch \(epoch ?? 0))"
        case .dcnOnline: "DCN online assignments"
        case .aeMergedStart: "AE + boundary-merge start (epoch 0)"
        case .aeJointStart: "AE + joint k-means start (epoch 0)"
        case .aeKMeans: epoch == nil ? "AE + k-means" : "AE + k-means (epoch 0)"
        case .dcnFinalKMeans, .kmeansRaw: title
        }
    }

    /// Where a recorded id sorts in the report: these in case order, any other id after them.
    public static func rank(of id: String) -> Int {
        Labelling(rawValue: id).flatMap { allCases.firstIndex(of: $0) } ?? allCases.count
    }
}

extension Baseline {
    /// A labelling's scores under its recorded title.
    /// - Parameters:
    ///   - labelling: Which labelling.
    ///   - epoch: The epoch its title names, if any (see ``Labelling/recordedTitle(epoch:)``).
    ///   - metrics: Its scores.
    public init(_ labelling: Labelling, epoch: Int? = nil, metrics: ClusteringMetrics) {
        self.init(id: labelling.rawValue, title: labelling.recordedTitle(epoch: epoch), metrics: metrics)
    }

    /// The labelling this entry scores, when it is one dcn-report knows.
    public var labelling: Labelling? { Labelling(rawValue: id) }
}
