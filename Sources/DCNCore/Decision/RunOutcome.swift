/// How a run's final labelling compares with its start and with k-means on the input, judged without
/// labels, and which labelling the run kept.
///
/// The judge is the normalised cut of each labelling on one nearest-neighbour graph of the (scaled)
/// input samples: a labelling that keeps neighbouring samples together scores low. Neither DCN nor its
/// start nor k-means optimises that graph, so it can compare them fairly (see `PartitionJudge` in the
/// Clustering module). A normalised cut prefers clusters of similar size, so DCN counts as worse only when
/// its labelling also fits the input worse as a mixture of Gaussians with clusters of their own size and
/// spread (`MixtureFit`): a DCN that found a small class the start had merged is not thrown away.
public struct RunOutcome: Codable, Equatable, Sendable {
    /// Which labelling the run's last recorded epoch holds.
    public enum Kept: String, Codable, Sendable {
        /// DCN's own, after its last epoch.
        case dcn
        /// The start's (epoch 0 network and centres), because DCN ended clearly worse than it.
        case start
    }

    /// Which labelling the run kept.
    public var kept: Kept
    /// The judge's score of the start's nearest-centre labelling (lower is better).
    public var startScore: Double
    /// The judge's score of DCN's labelling after its last epoch.
    public var dcnScore: Double
    /// The judge's score of k-means on the scaled input, when it was computed.
    public var inputKMeansScore: Double?
    /// The judge's score of the start's own partition (epoch 0's labelling), when that is not its
    /// nearest-centre labelling — a held start (boundary merge, joint or input k-means), which DCN holds until its codes fall into those
    /// cells. The saved model assigns by nearest centre, so the run can keep only ``startScore``'s labelling.
    public var startPartitionScore: Double?
    /// How much higher DCN's score must be than another's to count as worse.
    public var margin: Double
    /// Whether the run was allowed to keep the start (`--keep-better`).
    public var keepBetter: Bool
    /// The DCN epoch whose labelling was judged (the last one trained).
    public var dcnEpoch: Int
    /// The mixture fit (higher is better) of each labelling, where recorded: nil for a labelling with a
    /// collapsed cluster, and in recordings made before the fit was (all four nil: the cut alone decides).
    public var dcnFit: Double?
    /// The mixture fit of the start's nearest-centre labelling.
    public var startFit: Double?
    /// The mixture fit of the start's own partition (a held start).
    public var startPartitionFit: Double?
    /// The mixture fit of k-means on the scaled input.
    public var inputKMeansFit: Double?

    /// Creates a value from its parts.
    public init(
        kept: Kept, startScore: Double, dcnScore: Double, inputKMeansScore: Double?, margin: Double, keepBetter: Bool,
        dcnEpoch: Int, startPartitionScore: Double? = nil
    ) {
        self.kept = kept
        self.startScore = startScore
        self.dcnScore = dcnScore
        self.inputKMeansScore = inputKMeansScore
        self.margin = margin
        self.keepBetter = keepBetter
        self.dcnEpoch = dcnEpoch
        self.startPartitionScore = startPartitionScore
    }

    /// The rule these numbers were judged by (``JudgeRule/end(clusterCount:)``, with the recorded margin).
    public var rule: JudgeRule { JudgeRule(margin: margin, fitVeto: .end) }
    /// DCN's labelling as the judge saw it.
    public var dcnLabelling: JudgedLabelling { JudgedLabelling(cut: dcnScore, fit: dcnFit) }

    /// Whether DCN's labelling ended clearly worse than its start's: the start's normalised cut lower by more
    /// than the margin and DCN's mixture fit not at least the start's.
    public var dcnWorseThanStart: Bool { rule.challengerWins(JudgedLabelling(cut: startScore, fit: startFit), over: dcnLabelling) }
    /// Whether DCN's labelling ended clearly worse than its start's own partition (a held start).
    public var dcnWorseThanStartPartition: Bool {
        startPartitionScore.map { rule.challengerWins(JudgedLabelling(cut: $0, fit: startPartitionFit), over: dcnLabelling) } ?? false
    }
    /// Whether DCN's labelling ended clearly worse than k-means on the input.
    public var dcnWorseThanInputKMeans: Bool {
        inputKMeansScore.map { rule.challengerWins(JudgedLabelling(cut: $0, fit: inputKMeansFit), over: dcnLabelling) } ?? false
    }
}
