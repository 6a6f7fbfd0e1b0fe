public import Clustering
public import DCNCore
public import RunFormat
public import Scoring

/// The model's state at the end of an epoch, as the trainer reports it to observers.
public struct EpochSnapshot: Sendable {
    /// 0 for the state after pretraining and the start partition, then 1, 2, … per DCN epoch.
    public var epoch: Int
    /// Which phase produced this state.
    public var phase: TrainingPhase
    /// f(x) of every sample, `n × latentDimensions`, computed after the epoch.
    public var latent: Matrix
    /// Each sample's nearest centre in ``latent``.
    public var assignments: [Int32]
    /// The cluster centres M, `k × latentDimensions`.
    public var centers: Matrix
    /// The decoder's image of each centre, g(m_k), `k × inputDimensions`, in the scaled input space.
    public var decodedCenters: Matrix
    /// Epoch-mean losses.
    public var losses: EpochLosses
    /// Metrics of ``assignments`` against the evaluation labels, when given.
    public var metrics: ClusteringMetrics?
    /// Samples per cluster.
    public var clusterSizes: [Int]
    /// Wall-clock seconds of this epoch's training.
    public var seconds: Double
    /// Clusters that had collapsed during this epoch and were refilled before the snapshot.
    public var refilledClusters: [Int] = []
}

/// What a trainer tells its observers.
public enum TrainingEvent: Sendable {
    /// A pretraining epoch ended with this mean reconstruction loss.
    case pretrainingEpochEnded(epoch: Int, of: Int, reconstruction: Double, seconds: Double)
    /// A state to record: epoch 0 after initialisation, then every DCN epoch.
    case snapshot(EpochSnapshot, of: Int)
    /// Training ended: the final labellings (see ``FinalClustering``).
    case finished(FinalClustering)
}

/// The labellings a finished run offers besides the last snapshot's nearest-centre assignments.
public struct FinalClustering: Sendable {
    /// DCN's online assignments s_i: each sample's cluster from the last time a minibatch visited it
    /// (paper Algorithm 1), in data-set order.
    public var onlineAssignments: [Int32]
    /// A fresh k-means (k-means++, restarts) on the final latent codes, what the official DCN code reports.
    public var finalKMeans: KMeansResult
    /// Scores of ``onlineAssignments`` against the evaluation labels, when given.
    public var onlineMetrics: ClusteringMetrics?
    /// Scores of ``finalKMeans`` against the evaluation labels, when given.
    public var finalKMeansMetrics: ClusteringMetrics?
    /// Scores of k-means on the pretrained codes (AE + k-means), when labels are given.
    public var aeKMeansMetrics: ClusteringMetrics?
    /// The start DCN used and why.
    public var start: StartChoice?
    /// How DCN's labelling compares with its start's, and which the run kept (nil without DCN epochs).
    public var outcome: RunOutcome?

    /// Creates a value from its parts.
    public init(
        onlineAssignments: [Int32], finalKMeans: KMeansResult, onlineMetrics: ClusteringMetrics?,
        finalKMeansMetrics: ClusteringMetrics?, aeKMeansMetrics: ClusteringMetrics? = nil, start: StartChoice? = nil,
        outcome: RunOutcome? = nil
    ) {
        self.onlineAssignments = onlineAssignments
        self.finalKMeans = finalKMeans
        self.onlineMetrics = onlineMetrics
        self.finalKMeansMetrics = finalKMeansMetrics
        self.aeKMeansMetrics = aeKMeansMetrics
        self.start = start
        self.outcome = outcome
    }
}

/// Receives training events; a recorder or a progress printer is one. Throwing stops training.
public protocol TrainingObserver: AnyObject {
    /// Handles one event.
    /// - Parameter event: What happened.
    /// - Throws: Any error, which ends training and reaches the trainer's caller.
    func handle(_ event: TrainingEvent) throws
}
