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
    /// Which of the start's labellings challenges DCN's at the end.
    public enum EndChallenger: String, Codable, Sendable {
        /// The start's own partition: a held start's partition as it was held (method version 2).
        case startPartition = "start-partition"
    }

    /// Which labelling the run's last recorded epoch holds.
    public enum Kept: String, Codable, Sendable {
        /// DCN's own, after its last epoch.
        case dcn
        /// The start's (epoch 0 network and centres, and its own partition), because DCN ended clearly worse than it.
        case start
    }

    /// Which labelling of the start challenges DCN's at the end (``EndChallenger``); nil in recordings made
    /// before method version 2, whose challenger was the start's nearest-centre labelling.
    public var challenger: EndChallenger?
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
    /// cells. Since method version 2 it is what challenges DCN, and a run may keep it (``savedModelAgreement``).
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
    /// When the run kept a held start's own partition: the share of samples the saved model (the start's
    /// network and centres, assigning by nearest centre) gives that partition's label. nil otherwise.
    public var savedModelAgreement: Double?

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

    /// The rule these numbers were judged by, with the recorded margin: ``JudgeRule/end(clusterCount:)`` (the
    /// cut alone), or for a recording without ``challenger`` the rule of method version 1, whose fit could veto.
    public var rule: JudgeRule {
        challenger == nil ? JudgeRule(margin: margin, fitVeto: .endVersion1) : JudgeRule(margin: margin, fitVeto: nil)
    }
    /// DCN's labelling as the judge saw it.
    public var dcnLabelling: JudgedLabelling { JudgedLabelling(cut: dcnScore, fit: dcnFit) }
    /// The start's labelling that challenges DCN's: its own partition (``startPartitionScore``, a held
    /// start) when ``challenger`` says so and it was judged, else its nearest-centre labelling.
    public var challengingStart: JudgedLabelling {
        if challenger == .startPartition, let startPartitionScore {
            return JudgedLabelling(cut: startPartitionScore, fit: startPartitionFit)
        }
        return JudgedLabelling(cut: startScore, fit: startFit)
    }
    /// Whether the challenging labelling is a held start's own partition rather than nearest-centre cells.
    public var challengerIsHeldPartition: Bool { challenger == .startPartition && startPartitionScore != nil }

    /// Whether DCN's labelling ended clearly worse than its start's (``challengingStart``): the start's
    /// normalised cut lower by more than the margin (and, under method version 1, DCN's fit not at least the start's).
    public var dcnWorseThanStart: Bool { rule.challengerWins(challengingStart, over: dcnLabelling) }
    /// Whether DCN's labelling ended clearly worse than its start's own partition (a held start) while the
    /// run could not keep that partition (a recording of method version 1).
    public var dcnWorseThanStartPartition: Bool {
        guard !challengerIsHeldPartition else { return false }
        return startPartitionScore.map { rule.challengerWins(JudgedLabelling(cut: $0, fit: startPartitionFit), over: dcnLabelling) } ?? false
    }
    /// Whether DCN's labelling ended clearly worse than k-means on the input.
    public var dcnWorseThanInputKMeans: Bool {
        inputKMeansScore.map { rule.challengerWins(JudgedLabelling(cut: $0, fit: inputKMeansFit), over: dcnLabelling) } ?? false
    }
}
