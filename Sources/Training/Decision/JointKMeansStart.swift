import Clustering
import DCNCore
import DCNMath

/// k-means on the scaled input and the codes side by side, each view weighted equally (``JointSpace``),
/// held: the codes can cluster worse than the input they encode (a table that already is a Gaussian
/// mixture), and this start keeps what k-means sees in either. Its restarts draw from a stream of their
/// own, so choosing it leaves every other draw unchanged.
struct JointKMeansStart: StartCandidate {
    let partition = StartPartition.joint

    func propose(_ context: inout StartContext) -> ProposedStart {
        let configuration = context.configuration
        var generator = SplitMix64.stream(seed: configuration.seed, .jointKMeans)
        let joint = KMeans(clusterCount: configuration.clusterCount, restarts: configuration.kmeansRestarts)
            .fit(JointSpace.combine(context.data, context.codes), using: &generator)
        return .held(joint.assignments, codes: context.codes, clusterCount: configuration.clusterCount)
    }
}
