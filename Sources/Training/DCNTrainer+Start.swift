import Clustering
import DCNMath
import DCNCore
import Scoring

extension DCNTrainer {
    /// Nearest neighbours per code in the graph that judges the candidate starts.
    static let judgeNeighbours = 10

    /// The start (epoch 0): under `auto`, a boundary merge when it cuts better than k-means on the codes,
    /// else the joint start (k-means on the input and the codes together, ``jointStart(codes:counts:)``);
    /// either gives way to k-means on the input when that is clearly better on the input (``StartCheck``).
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
        switch configuration.startPartition {
        case .kmeans:
            startChoice = StartChoice(partition: .kmeans, kmeansCut: nil, mergedCut: nil)
            return (kmeansState, codes)
        case .joint:
            startChoice = StartChoice(partition: .joint, kmeansCut: nil, mergedCut: nil)
            return (jointStart(codes: codes, counts: counts), codes)
        case .input:
            startChoice = StartChoice(partition: .input, kmeansCut: nil, mergedCut: nil)
            return (heldStart(inputKMeans(), codes: codes, counts: counts), codes)
        case .merged, .auto:
            break
        }
        guard codes.rows >= 2 * k else {
            startChoice = StartChoice(partition: .kmeans, kmeansCut: nil, mergedCut: nil)
            return (kmeansState, codes)
        }
        let merge = BoundaryMerge(clusterCount: k).fit(codes, using: &generator)
        var judgeGenerator = SplitMix64.stream(seed: configuration.seed, 5)
        let judge = NeighbourGraph(points: codes, neighbours: Self.judgeNeighbours, using: &judgeGenerator)
        let kmeansCut = judge.normalizedCut(of: kmeans.assignments, clusterCount: k)
        let mergedCut = judge.normalizedCut(of: merge.assignments, clusterCount: k)
        let useMerge = configuration.startPartition == .merged || mergedCut < kmeansCut
        // When the codes' own k-means cuts better than the merge, the codes show no curved or chained
        // clusters for the merge to find, and a compact partition is wanted; the joint start is that
        // partition with what k-means sees in the input kept beside it (measured in docs/results.md).
        var choice = StartChoice(partition: useMerge ? .merged : .joint, kmeansCut: kmeansCut, mergedCut: mergedCut,
                                 criterion: .neighbourGraphCut)
        let candidate = useMerge
            ? ClusterState(centers: merge.centers, assignments: merge.assignments, counts: counts, isNearestCenterPartition: false)
            : jointStart(codes: codes, counts: counts)
        defer { startChoice = choice }
        guard configuration.startPartition == .auto else { return (candidate, codes) }
        let input = inputKMeans()
        let check = checkAgainstInput(candidate.assignments, input)
        choice.inputCheck = check
        guard check.inputWins else { return (candidate, codes) }
        choice.partition = .input
        return (heldStart(input, codes: codes, counts: counts), codes)
    }

    /// k-means on the scaled input: the raw k-means baseline's partition when the run computed it, else
    /// the same k-means (its random stream) run here.
    private func inputKMeans() -> [Int32] {
        if let known = inputKMeansAssignments { return known }
        var inputGenerator = SplitMix64.stream(seed: configuration.seed, 4)
        return KMeans(clusterCount: configuration.clusterCount, restarts: configuration.kmeansRestarts)
            .fit(data, using: &inputGenerator).assignments
    }

    /// Judges `candidate` against k-means on the input on the input's graph, with the end judge's graph
    /// and margin (its own random stream, so every other draw of the run is unchanged).
    private func checkAgainstInput(_ candidate: [Int32], _ input: [Int32]) -> StartCheck {
        var judgeGenerator = SplitMix64.stream(seed: configuration.seed, 6)
        let judge = PartitionJudge(points: data, clusterCount: configuration.clusterCount, using: &judgeGenerator)
        return StartCheck(candidateCut: judge.score(candidate), candidateFit: judge.fit(candidate),
                          inputCut: judge.score(input), inputFit: judge.fit(input),
                          margin: Self.worseMarginPerCluster * Double(configuration.clusterCount))
    }

    /// A partition found outside the codes, held with centres at its clusters' mean codes.
    private func heldStart(_ assignments: [Int32], codes: Matrix, counts: [Int]) -> ClusterState {
        ClusterState(centers: BoundaryMerge.means(codes, assignments, configuration.clusterCount), assignments: assignments,
                     counts: counts, isNearestCenterPartition: false)
    }

    /// k-means on the scaled input and the codes side by side (``JointSpace``), held with centres at its
    /// clusters' mean codes. Its restarts draw from a stream of their own, so choosing it leaves every
    /// other draw of the run unchanged.
    private func jointStart(codes: Matrix, counts: [Int]) -> ClusterState {
        let k = configuration.clusterCount
        var jointGenerator = SplitMix64.stream(seed: configuration.seed, 7)
        let joint = KMeans(clusterCount: k, restarts: configuration.kmeansRestarts)
            .fit(JointSpace.combine(data, codes), using: &jointGenerator)
        return heldStart(joint.assignments, codes: codes, counts: counts)
    }
}
