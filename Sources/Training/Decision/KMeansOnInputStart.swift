import Clustering
import DCNCore
import DCNMath

/// k-means on the scaled input alone, held: the raw k-means baseline's partition, for data whose
/// pretrained codes lost what the input shows.
public struct KMeansOnInputStart: StartCandidate {
    let partition = StartPartition.input

    func propose(_ context: inout StartContext) -> ProposedStart {
        let assignments = context.knownInputKMeans ?? Self.partition(of: context.data, configuration: context.configuration)
        return .held(assignments, codes: context.codes, clusterCount: context.clusterCount)
    }

    /// k-means with the run's restarts on the scaled input, from its own random stream: the raw k-means
    /// baseline a run records and this start are this one partition.
    /// - Parameters:
    ///   - data: The scaled input.
    ///   - configuration: The run's k, restarts and seed.
    /// - Returns: The clustering.
    public static func kmeans(of data: Matrix, configuration: DCNConfiguration) -> KMeansResult {
        var generator = SplitMix64.stream(seed: configuration.seed, .inputKMeans)
        return KMeans(clusterCount: configuration.clusterCount, restarts: configuration.kmeansRestarts).fit(data, using: &generator)
    }

    static func partition(of data: Matrix, configuration: DCNConfiguration) -> [Int32] {
        kmeans(of: data, configuration: configuration).assignments
    }
}
