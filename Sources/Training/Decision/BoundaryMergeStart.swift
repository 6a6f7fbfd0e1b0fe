import Clustering
import DCNCore

/// Over-cluster the codes, then merge micro-clusters along dense boundaries (``BoundaryMerge``): finds
/// curved or elongated clusters that k-means cuts wrongly. Held, with the merge's own centres.
struct BoundaryMergeStart: StartCandidate {
    let partition = StartPartition.merged

    /// Whether there are enough codes per cluster to merge.
    static func applies(to context: StartContext) -> Bool {
        context.codes.rows >= DecisionTuning.mergeMinimumSamplesPerCluster * context.clusterCount
    }

    func propose(_ context: inout StartContext) -> ProposedStart {
        let merge = BoundaryMerge(
            clusterCount: context.clusterCount,
            microClustersPerCluster: DecisionTuning.mergeMicroClustersPerCluster,
            sampleCap: DecisionTuning.mergeSampleCap, candidates: DecisionTuning.mergeCandidates
        )
        .fit(context.codes, using: &context.generator)
        return ProposedStart(centers: merge.centers, assignments: merge.assignments, hold: .held)
    }
}
