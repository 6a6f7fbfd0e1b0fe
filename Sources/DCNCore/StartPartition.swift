/// How DCN's starting centres and assignments are found in the pretrained latent space.
public enum StartPartition: String, CaseIterable, Codable, Sendable {
    /// k-means++ with restarts (paper Algorithm 1).
    case kmeans
    /// A boundary merge (the Clustering module's `BoundaryMerge`): over-cluster, then merge micro-clusters along dense boundaries,
    /// which finds curved or elongated clusters that k-means cuts wrongly.
    case merged
    /// Both; the one with the lower normalised cut on the merge's micro-cluster graph wins (labels are
    /// never read). Costs one k-means with 10·k centres on at most 10,000 codes.
    case auto
}

/// The start a run used, with the normalised cuts of both candidates when they were compared.
public struct StartChoice: Codable, Equatable, Sendable {
    /// The partition DCN started from.
    public var partition: StartPartition
    /// Normalised cut of k-means's partition on the merge's micro-cluster graph, when computed.
    public var kmeansCut: Double?
    /// Normalised cut of the boundary merge, when computed.
    public var mergedCut: Double?

    /// Creates a value from its parts.
    public init(partition: StartPartition, kmeansCut: Double?, mergedCut: Double?) {
        self.partition = partition
        self.kmeansCut = kmeansCut
        self.mergedCut = mergedCut
    }
}
