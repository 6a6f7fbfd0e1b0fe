/// How DCN's starting centres and assignments are found in the pretrained latent space.
public enum StartPartition: String, CaseIterable, Codable, Sendable {
    /// k-means++ with restarts (paper Algorithm 1).
    case kmeans
    /// A boundary merge (the Clustering module's `BoundaryMerge`): over-cluster, then merge micro-clusters along dense boundaries,
    /// which finds curved or elongated clusters that k-means cuts wrongly.
    case merged
    /// k-means on the scaled input and the codes side by side, each view weighted equally (the Clustering
    /// module's `JointSpace`), held like a boundary merge until DCN has made it nearest-centre cells of the
    /// codes. The pretrained codes can cluster worse than the input they encode (a table that is already a
    /// Gaussian mixture); this start keeps what k-means sees in either.
    case joint
    /// k-means on the scaled input alone (the raw k-means baseline's partition), held like a boundary
    /// merge. `auto` takes it only when the pretrained codes lost what the input shows: when the start it
    /// would otherwise take cuts clearly worse than it on a nearest-neighbour graph of the input *and*
    /// fits the input worse as a mixture of Gaussians (the end judge's test, ``StartCheck``).
    case input
    /// k-means on the codes and the boundary merge are compared by normalised cut on a nearest-neighbour
    /// graph of the codes (labels are never read; see ``StartCriterion``): the merge starts when it cuts
    /// lower, the joint start otherwise; and either gives way to k-means on the input when that is clearly
    /// better on the input (``input``). Costs the merge (k-means with 10·k centres on at most 10,000
    /// codes), a 10-nearest-neighbour graph over at most 3,000 codes and, when the merge loses, the joint
    /// k-means.
    case auto

    /// How the report names a start from this partition.
    public var title: String {
        switch self {
        case .kmeans: "k-means"
        case .merged: "boundary merge"
        case .joint: "joint k-means (input and codes together)"
        case .input: "k-means on the input"
        case .auto: "auto"
        }
    }

    /// Whether DCN holds this start's assignments at first because they are not nearest-centre cells of the codes.
    public var isHeld: Bool { self == .merged || self == .joint || self == .input }
}

/// The graph on which the candidate starts' normalised cuts were measured.
public enum StartCriterion: String, Codable, Sendable {
    /// The boundary merge's own micro-cluster graph (runs recorded before the neighbour graph).
    case mergeGraphCut
    /// A 10-nearest-neighbour graph over at most 3,000 codes, built from the codes alone.
    case neighbourGraphCut

    /// How the report names it.
    public var title: String {
        switch self {
        case .mergeGraphCut: "normalised cut on the merge's micro-cluster graph"
        case .neighbourGraphCut: "normalised cut on a 10-nearest-neighbour graph of the codes"
        }
    }
}

/// The start a run used, with the normalised cuts of both candidates when they were compared.
public struct StartChoice: Codable, Equatable, Sendable {
    /// The partition DCN started from.
    public var partition: StartPartition
    /// Normalised cut of k-means's partition, when computed.
    public var kmeansCut: Double?
    /// Normalised cut of the boundary merge, when computed.
    public var mergedCut: Double?
    /// The graph both cuts were measured on; absent in recordings made before it was recorded, whose
    /// cuts are on the merge's own graph.
    public var criterion: StartCriterion?
    /// What DCN's clustering term was divided by, the codes' total variance at the start
    /// (``ClusteringScale``); absent when it was not divided (and in recordings made before it was recorded).
    public var clusteringDivisor: Double?
    /// Under `auto`: how the start it would otherwise have taken (`merged` or `joint`) and k-means on the
    /// input compared on the input (``StartCheck``); absent in recordings made before it was recorded.
    public var inputCheck: StartCheck?

    /// Creates a value from its parts.
    public init(partition: StartPartition, kmeansCut: Double?, mergedCut: Double?, criterion: StartCriterion? = nil) {
        self.partition = partition
        self.kmeansCut = kmeansCut
        self.mergedCut = mergedCut
        self.criterion = criterion
    }
}

/// `auto`'s last test of its start: the candidate it chose on the codes (a boundary merge or the joint
/// k-means) against k-means on the scaled input, judged on the input as the end of a run judges DCN —
/// normalised cut on a 10-nearest-neighbour graph of the input (lower is better) and fit as a mixture of
/// spherical Gaussians (higher is better). When the autoencoder's codes lost the structure the input
/// shows (noisy signals whose codes cluster worse than the raw samples), the candidate loses on both, and
/// the run starts from the input's k-means instead. Labels are never read.
public struct StartCheck: Codable, Equatable, Sendable {
    /// The candidate's normalised cut on the input's graph.
    public var candidateCut: Double
    /// The candidate's mixture fit; nil when one of its clusters has too few samples to fit.
    public var candidateFit: Double?
    /// k-means on the input: its normalised cut on the same graph.
    public var inputCut: Double
    /// k-means on the input: its mixture fit.
    public var inputFit: Double?
    /// How much lower the input's cut must be (0.02 per cluster, the end judge's margin).
    public var margin: Double

    /// Creates a value from its parts.
    public init(candidateCut: Double, candidateFit: Double?, inputCut: Double, inputFit: Double?, margin: Double) {
        self.candidateCut = candidateCut
        self.candidateFit = candidateFit
        self.inputCut = inputCut
        self.inputFit = inputFit
        self.margin = margin
    }

    /// Whether k-means on the input is clearly better (``JudgeRule/startCheck(clusterCount:)`` with the
    /// recorded margin): its cut lower by more than the margin, its fit measured and at least the candidate's
    /// (a candidate without a fit has a collapsed cluster).
    public var inputWins: Bool {
        JudgeRule(margin: margin, fitVeto: .startCheck)
            .challengerWins(JudgedLabelling(cut: inputCut, fit: inputFit), over: JudgedLabelling(cut: candidateCut, fit: candidateFit))
    }
}
