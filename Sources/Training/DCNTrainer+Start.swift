import Clustering
import DCNMath
import DCNCore
import Scoring

extension DCNTrainer {
    /// Nearest neighbours per code in the graph that judges the candidate starts.
    static let judgeNeighbours = 10

    /// The start (epoch 0): k-means on the pretrained codes, or a boundary merge when it cuts better.
    ///
    /// Both candidates are judged on one graph that neither made: a 10-nearest-neighbour graph over at
    /// most 3,000 codes (``NeighbourGraph``), by normalised cut. The merge's own micro-cluster graph would
    /// favour the merge and reward cutting off a few outlying codes (a gap around five points costs
    /// nothing there); on the neighbour graph such a group keeps most of its edges to the rest and
    /// costs nearly a whole unit of cut, while a real cluster of any size does not. The graph's
    /// subsample comes from a random stream of its own, so the choice leaves every other draw unchanged.
    /// - Returns: The start and the pretrained codes it was found on.
    func initialClustering() throws -> (state: ClusterState, codes: Matrix) {
        let codes = autoencoder.encode(data)
        guard codes.isFinite else { throw TrainingError.diverged(phase: .pretrain, epoch: configuration.pretrainEpochs, quantity: "a latent code") }
        let k = configuration.clusterCount
        let kmeans = KMeans(clusterCount: k, restarts: configuration.kmeansRestarts).fit(codes, using: &generator)
        aeKMeansMetrics = evaluationLabels.map { ClusteringMetrics(predicted: kmeans.assignments, truth: $0) }
        let counts = [Int](repeating: configuration.centerCountStart, count: k)
        let kmeansState = ClusterState(centers: kmeans.centers, assignments: kmeans.assignments, counts: counts,
                                       isNearestCenterPartition: true)
        guard configuration.startPartition != .kmeans, codes.rows >= 2 * k else {
            startChoice = StartChoice(partition: .kmeans, kmeansCut: nil, mergedCut: nil)
            return (kmeansState, codes)
        }
        let merge = BoundaryMerge(clusterCount: k).fit(codes, using: &generator)
        var judgeGenerator = SplitMix64.stream(seed: configuration.seed, 5)
        let judge = NeighbourGraph(points: codes, neighbours: Self.judgeNeighbours, using: &judgeGenerator)
        let kmeansCut = judge.normalizedCut(of: kmeans.assignments, clusterCount: k)
        let mergedCut = judge.normalizedCut(of: merge.assignments, clusterCount: k)
        let useMerge = configuration.startPartition == .merged || mergedCut < kmeansCut
        startChoice = StartChoice(partition: useMerge ? .merged : .kmeans, kmeansCut: kmeansCut, mergedCut: mergedCut,
                                  criterion: .neighbourGraphCut)
        guard useMerge else { return (kmeansState, codes) }
        return (ClusterState(centers: merge.centers, assignments: merge.assignments, counts: counts, isNearestCenterPartition: false), codes)
    }
}
