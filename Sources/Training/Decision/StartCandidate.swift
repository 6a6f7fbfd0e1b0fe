import Clustering
import DCNCore
import DCNMath

/// One way of finding DCN's start (epoch 0) from the pretrained codes and the scaled input. To add a
/// candidate, add a type that conforms and name it in ``StartPolicy``.
protocol StartCandidate {
    /// The recorded name of the start it gives.
    var partition: StartPartition { get }
    /// Proposes a partition, its centres in code space and how DCN holds it.
    func propose(_ context: inout StartContext) -> ProposedStart
}

/// A candidate's proposal.
struct ProposedStart {
    /// `k × latentDimensions`.
    var centers: Matrix
    /// Each sample's cluster.
    var assignments: [Int32]
    /// Whether DCN holds the partition.
    var hold: Hold

    /// A partition found outside the codes, held, with centres at its clusters' mean codes.
    static func held(_ assignments: [Int32], codes: Matrix, clusterCount: Int) -> ProposedStart {
        ProposedStart(centers: BoundaryMerge.means(codes, assignments, clusterCount), assignments: assignments, hold: .held)
    }
}

/// What the candidates see: the data, the codes, the run's settings and the training random stream
/// (which only k-means on the codes, computed before the choice, and the boundary merge draw from).
struct StartContext {
    /// The scaled input, `N × D`.
    let data: Matrix
    /// The pretrained codes, `N × latentDimensions`.
    let codes: Matrix
    /// The run's settings.
    let configuration: DCNConfiguration
    /// The training stream, continued after the start by shuffling.
    var generator: SplitMix64
    /// k-means on the codes (the AE + k-means baseline), which every run computes.
    let kmeansOnCodes: KMeansResult
    /// k-means on the scaled input when the caller computed it as the raw baseline (the same partition as
    /// ``KMeansOnInputStart/partition(of:configuration:)``).
    let knownInputKMeans: [Int32]?

    /// k.
    var clusterCount: Int { configuration.clusterCount }
}
