import Clustering
import DCNMath
import DCNCore
import Scoring

extension DCNTrainer {
    /// The start (epoch 0): k-means on the pretrained codes, or a boundary merge when it cuts better.
    func initialClustering() throws -> ClusterState {
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
            return kmeansState
        }
        let merge = BoundaryMerge(clusterCount: k).fit(codes, using: &generator)
        let kmeansCut = merge.graph.normalizedCut(
            groups: merge.graph.majorityGroups(of: merge.sample.map { kmeans.assignments[$0] }, clusterCount: k))
        let useMerge = configuration.startPartition == .merged || merge.normalizedCut < kmeansCut
        startChoice = StartChoice(partition: useMerge ? .merged : .kmeans, kmeansCut: kmeansCut, mergedCut: merge.normalizedCut)
        guard useMerge else { return kmeansState }
        return ClusterState(centers: merge.centers, assignments: merge.assignments, counts: counts, isNearestCenterPartition: false)
    }
}
