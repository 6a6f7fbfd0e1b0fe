import DCNCore

/// k-means++ with restarts on the pretrained codes (paper Algorithm 1): nearest-centre cells, not held.
struct KMeansOnCodesStart: StartCandidate {
    let partition = StartPartition.kmeans

    func propose(_ context: inout StartContext) -> ProposedStart {
        ProposedStart(centers: context.kmeansOnCodes.centers, assignments: context.kmeansOnCodes.assignments, hold: .nearestCentre)
    }
}
